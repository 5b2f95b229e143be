// The pure half of conforming: which steps a probed clip needs, the filter chain and the
// ffmpeg arguments (no spawning here; test/integration/remote-run runs them for real).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conformArgs, conformFilter, conformSteps, targetOf, type ClipShape } from '../../../core/pipeline/conform-clip.ts';
import { conformPlan } from '../../../core/providers/conform-plan.ts';
import { getModel } from '../../../core/providers/registry.ts';

const clip = (o: Partial<ClipShape> = {}): ClipShape => ({
  width: 1280, height: 720, fps: 24, frameCount: 96, durationSeconds: 4, codec: 'h264', pixelFormat: 'yuv420p', variableFrameRate: false, colorSpace: 'bt709', colorRange: 'tv', ...o,
});
const target = { width: 1280, height: 720, seconds: 4, fps: 24 };

test('an exact H.264 clip is copied, not re-encoded', () => {
  const s = conformSteps(clip(), target);
  assert.equal(s.copy, true);
  assert.deepEqual(s.steps, []);
  assert.equal(s.frames, 96);
});

test('an exact clip in another codec is re-encoded without other steps', () => {
  const s = conformSteps(clip({ codec: 'hevc' }), target);
  assert.equal(s.copy, false);
  assert.deepEqual(s.steps, ['re-encode to H.264 yuv420p, tagged BT.709']);
});

test('Kling 5 s at 1920x1080 → trim and plain scale to the batch', () => {
  const s = conformSteps(clip({ width: 1920, height: 1080, frameCount: 120, durationSeconds: 5 }), target);
  assert.equal(s.trim, true);
  assert.equal(s.scale, 'fit');
  assert.equal(s.retime, false);
  assert.equal(s.copy, false);
  const vf = conformFilter(s);
  assert.match(vf, /scale=1280:720:flags=lanczos/);
  assert.doesNotMatch(vf, /crop=/);
});

test('a square clip into a 16:9 batch is scaled to cover and cropped (no letterbox bars)', () => {
  const s = conformSteps(clip({ width: 1080, height: 1080, frameCount: 120, durationSeconds: 5 }), target);
  assert.equal(s.scale, 'cover');
  const vf = conformFilter(s);
  assert.match(vf, /force_original_aspect_ratio=increase/);
  assert.match(vf, /crop=1280:720/);
  assert.doesNotMatch(vf, /pad=/);
});

test('Wan 81 frames at 16 fps → retime to 24 fps, exactly seconds × fps frames', () => {
  const s = conformSteps(clip({ fps: 16, frameCount: 81, durationSeconds: 81 / 16 }), target);
  assert.equal(s.retime, true);
  assert.equal(s.trim, true);
  const args = conformArgs('/in/take.mp4', s, '/out/take.mp4');
  assert.ok(args.includes('-an'), 'generated audio is dropped');
  assert.equal(args[args.indexOf('-frames:v') + 1], '96');
  assert.equal(args[args.indexOf('-r') + 1], '24');
  assert.match(args[args.indexOf('-vf') + 1]!, /fps=24/);
  assert.equal(args.at(-1), '/out/take.mp4');
  // Untrusted input: only local files, whitelisted demuxers, an absolute file: URL.
  assert.equal(args[args.indexOf('-protocol_whitelist') + 1], 'file,pipe');
  assert.equal(args[args.indexOf('-i') + 1], 'file:/in/take.mp4');
});

test('a clip a few frames short holds its last frame; a clip far too short is refused', () => {
  const s = conformSteps(clip({ frameCount: 90, durationSeconds: 3.75 }), target);
  assert.ok(s.padSeconds > 0.2 && s.padSeconds < 0.3);
  assert.match(conformFilter(s), /tpad=stop_mode=clone/);
  assert.throws(() => conformSteps(clip({ frameCount: 48, durationSeconds: 2 }), target, 'take.mp4'), /take\.mp4.*2\.00 s.*needs 4 s/);
});

test('targetOf recovers the batch values from a conform plan', () => {
  const kling = getModel('fal-ai/kling-video/v2.1/pro/image-to-video', 'fal');
  const plan = conformPlan(kling, target);
  assert.deepEqual(plan.generate, { seconds: 5, width: 1920, height: 1080, fps: 24 });
  assert.deepEqual(targetOf(plan), target);
  const veo = getModel('fal-ai/veo3.1/image-to-video', 'fal');
  assert.deepEqual(targetOf(conformPlan(veo, target)), target);
});

test('colour: an untagged exact clip is re-encoded to carry BT.709 tags; a BT.601 one is converted through RGB', () => {
  const untagged = conformSteps(clip({ colorSpace: undefined, colorRange: undefined }), target);
  assert.equal(untagged.copy, false);
  assert.deepEqual(untagged.steps, ['re-encode to H.264 yuv420p, tagged BT.709']);
  assert.match(conformFilter(untagged), /,scale=out_color_matrix=bt709:out_range=tv,format=yuv420p$/);
  assert.doesNotMatch(conformFilter(untagged), /in_color_matrix/);
  const sd = conformSteps(clip({ colorSpace: 'smpte170m', colorRange: 'pc' }), target);
  assert.match(sd.steps.join(';'), /convert smpte170m pc-range colour to BT\.709/);
  assert.match(conformFilter(sd), /scale=in_color_matrix=bt601:in_range=pc,format=gbrp,scale=out_color_matrix=bt709:out_range=tv,format=yuv420p$/);
  const args = conformArgs('/in/take.mp4', sd, '/out/take.mp4');
  assert.equal(args[args.indexOf('-colorspace') + 1], 'bt709');
  assert.equal(args[args.indexOf('-color_range') + 1], 'tv');
});
