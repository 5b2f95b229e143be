// loadLookFile with real sharp decoding: the sample look, the analysis cache, EXIF orientation,
// and a decompression bomb that declares 30000x30000 pixels in a few hundred bytes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { loadLookFile } from '../../../core/look/load-look-file.ts';
import { createAnalysisCache } from '../../../core/look/analysis-cache.ts';
import { InputError } from '../../../core/domain/errors.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'look-load-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function bombPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(30000, 0); ihdr.writeUInt32BE(30000, 4); ihdr[8] = 8; ihdr[9] = 2;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(100))), chunk('IEND', Buffer.alloc(0))]);
}
const lookWith = (refs: { path: string; role: string }[]) => ({
  name: 'load test', brief: 'A mug on a table.', references: refs,
  brandKit: { palette: [{ hex: '#112233' }], lighting: 'soft', camera: '35mm' },
});

test('the sample look loads: 4 references + 1 product, measured and hashed', async () => {
  const cacheFile = join(tmp, 'analysis-cache.json');
  const cache = createAnalysisCache(cacheFile);
  const loaded = await loadLookFile(join(root, 'resources', 'sample-look', 'look.json'), { cache });
  assert.equal(loaded.references.length, 4);
  assert.equal(loaded.productShots.length, 1);
  assert.deepEqual(loaded.warnings, []);
  for (const r of [...loaded.references, ...loaded.productShots]) {
    assert.equal(r.analysis.width, 1280);
    assert.equal(r.analysis.height, 720);
    assert.match(r.sha256, /^[0-9a-f]{64}$/);
    assert.ok(r.analysis.sharpness > 0);
    assert.ok(r.analysis.palette.length >= 2);
    assert.ok(Math.abs(r.analysis.palette.reduce((s, c) => s + c.weight, 0) - 1) < 1e-9);
  }
  await cache.save();
  const again = createAnalysisCache(cacheFile);
  assert.equal(again.size, 5, 'analyses persisted by sha256');
  const second = await loadLookFile(join(root, 'resources', 'sample-look', 'look.json'), { cache: again });
  assert.deepEqual(second.references.map((r) => r.analysis), loaded.references.map((r) => r.analysis));
});

test('EXIF orientation is applied and a reference count outside 3–5 is a warning', async () => {
  await sharp({ create: { width: 160, height: 90, channels: 3, background: '#804020' } }).withMetadata({ orientation: 6 }).jpeg().toFile(join(tmp, 'rot.jpg'));
  writeFileSync(join(tmp, 'rot.json'), JSON.stringify(lookWith([{ path: 'rot.jpg', role: 'set' }])));
  const loaded = await loadLookFile(join(tmp, 'rot.json'));
  assert.equal(loaded.references[0]!.analysis.width, 90);
  assert.equal(loaded.references[0]!.analysis.height, 160);
  assert.match(loaded.warnings[0]!, /references has 1 image; looks hold together best with 3–5/);
});

test('a decompression bomb is refused by its declared size, naming the field', async () => {
  writeFileSync(join(tmp, 'bomb.png'), bombPng());
  writeFileSync(join(tmp, 'bomb.json'), JSON.stringify(lookWith([{ path: 'bomb.png', role: 'style' }])));
  await assert.rejects(loadLookFile(join(tmp, 'bomb.json')), (e: unknown) =>
    e instanceof InputError && /references\[0\]\.path "bomb\.png" is too large: .*30000×30000/.test(e.message));
});
