import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { InputError } from '../../../core/domain/errors.ts';
import { loadImage } from '../../../core/media/load-image.ts';
import { framingCrop, makeLocalKeyframe } from '../../../core/providers/local/make-local-keyframe.ts';

const mean = (d: Uint8Array) => [0, 1, 2].map((c) => { let s = 0; for (let i = c; i < d.length; i += 3) s += d[i]!; return s / (d.length / 3); });

test('framing crops shrink from wide to detail, keep the output aspect and stay inside the source', () => {
  let prev = Infinity;
  for (const framing of ['wide', 'medium', 'close', 'detail'] as const) {
    const c = framingCrop(1000, 1000, 1280, 720, framing, 7);
    assert.ok(c.width < prev || framing === 'wide');
    prev = c.width;
    assert.ok(Math.abs(c.width / c.height - 16 / 9) < 0.02);
    assert.ok(c.left >= 0 && c.top >= 0 && c.left + c.width <= 1000 && c.top + c.height <= 1000);
  }
  assert.deepEqual(framingCrop(1000, 800, 320, 180, 'close', 3), framingCrop(1000, 800, 320, 180, 'close', 3));
});

test('a local keyframe: exact size, reframed, colour moved toward the colour reference', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'keyframe-test-'));
  try {
    const ref = join(dir, 'ref.png');
    await sharp({ create: { width: 400, height: 300, channels: 3, background: '#808080' } })
      .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect x="150" y="100" width="100" height="100" fill="#f0f0f0"/><rect x="0" y="0" width="60" height="300" fill="#202020"/></svg>') }]).png().toFile(ref);
    const warm = join(dir, 'warm.png');
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#d08040' } })
      .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="32" height="64" fill="#a05020"/></svg>') }]).png().toFile(warm);
    const out = join(dir, 'kf.png');
    const r = await makeLocalKeyframe({ reference: ref, framing: 'close', colorReference: warm, width: 320, height: 180, seed: 5, out });
    assert.equal(r.previz, true);
    assert.equal(r.colorTransferred, true);
    assert.match(r.note, /close reframe.*colour transferred/);
    const img = await loadImage(out);
    assert.deepEqual([img.width, img.height], [320, 180]);
    const [rr, , bb] = mean(img.data);
    assert.ok(rr! > bb! + 20, `warmer after transfer: r ${rr} b ${bb}`);
    const plain = await makeLocalKeyframe({ reference: ref, framing: 'wide', width: 320, height: 180, seed: 5, out: join(dir, 'plain.png') });
    assert.equal(plain.colorTransferred, false);
    await assert.rejects(makeLocalKeyframe({ reference: ref, framing: 'extreme' as never, width: 320, height: 180, seed: 1, out }), (e: unknown) => e instanceof InputError && /"framing"/.test(e.message));
    await assert.rejects(makeLocalKeyframe({ reference: join(dir, 'nope.png'), framing: 'wide', width: 320, height: 180, seed: 1, out }), (e: unknown) => e instanceof InputError && /nope\.png/.test(e.message));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
