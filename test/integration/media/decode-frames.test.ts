import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeAllFrames, decodeEdgeFrame, decodeFrameSamples, decodeFrames } from '../../../core/media/decode-frames.ts';
import { makeThumbnail } from '../../../core/media/thumbnail.ts';
import { readImageInfo } from '../../../core/media/load-image.ts';
import { InputError } from '../../../core/domain/errors.ts';
import { join } from 'node:path';
import { fullDecodeFrames, makeClip, makeImage, makeTempDir, makeTextFile } from '../../helpers/make-clips.ts';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
before(async () => ({ dir, cleanup } = await makeTempDir('decode')));
after(() => cleanup());

test('decodeFrames: evenly sampled frames, first and last included, identical to a full decode', async () => {
  const clip = await makeClip(dir, { width: 160, height: 90, fps: 24, seconds: 1, vfr: true });
  const samples = await decodeFrameSamples(clip, { count: 5 });
  assert.deepEqual(samples.map((s) => s.index), [0, 6, 12, 17, 23]);
  const full = await fullDecodeFrames(clip, 160, 90);
  for (const s of samples) {
    assert.deepEqual([s.image.width, s.image.height, s.image.channels], [160, 90, 3]);
    assert.ok(Buffer.from(s.image.data).equals(full[s.index]!), `frame ${s.index}`);
  }
});

test('decodeFrames with maxWidth downsizes with the aspect kept; count above the frame count returns every frame', async () => {
  const clip = await makeClip(dir, { width: 320, height: 180, fps: 10, seconds: 1, colorCast: 'warm' });
  const small = await decodeFrames(clip, { count: 3, maxWidth: 64 });
  assert.equal(small.length, 3);
  assert.deepEqual([small[0]!.width, small[0]!.height, small[0]!.data.length], [64, 36, 64 * 36 * 3]);
  const all = await decodeFrames(clip, { count: 100, maxWidth: 32 });
  assert.equal(all.length, 10);
});

test('a colour cast shows in the decoded pixels (warm: red mean above blue mean)', async () => {
  const clip = await makeClip(dir, { pattern: 'color', color: '#808080', colorCast: 'warm', fps: 5, seconds: 1 });
  const [frame] = await decodeFrames(clip, { count: 1 });
  let r = 0, b = 0;
  for (let i = 0; i < frame!.data.length; i += 3) { r += frame!.data[i]!; b += frame!.data[i + 2]!; }
  assert.ok(r > b * 1.3, `r=${r} b=${b}`);
});

test('decodeAllFrames streams every frame in order', async () => {
  const clip = await makeClip(dir, { fps: 12, seconds: 1, flicker: 0.3 });
  const means: number[] = [];
  const n = await decodeAllFrames(clip, { maxWidth: 40, onFrame: (img, i) => {
    assert.equal(i, means.length);
    let s = 0; for (const v of img.data) s += v; means.push(s / img.data.length);
  } });
  assert.equal(n, 12);
  assert.ok(means[1]! > means[0]! + 20 && means[3]! > means[2]! + 20, 'odd frames are brighter (the flicker fixture works)');
});

test('bad input and bad options are InputErrors', async () => {
  const text = await makeTextFile(dir, 'text.mp4');
  await assert.rejects(decodeFrames(text, { count: 2 }), (e: unknown) => e instanceof InputError && e.message.includes(text));
  const clip = await makeClip(dir, { fps: 5, seconds: 1 });
  await assert.rejects(decodeFrames(clip, { count: 0 }), (e: unknown) => e instanceof InputError && /count/.test(e.message));
  await assert.rejects(decodeFrames(clip, { count: 2, maxWidth: -3 }), (e: unknown) => e instanceof InputError && /maxWidth/.test(e.message));
});

test('thumbnails of a video (middle frame) and of an image, never upscaled', async () => {
  const clip = await makeClip(dir, { width: 320, height: 180, fps: 10, seconds: 1 });
  const t1 = join(dir, 'thumb-video.png');
  assert.deepEqual(await makeThumbnail(clip, t1, 80), { width: 80, height: 45 });
  assert.deepEqual([(await readImageInfo(t1)).width, (await readImageInfo(t1)).height], [80, 45]);
  const img = await makeImage(dir, { width: 60, height: 40, pattern: 'testsrc2', format: 'jpg' });
  const t2 = join(dir, 'thumb-image.png');
  assert.deepEqual(await makeThumbnail(img, t2, 200), { width: 60, height: 40 });
  assert.equal((await readImageInfo(t2)).format, 'png');
});

test('decodeEdgeFrame: the exact first and last frames at a bridge width, equal to a full decode\'s (VFR and an audio tail past the video)', async () => {
  for (const clip of [
    await makeClip(dir, { width: 320, height: 180, fps: 24, seconds: 3, vfr: true }),
    await makeClip(dir, { width: 320, height: 180, fps: 24, seconds: 3, audioSeconds: 4.5 }),
  ]) {
    const all: Buffer[] = [];
    await decodeAllFrames(clip, { maxWidth: 96, onFrame: (img) => { all.push(Buffer.from(img.data)); } });
    const first = await decodeEdgeFrame(clip, 'first', { maxWidth: 96 });
    const last = await decodeEdgeFrame(clip, 'last', { maxWidth: 96 });
    assert.deepEqual([last.width, last.height], [96, 54]);
    assert.ok(Buffer.from(first.data).equals(all[0]!), `${clip}: first frame`);
    assert.ok(Buffer.from(last.data).equals(all.at(-1)!), `${clip}: last frame (frame ${all.length - 1})`);
    assert.ok(!Buffer.from(last.data).equals(all.at(-2)!), `${clip}: the last frame differs from the one before it (the test can tell)`);
  }
});
