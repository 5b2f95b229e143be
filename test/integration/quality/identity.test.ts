/**
 * Issue 10 item 6 acceptance: on real photographs (scripts/eval/FACES.md), the same person across
 * reframes passes the identity check, a different person fails it, and no face where the
 * character reference shows one fails the take; all through scoreTake, the gate's own path. The
 * face model loads only for takes that name a character reference.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import sharp from 'sharp';
import { makeTempDir } from '../../helpers/make-clips.ts';
import { runFfmpeg } from '../../../core/media/run-ffmpeg.ts';
import { scoreTake, type TakeScore } from '../../../core/quality/score-take.ts';
import { IDENTITY_MAX_DISTANCE } from '../../../core/quality/identity/identity-limit.ts';
import { FACE_PHOTOS, faceEdit, missingFacePhotos, writeFacePng } from '../../../scripts/eval/face-photos.ts';

const photo = (id: string) => FACE_PHOTOS.find((p) => p.id === id)!;
let dir = '';
let cleanup = async () => {};
const files: Record<string, string> = {};

before(async () => {
  const missing = missingFacePhotos();
  if (missing) throw new Error(missing);
  ({ dir, cleanup } = await makeTempDir('quality-identity'));
  files.astronautReframe = join(dir, 'astronaut-reframe.png');
  await writeFacePng(await faceEdit(photo('astronaut'), 'reframe-left'), files.astronautReframe);
  const hopperReframe = join(dir, 'hopper-reframe.png');
  await writeFacePng(await faceEdit(photo('hopper'), 'reframe-right'), hopperReframe);
  // A 1 s clip of the reframed Hopper photo (320 px wide, slow push-in): the video path samples frames.
  files.hopperClip = join(dir, 'hopper.mp4');
  await runFfmpeg(['-v', 'error', '-loop', '1', '-i', hopperReframe, '-vf', "scale=400:-2,zoompan=z='1+0.004*on':d=12:s=320x374:fps=12", '-frames:v', '12',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '20', '-pix_fmt', 'yuv420p', files.hopperClip]);
  files.blank = join(dir, 'no-face.png');
  // Texture, not a flat frame: the exposure check must not be what fails it.
  await sharp({ create: { width: 320, height: 240, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 120, sigma: 40 } } }).png().toFile(files.blank);
});
after(() => cleanup());

const identityCheck = (s: TakeScore) => s.checks.find((c) => c.metric === 'identityDistance');

test('a take without a character reference never loads the face model', async () => {
  const s = await scoreTake({ image: files.astronautReframe!, referenceImages: [photo('astronaut').path], shotKind: 'anchor' });
  assert.equal(s.metrics.identityDistance, null);
  const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /@tensorflow|face-api/.test(k));
  assert.deepEqual(loaded, [], 'tfjs was loaded for a take with no character');
});

test('the same person across a reframe passes; a different person fails with the reason', async () => {
  const astronaut = photo('astronaut').path, hopper = photo('hopper').path;
  const same = await scoreTake({ image: files.astronautReframe!, referenceImages: [astronaut], shotKind: 'anchor', characterReference: astronaut });
  const d = same.metrics.identityDistance;
  assert.ok(d !== null && d < IDENTITY_MAX_DISTANCE, `same person: distance ${d}`);
  assert.equal(identityCheck(same)?.pass, true);

  const other = await scoreTake({ image: files.astronautReframe!, referenceImages: [hopper], shotKind: 'anchor', characterReference: hopper });
  assert.ok(other.metrics.identityDistance! > IDENTITY_MAX_DISTANCE, `different person: distance ${other.metrics.identityDistance}`);
  assert.equal(identityCheck(other)?.pass, false);
  assert.equal(other.pass, false);
  assert.match(other.reasons.join('\n'), /a different person: face distance from the character reference 0\.\d\d > 0\.55/);
});

test('a clip of the same person passes on its sampled frames', async () => {
  const hopper = photo('hopper').path;
  const s = await scoreTake({ video: files.hopperClip!, referenceImages: [hopper], shotKind: 'anchor', characterReference: hopper, expectMotion: false });
  assert.ok(s.metrics.identityDistance! < IDENTITY_MAX_DISTANCE, `distance ${s.metrics.identityDistance}; ${s.notes.join('; ')}`);
  assert.equal(identityCheck(s)?.pass, true);
});

test('no face where the character reference shows one fails the take; a reference with no face is not judged', async () => {
  const astronaut = photo('astronaut').path;
  const faceless = await scoreTake({ image: files.blank!, referenceImages: [astronaut], shotKind: 'anchor', characterReference: astronaut });
  assert.equal(faceless.pass, false);
  assert.equal(faceless.metrics.identityDistance, null);
  assert.match(faceless.reasons.join('\n'), /no face found in the take where the character reference shows one/);

  const noFaceRef = await scoreTake({ image: files.astronautReframe!, referenceImages: [astronaut], shotKind: 'anchor', characterReference: files.blank! });
  assert.equal(noFaceRef.metrics.identityDistance, null);
  assert.ok(noFaceRef.notes.some((n) => /identity not measured: no face found in the character reference/.test(n)), noFaceRef.notes.join('; '));
  assert.ok(!noFaceRef.reasons.some((r) => /face/.test(r)), noFaceRef.reasons.join('; '));
});
