import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { makeClip, makeImage, makeTempDir } from '../../helpers/make-clips.ts';
import { runFfmpeg } from '../../../core/media/run-ffmpeg.ts';
import { extractFrame } from '../../../core/media/extract-frame.ts';
import { scoreTake } from '../../../core/quality/score-take.ts';
import { InputError } from '../../../core/domain/errors.ts';

let dir = '';
let cleanup = async () => {};
let whole = '', partA = '', partB = '', other = '', flicker = '', ref = '';

before(async () => {
  ({ dir, cleanup } = await makeTempDir('quality-score'));
  whole = await makeClip(dir, { width: 320, height: 180, fps: 24, seconds: 2, name: 'whole.mp4' });
  // A frame bridge: one continuous shot cut in two (B starts on the frame after A's last).
  partA = join(dir, 'a.mp4');
  partB = join(dir, 'b.mp4');
  await runFfmpeg(['-i', whole, '-vf', 'trim=end_frame=24,setpts=PTS-STARTPTS', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', '-pix_fmt', 'yuv420p', partA]);
  await runFfmpeg(['-i', whole, '-vf', 'trim=start_frame=24,setpts=PTS-STARTPTS', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', '-pix_fmt', 'yuv420p', partB]);
  other = await makeClip(dir, { width: 320, height: 180, fps: 24, seconds: 1, pattern: 'smptebars', name: 'other.mp4' });
  flicker = await makeClip(dir, { width: 320, height: 180, fps: 24, seconds: 1, flicker: 0.12, name: 'flicker.mp4' });
  ref = join(dir, 'ref.png');
  await extractFrame(whole, 1, ref);
});
after(() => cleanup());

test('a continuous bridge scores high SSIM and passes; an unrelated previous take fails the bridge', async () => {
  const good = await scoreTake({ video: partB, referenceImages: [ref], previousVideo: partA, shotKind: 'sequence' });
  console.log(`bridge SSIM continuous ${good.metrics.bridgeSsim?.toFixed(3)}; score ${good.score.toFixed(2)} ${JSON.stringify(good.reasons)}`);
  assert.ok(good.metrics.bridgeSsim! > 0.7);
  assert.equal(good.pass, true, good.reasons.join('; '));
  assert.ok(good.metrics.flicker !== null && good.metrics.drift !== null);

  const bad = await scoreTake({ video: partB, referenceImages: [ref], previousVideo: other, shotKind: 'sequence' });
  console.log(`bridge SSIM unrelated ${bad.metrics.bridgeSsim?.toFixed(3)}; reasons ${JSON.stringify(bad.reasons)}`);
  assert.ok(bad.metrics.bridgeSsim! < 0.5);
  assert.equal(bad.pass, false);
  assert.match(bad.reasons.join(), /bridge SSIM 0\.\d\d < 0\.7/);
  assert.ok(bad.score < good.score);
});

test('flicker is measured and fails the take; a still image is scored on colour only', async () => {
  const f = await scoreTake({ video: flicker, referenceImages: [ref], shotKind: 'anchor' });
  console.log(`flicker clip: ${f.metrics.flicker?.toFixed(2)} L*; reasons ${JSON.stringify(f.reasons)}`);
  assert.ok(f.metrics.flicker! > 1.5);
  assert.equal(f.pass, false);
  assert.match(f.reasons.join(), /flicker/);

  const still = await scoreTake({ image: ref, referenceImages: [ref], shotKind: 'anchor' });
  assert.equal(still.metrics.flicker, null);
  assert.equal(still.metrics.bridgeSsim, null);
  // An image scored against itself measures nothing: take and reference are read by one path
  // (loadStill + the same area average). Reading the reference with another resampling filter
  // made this PNG measure palette ΔE 2.5 and chromaticity 0.12 against itself.
  assert.ok(still.metrics.paletteDeltaE! < 0.05, `self palette ΔE ${still.metrics.paletteDeltaE}`);
  assert.ok(still.metrics.chromaticityDistance! < 0.01 && still.metrics.abHistogramDistance! < 0.01, `self histograms ${still.metrics.chromaticityDistance} ${still.metrics.abHistogramDistance}`);
  assert.ok(still.score > 0.99, `self score ${still.score}`);
  assert.equal(still.pass, true);
  assert.match(still.notes.join(), /still image/);
});

test('the semantic hook is used when supplied and judged against its threshold', async () => {
  let calls = 0;
  const r = await scoreTake({ video: partA, referenceImages: [ref], shotKind: 'anchor', semanticSimilarity: async (a, b) => { calls++; assert.ok(a.width > 0 && b.width > 0); return 0.5; } });
  assert.equal(calls, 1);
  assert.equal(r.metrics.semantic, 0.5);
  assert.match(r.reasons.join(), /semantic similarity 0\.50 < 0\.8/);
});

test('bad inputs are InputErrors naming the file', async () => {
  await assert.rejects(scoreTake({ video: partA, referenceImages: [join(dir, 'no-ref.png')], shotKind: 'anchor' }), (e: unknown) => e instanceof InputError && /no-ref\.png/.test(e.message));
  await assert.rejects(scoreTake({ video: join(dir, 'gone.mp4'), referenceImages: [ref], shotKind: 'anchor' }), (e: unknown) => e instanceof InputError && /gone\.mp4/.test(e.message));
  await assert.rejects(scoreTake({ video: partA, image: ref, referenceImages: [ref], shotKind: 'anchor' }), InputError);
  await assert.rejects(scoreTake({ video: partA, referenceImages: [], shotKind: 'anchor' }), /reference/);
  const png = await makeImage(dir, { width: 32, height: 32, color: '#ff0000', name: 'red.png' });
  const red = await scoreTake({ image: png, referenceImages: [ref], shotKind: 'anchor' });
  assert.equal(red.pass, false);
});
