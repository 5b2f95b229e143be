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
const BT709 = ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'];
const make = async (name: string, size: string, fps: number, seconds: number, codec = 'libx264', extra: string[] = []) => {
  const out = join(dir, name);
  await runFfmpeg(['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${fps}:duration=${seconds}`, '-c:v', codec, '-pix_fmt', 'yuv420p', '-preset', 'ultrafast', ...extra, out]);
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
  const exact = await make('exact.mp4', '160x90', 24, 4, 'libx264', BT709);
  const r = await conformClip(exact, { width: 160, height: 90, seconds: 4, fps: 24 }, join(dir, 'out3.mp4'));
  assert.equal(r.steps.copy, true);
  assert.deepEqual(readFileSync(r.path), readFileSync(exact));
  const short = await make('short.mp4', '160x90', 24, 2);
  await assert.rejects(conformClip(short, { width: 160, height: 90, seconds: 4, fps: 24 }, join(dir, 'out4.mp4')), /2\.00 s.*needs 4 s/);
  assert.throws(() => readFileSync(join(dir, 'out4.mp4')), /ENOENT/);
  assert.throws(() => readFileSync(join(dir, 'out4.mp4.partial.mp4')), /ENOENT/);
});

test('colour: an untagged exact clip is re-encoded tagged BT.709; a BT.601 full-range clip keeps its colour; a previz label is carried', async () => {
  const untagged = await make('untagged.mp4', '160x90', 24, 4);
  const r = await conformClip(untagged, { width: 160, height: 90, seconds: 4, fps: 24 }, join(dir, 'out5.mp4'));
  assert.equal(r.steps.copy, false);
  const p = await probe(r.path);
  assert.deepEqual([p.colorSpace, p.colorRange], ['bt709', 'tv']);

  // A flat orange encoded as BT.601 full range (as some phones and providers deliver), labelled previz.
  const sd = join(dir, 'sd.mp4');
  await runFfmpeg(['-f', 'lavfi', '-i', 'color=c=0xE07020:s=160x90:r=24:d=4', '-vf', 'scale=out_color_matrix=bt601:out_range=pc,format=yuvj420p',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-colorspace', 'smpte170m', '-color_range', 'pc', '-metadata', 'comment=Continuity Studio local animatic (previz)', sd]);
  const c = await conformClip(sd, { width: 160, height: 90, seconds: 4, fps: 24 }, join(dir, 'out6.mp4'));
  const q = await probe(c.path);
  assert.deepEqual([q.colorSpace, q.colorRange, q.pixelFormat], ['bt709', 'tv', 'yuv420p']);
  assert.equal(q.comment, 'Continuity Studio local animatic (previz)');
  // Decoded as BT.709 (by ffmpeg, matrix stated here), the orange is still the orange.
  const { stdout } = await runFfmpeg(['-v', 'error', '-i', c.path, '-vf', 'scale=in_color_matrix=bt709:in_range=tv,format=rgb24', '-frames:v', '1', '-f', 'rawvideo', 'pipe:1']);
  const mid = (45 * 160 + 80) * 3;
  const got = [stdout[mid]!, stdout[mid + 1]!, stdout[mid + 2]!];
  assert.ok(Math.abs(got[0]! - 0xe0) <= 3 && Math.abs(got[1]! - 0x70) <= 3 && Math.abs(got[2]! - 0x20) <= 3, `orange came back as ${got}`);
});
