import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadImage, readImageInfo } from '../../../core/media/load-image.ts';
import { writePng } from '../../../core/media/write-png.ts';
import { InputError } from '../../../core/domain/errors.ts';
import { makeDeclaredHugePng, makeImage, makeTempDir, makeTextFile, makeTruncatedCopy } from '../../helpers/make-clips.ts';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
before(async () => ({ dir, cleanup } = await makeTempDir('images')));
after(() => cleanup());

test('a solid PNG loads as 8-bit RGB with the right pixels', async () => {
  const path = await makeImage(dir, { width: 8, height: 4, color: '#ff8000' });
  const img = await loadImage(path);
  assert.deepEqual([img.width, img.height, img.channels, img.data.length], [8, 4, 3, 96]);
  assert.deepEqual([...img.data.subarray(0, 3)], [255, 128, 0]);
});

test('maxWidth downsizes and keeps the aspect; never upscales', async () => {
  const path = await makeImage(dir, { width: 200, height: 100, pattern: 'testsrc2' });
  const small = await loadImage(path, { maxWidth: 50 });
  assert.deepEqual([small.width, small.height], [50, 25]);
  const same = await loadImage(path, { maxWidth: 1000 });
  assert.deepEqual([same.width, same.height], [200, 100]);
});

test('EXIF orientation is applied (orientation 6 = rotate 90°: 60×40 stored → 40×60 shown)', async () => {
  const path = await makeImage(dir, { width: 60, height: 40, pattern: 'testsrc2', format: 'jpg', orientation: 6 });
  const info = await readImageInfo(path);
  assert.equal(info.orientation, 6);
  assert.deepEqual([info.width, info.height], [40, 60]);
  const img = await loadImage(path);
  assert.deepEqual([img.width, img.height], [40, 60]);
});

test('a PNG declaring 30000×30000 (tiny on disk) is refused before decoding, naming the file and the pixel count', async () => {
  const bomb = await makeDeclaredHugePng(dir);
  assert.ok((await stat(bomb)).size < 1024 * 1024);
  for (const fn of [() => loadImage(bomb), () => readImageInfo(bomb)]) {
    await assert.rejects(fn(), (e: unknown) => e instanceof InputError && e.message.includes(bomb) && e.message.includes('900,000,000') && e.message.includes('30000×30000'));
  }
});

test('truncated JPEG, text file, missing file → InputError naming the file', async () => {
  const jpg = await makeImage(dir, { width: 64, height: 64, pattern: 'testsrc2', format: 'jpg' });
  const truncated = await makeTruncatedCopy(jpg, dir, 'truncated.jpg', 0.6);
  await assert.rejects(loadImage(truncated), (e: unknown) => e instanceof InputError && e.message.includes(truncated) && /not a readable image/.test(e.message));
  const text = await makeTextFile(dir, 'notes.png', 'hello');
  await assert.rejects(loadImage(text), (e: unknown) => e instanceof InputError && e.message.includes(text));
  const missing = join(dir, 'nope.png');
  await assert.rejects(loadImage(missing), (e: unknown) => e instanceof InputError && e.message.includes(missing) && /not found/.test(e.message));
});

test('writePng round-trips raw pixels exactly; a wrong-size buffer is refused', async () => {
  const data = Uint8Array.from({ length: 5 * 3 * 3 }, (_, i) => (i * 37) % 256);
  const out = join(dir, 'round.png');
  await writePng({ width: 5, height: 3, channels: 3, data }, out);
  assert.deepEqual([...(await loadImage(out)).data], [...data]);
  await assert.rejects(writePng({ width: 5, height: 4, channels: 3, data }, join(dir, 'bad.png')), InputError);
});
