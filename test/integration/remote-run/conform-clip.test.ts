// conformClip with real ffmpeg on tiny generated clips: exact size and seconds × fps frames
// from a longer, larger, differently-timed clip; exact clips copied byte for byte.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conformClip } from '../../../core/pipeline/conform-clip.ts';
import { probe } from '../../../core/media/probe.ts';
import { runFfmpeg } from '../../../core/media/run-ffmpeg.ts';

let dir: string;
const make = async (name: string, size: string, fps: number, seconds: number, codec = 'libx264') => {
  const out = join(dir, name);
  await runFfmpeg(['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${fps}:duration=${seconds}`, '-c:v', codec, '-pix_fmt', 'yuv420p', '-preset', 'ultrafast', out]);
  return out;
};

before(() => { dir = mkdtempSync(join(tmpdir(), 'conform-clip-')); });
after(() => rmSync(dir, { recursive: true, force: true }));

test('5 s at 30 fps, 4:3 → exactly 160x90, 4 s × 24 fps = 96 frames (trim, crop to cover, retime)', async () => {
  const input = await make('kling-like.mp4', '200x150', 30, 5);
  const r = await conformClip(input, { width: 160, height: 90, seconds: 4, fps: 24 }, join(dir, 'out1.mp4'));
  assert.equal(r.steps.scale, 'cover');
  assert.ok(r.steps.trim && r.steps.retime);
  const p = await probe(r.path);
  assert.deepEqual([p.width, p.height, p.frameCount, Math.round(p.fps)], [160, 90, 96, 24]);
  assert.equal(p.codec, 'h264');
  assert.equal(p.pixelFormat, 'yuv420p');
  assert.equal(p.hasAudio, false);
  assert.equal(p.variableFrameRate, false);
});

test('16 fps, 81 frames (Wan) → 24 fps, 96 frames, same size', async () => {
  const input = join(dir, 'wan-like.mp4');
  await runFfmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=16', '-frames:v', '81', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-preset', 'ultrafast', input]);
  const r = await conformClip(input, { width: 160, height: 90, seconds: 4, fps: 24 }, join(dir, 'out2.mp4'));
  assert.equal(r.steps.scale, 'none');
  assert.equal(r.received.frameCount, 81);
  const p = await probe(r.path);
  assert.deepEqual([p.width, p.height, p.frameCount], [160, 90, 96]);
});

test('an exact clip is copied unchanged; a far too short clip is refused and nothing is left behind', async () => {
  const exact = await make('exact.mp4', '160x90', 24, 4);
  const r = await conformClip(exact, { width: 160, height: 90, seconds: 4, fps: 24 }, join(dir, 'out3.mp4'));
  assert.equal(r.steps.copy, true);
  assert.deepEqual(readFileSync(r.path), readFileSync(exact));
  const short = await make('short.mp4', '160x90', 24, 2);
  await assert.rejects(conformClip(short, { width: 160, height: 90, seconds: 4, fps: 24 }, join(dir, 'out4.mp4')), /2\.00 s.*needs 4 s/);
  assert.throws(() => readFileSync(join(dir, 'out4.mp4')), /ENOENT/);
  assert.throws(() => readFileSync(join(dir, 'out4.mp4.partial.mp4')), /ENOENT/);
});
