import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extractFrame, extractFrames } from '../../../core/media/extract-frame.ts';
import { extractRepresentativeFrame } from '../../../core/media/representative-frame.ts';
import { loadImage } from '../../../core/media/load-image.ts';
import { probe } from '../../../core/media/probe.ts';
import { InputError } from '../../../core/domain/errors.ts';
import { withCountingBinary } from '../../helpers/counting-binary.ts';
import { fullDecodeFrames, makeClip, makeTempDir, type ClipOptions } from '../../helpers/make-clips.ts';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
before(async () => ({ dir, cleanup } = await makeTempDir('frames')));
after(() => cleanup());

async function framesOf(clip: string): Promise<Buffer[]> {
  const p = await probe(clip);
  return fullDecodeFrames(clip, p.width, p.height);
}

const equalPixels = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), Buffer.from(b.buffer, b.byteOffset, b.length)) === 0;

const cases: Array<[string, ClipOptions]> = [
  ['CFR 30 fps, 3 s (tail seek path)', { width: 160, height: 90, fps: 30, seconds: 3 }],
  ['VFR, 3 s', { width: 160, height: 90, fps: 24, seconds: 3, vfr: true }],
  ['odd size 161×91', { width: 161, height: 91, fps: 25, seconds: 1 }],
  ['audio runs 1 s past the video', { width: 160, height: 90, fps: 24, seconds: 3, audioSeconds: 4 }],
];

for (const [label, options] of cases) {
  test(`--at last equals the last frame of a full decode: ${label}`, async () => {
    const clip = await makeClip(dir, options);
    const frames = await framesOf(clip);
    const out = join(dir, `last-${label.replace(/\W+/g, '-')}.png`);
    const r = await extractFrame(clip, 'last', out);
    assert.equal(r.index, frames.length - 1);
    const png = await loadImage(out);
    assert.ok(equalPixels(png.data, frames[frames.length - 1]!), 'pixel-identical to the final decoded frame');
    assert.ok(!equalPixels(png.data, frames[frames.length - 2]!), 'and not the one before it');
  });
}

test('"duration − 0.1 s" is not the last frame; first and timed frames are exact', async () => {
  const clip = await makeClip(dir, { fps: 30, seconds: 1 });
  const frames = await framesOf(clip);
  const p = await probe(clip);
  const near = await extractFrame(clip, p.durationSeconds - 0.1, join(dir, 'near.png'));
  assert.equal(near.index, 27, 'duration − 0.1 s lands three frames before the end at 30 fps');
  assert.ok(!equalPixels((await loadImage(near.path)).data, frames[29]!));
  const first = await extractFrame(clip, 'first', join(dir, 'first.png'));
  assert.ok(equalPixels((await loadImage(first.path)).data, frames[0]!));
  const mid = await extractFrame(clip, 0.5, join(dir, 'mid.png'));
  assert.equal(mid.index, 15);
  assert.ok(equalPixels((await loadImage(mid.path)).data, frames[15]!));
  const png = await loadImage(mid.path);
  assert.deepEqual([png.width, png.height], [160, 90], 'source resolution');
});

test('--at out of range is an InputError naming the value; no temp files are left behind', async () => {
  const clip = await makeClip(dir, { fps: 12, seconds: 1, name: 'range.mp4' });
  await assert.rejects(extractFrame(clip, 5, join(dir, 'x.png')), (e: unknown) => e instanceof InputError && /--at 5 is past the end/.test(e.message) && e.message.includes(clip));
  await assert.rejects(extractFrame(clip, -1, join(dir, 'x.png')), (e: unknown) => e instanceof InputError && /negative/.test(e.message));
  const leftovers = (await readdir(dir)).filter((f) => f.includes('.tmp'));
  assert.deepEqual(leftovers, []);
});

test('representative frame: the sharpest segment of a clip whose frames vary in blur wins', async () => {
  // 30 frames in five segments blurred with sigma 6, 3, 0, 3, 6: frames 12–17 are sharp.
  const clip = await makeClip(dir, { width: 160, height: 90, fps: 15, seconds: 2, blurRamp: true });
  const r = await extractRepresentativeFrame(clip, join(dir, 'rep.png'));
  assert.ok(r.index >= 12 && r.index < 18, `picked frame ${r.index}`);
  const frames = await framesOf(clip);
  assert.ok(equalPixels((await loadImage(r.path)).data, frames[r.index]!), 'written at full resolution from the original');
  const best = Math.max(...r.scored.map((s) => s.score));
  assert.equal(r.sharpness.score, best);
});

test('extractFrames: several clips in one ffmpeg, the same PNGs as extractFrame; a damaged clip is named alone', async () => {
  const clips = await Promise.all([
    makeClip(dir, { width: 160, height: 90, fps: 24, seconds: 2 }),
    makeClip(dir, { width: 161, height: 91, fps: 25, seconds: 1 }),
    makeClip(dir, { width: 160, height: 90, fps: 24, seconds: 2, vfr: true }),
  ]);
  const requests = clips.map((video, i) => ({ video, at: [1, 'first', 0.7][i] as number | 'first', out: join(dir, `batch-${i}.png`) }));
  const batch = await withCountingBinary('ffmpeg', dir, async (starts) => {
    const frames = await extractFrames(requests, { processes: 1 });
    assert.equal(await starts(), 1, 'one ffmpeg for three clips');
    return frames;
  });
  for (const [i, r] of requests.entries()) {
    const alone = await extractFrame(r.video, r.at, join(dir, `alone-${i}.png`));
    assert.deepEqual({ ...batch[i], path: '' }, { ...alone, path: '' }, `clip ${i}: same frame`);
    assert.ok(equalPixels((await loadImage(r.out)).data, (await loadImage(alone.path)).data), `clip ${i}: pixel-identical to extractFrame's`);
  }
  assert.deepEqual((await readdir(dir)).filter((f) => f.includes('.tmp')), [], 'no temp file left');

  const damaged = join(dir, 'damaged.mp4');
  await writeFile(damaged, (await readFile(clips[0]!)).subarray(0, 2000));
  await assert.rejects(
    extractFrames([{ video: clips[1]!, at: 'first', out: join(dir, 'ok.png') }, { video: damaged, at: 'first', out: join(dir, 'bad.png') }], { processes: 1 }),
    (err: Error) => err instanceof InputError && err.message.includes(damaged),
  );
});
