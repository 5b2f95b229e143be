import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { runFfmpeg } from '../../../core/media/run-ffmpeg.ts';
import { cameraPath, perspectiveFilter, windowAt } from '../../../core/providers/local/camera-path.ts';
import { CameraResampler } from '../../../core/providers/local/camera-resample.ts';
import { particleSheetTop } from '../../../core/providers/local/animatic-frames.ts';
import { CAMERA_RESAMPLE_WASM_BASE64 } from '../../../core/providers/local/camera-resample-wasm.ts';
import { rgbToYuv420, yuv420Bytes } from '../../../core/providers/local/yuv420.ts';
import type { RawStill } from '../../../core/providers/local/prepare-stills.ts';
// @ts-expect-error: a plain .mjs build script without types
import { assembleCameraResample } from '../../../scripts/build-wasm.mjs';

/** A still with detail everywhere: rings, a diagonal ramp and a few hard edges, seeded noise. */
function busyStill(w: number, h: number): RawStill {
  const data = Buffer.alloc(w * h * 3);
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 31;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const r = Math.hypot(x - w / 2, y - h / 2);
    const p = (y * w + x) * 3;
    data[p] = Math.round(128 + 100 * Math.sin(r / 5)) ^ rnd();
    data[p + 1] = Math.round((255 * (x + y)) / (w + h));
    data[p + 2] = (x % 40 < 20) !== (y % 30 < 15) ? 230 : 25;
  }
  return { data, width: w, height: h, channels: 3 };
}

/** Largest and mean absolute difference per plane (Y, Cb, Cr). */
function planeDiffs(a: Uint8Array, b: Uint8Array, w: number, h: number): { max: number; mean: number }[] {
  const luma = w * h, chroma = luma / 4;
  return [[0, luma], [luma, luma + chroma], [luma + chroma, luma + 2 * chroma]].map(([from, to]) => {
    let max = 0, sum = 0;
    for (let i = from!; i < to!; i++) { const d = Math.abs(a[i]! - b[i]!); sum += d; if (d > max) max = d; }
    return { max, mean: sum / (to! - from!) };
  });
}

test('the committed wasm is what the .wat assembles to (scripts/build-wasm.mjs)', async () => {
  // Read from this test's own place in the tree (the script's folder differs once tests are bundled).
  const wat = await readFile(new URL('../../../core/providers/local/camera-resample.wat', import.meta.url), 'utf8');
  assert.equal(await assembleCameraResample(wat), CAMERA_RESAMPLE_WASM_BASE64, 'run `node scripts/build-wasm.mjs` after editing camera-resample.wat');
});

test('the camera samples as ffmpeg\'s perspective filter does (the remix moves its layers with it)', async () => {
  const W = 320, H = 180, frames = 12;
  const cam = new CameraResampler(W, H, 2);
  rgbToYuv420(busyStill(W, H), cam.picture(0));
  const still = Buffer.from(cam.picture(0));
  for (const motion of ['push-in', 'pan-left', 'tilt-down', 'drift'] as const) {
    const path = cameraPath(motion, 5);
    // ffmpeg gets our own 4:2:0 still, so only the cameras differ.
    const { stdout } = await runFfmpeg(['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-video_size', `${W}x${H}`, '-framerate', '24', '-i', 'pipe:0',
      '-vf', `loop=loop=${frames - 1}:size=1:start=0,${perspectiveFilter(path, frames)}`, '-frames:v', String(frames), '-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1'],
    { stdin: async (pipe) => { await new Promise<void>((resolve, reject) => pipe.write(still, (e) => (e ? reject(e) : resolve()))); } });
    assert.equal(stdout.length, frames * yuv420Bytes(W, H));
    for (let i = 0; i < frames; i++) {
      cam.render(0, windowAt(path, i, frames), 1);
      const ours = cam.picture(1);
      const theirs = stdout.subarray(i * ours.length, (i + 1) * ours.length);
      const [y, cb, cr] = planeDiffs(ours, theirs, W, H);
      // perspective rounds its projective table in doubles; ours comes from the affine form.
      for (const [name, d] of [['Y', y!], ['Cb', cb!], ['Cr', cr!]] as const) {
        assert.ok(d.max <= 2 && d.mean < 0.05, `${motion} frame ${i} ${name}: max ${d.max}, mean ${d.mean.toFixed(4)} levels from perspective`);
      }
    }
  }
});

test('a full-frame window is the still itself (a frame bridge starts on the exact frame)', () => {
  const W = 64, H = 36;
  const cam = new CameraResampler(W, H, 2);
  rgbToYuv420(busyStill(W, H), cam.picture(0));
  cam.render(0, { cx: 0.5, cy: 0.5, s: 1 }, 1);
  assert.deepEqual(cam.picture(1), cam.picture(0));
});

test('blend: (a·(256−α) + b·α + 128) >> 8 on every byte, SIMD body and scalar tail alike', () => {
  // 38x6: 342 bytes per picture, not a multiple of 16, so the tail runs too.
  const W = 38, H = 6, n = yuv420Bytes(W, H);
  const cam = new CameraResampler(W, H, 3);
  const a = cam.picture(0), b = cam.picture(1);
  for (let i = 0; i < n; i++) { a[i] = (i * 37) & 255; b[i] = 255 - ((i * 91) & 255); }
  for (const alpha of [0, 1, 77, 128, 255, 256]) {
    cam.blend(0, 1, alpha, 2);
    const out = cam.picture(2);
    for (let i = 0; i < n; i++) {
      assert.equal(out[i], (a[i]! * (256 - alpha) + b[i]! * alpha + 128) >> 8, `alpha ${alpha}, byte ${i}`);
    }
  }
  assert.throws(() => cam.blend(0, 1, 257, 2), /alpha must be a whole number 0–256, got 257/);
});

test('particles: the overlay filter\'s straight-alpha blend, chroma alpha averaged over each 2×2, scrolled by even rows', () => {
  // 38 wide: the chroma planes (19 × n) leave a scalar tail after the 16-byte steps.
  const W = 38, H = 6;
  const cam = new CameraResampler(W, H, 1, { particleSheet: true });
  const sheet = Buffer.alloc(W * 2 * H * 4);
  for (let i = 0; i < W * 2 * H; i++) {
    sheet[i * 4] = (i * 13) & 255; sheet[i * 4 + 1] = (i * 7) & 255; sheet[i * 4 + 2] = 255 - (i & 255); sheet[i * 4 + 3] = (i * 29) & 255;
  }
  const still = { data: sheet, width: W, height: 2 * H, channels: 4 as const };
  cam.setParticleSheet(still);
  const sheetYuv = new Uint8Array(yuv420Bytes(W, 2 * H));
  rgbToYuv420(still, sheetYuv);
  const frame = cam.picture(0);
  for (let i = 0; i < frame.length; i++) frame[i] = (i * 31) & 255;
  const before = Uint8Array.from(frame);
  const top = 4;
  cam.overlayParticles(0, top);
  const div255 = (x: number) => ((x + 128) * 257) >> 16;
  const luma = W * H, cw = W / 2, sheetLuma = W * 2 * H;
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const a = sheet[((y + top) * W + x) * 4 + 3]!, s = sheetYuv[(y + top) * W + x]!, d = before[y * W + x]!;
    assert.equal(frame[y * W + x], div255(d * (255 - a) + s * a), `Y ${x},${y}`);
  }
  for (const plane of [0, 1]) for (let y = 0; y < H / 2; y++) for (let x = 0; x < cw; x++) {
    const p = (2 * y + top) * W + 2 * x;
    const a = (sheet[p * 4 + 3]! + sheet[(p + 1) * 4 + 3]! + sheet[(p + W) * 4 + 3]! + sheet[(p + W + 1) * 4 + 3]!) >> 2;
    const s = sheetYuv[sheetLuma + plane * sheetLuma / 4 + (y + top / 2) * cw + x]!;
    const at = luma + plane * luma / 4 + y * cw + x;
    assert.equal(frame[at], div255(before[at]! * (255 - a) + s * a), `${plane ? 'Cr' : 'Cb'} ${x},${y}`);
  }
  assert.throws(() => cam.overlayParticles(0, 3), /sheet row 3 is not an even row from -6 to 6/);
  // Scrolled past the top edge: the first rows keep their pixels, the rest show the sheet's first rows.
  frame.set(before);
  cam.overlayParticles(0, -2);
  assert.deepEqual(frame.subarray(0, 2 * W), before.subarray(0, 2 * W));
  for (let x = 0; x < W; x++) {
    const a = sheet[x * 4 + 3]!;
    assert.equal(frame[2 * W + x], div255(before[2 * W + x]! * (255 - a) + sheetYuv[x]! * a), `Y ${x},2 with the sheet 2 rows down`);
  }
  assert.throws(() => new CameraResampler(W, H, 1).overlayParticles(0, 0), /without room for a particle sheet/);
});

test('the sheet scrolls as the old overlay placed it: even rows, from the lower half upward by the travel', () => {
  const tops = Array.from({ length: 96 }, (_, i) => particleSheetTop(i, 96, 720, 100));
  assert.ok(tops.every((t) => t % 2 === 0 && t >= 618 && t <= 720), tops.join(' '));
  assert.ok(tops.every((t, i) => i === 0 || t <= tops[i - 1]!), 'the sheet only moves one way');
  // The overlay counted frames from 1: the first frame is one step in, the last one step past the travel.
  assert.deepEqual([tops[0], tops.at(-1)], [718, 618]);
  // A long clip travels a whole frame height and then past it: the sheet's top comes into the frame.
  const long = Array.from({ length: 24 }, (_, i) => particleSheetTop(i, 24, 180, 180));
  assert.equal(long.at(-1), -6);
});

test('a long winter clip, whose snow travels past a whole frame height, renders', async () => {
  const { renderAnimatic } = await import('../../../core/providers/local/render-animatic.ts');
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const sharp = (await import('sharp')).default;
  const dir = await mkdtemp(join(tmpdir(), 'camera-resample-'));
  try {
    const still = join(dir, 's.png');
    await sharp({ create: { width: 64, height: 36, channels: 3, background: '#336699' } }).png().toFile(still);
    // winter falls 0.09 frame heights a second: over 12 s the sheet comes 6 rows past the top.
    const r = await renderAnimatic({ startImage: still, width: 320, height: 180, seconds: 12, fps: 2, motion: 'static', seed: 1,
      deltas: [{ kind: 'motif', label: 'snow', motif: 'snow', season: 'winter' }], layers: { productImages: [], referenceImages: [] }, out: join(dir, 'o.mp4') });
    assert.equal(r.frames, 24);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('RGB → BT.709 limited 4:2:0 agrees with ffmpeg\'s own conversion', async () => {
  const W = 160, H = 90;
  // Smooth content: the chroma filters differ (ours: left-sited 1-2-1; swscale: its own), which
  // only shows at hard chroma edges. Luma is the same matrix and rounding.
  const data = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const p = (y * W + x) * 3;
    data[p] = Math.round((255 * x) / (W - 1)); data[p + 1] = Math.round((255 * y) / (H - 1)); data[p + 2] = Math.round(128 + 127 * Math.sin(x / 17 + y / 23));
  }
  const ours = new Uint8Array(yuv420Bytes(W, H));
  rgbToYuv420({ data, width: W, height: H, channels: 3 }, ours);
  const { stdout } = await runFfmpeg(['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-video_size', `${W}x${H}`, '-i', 'pipe:0',
    '-vf', 'scale=out_color_matrix=bt709:out_range=tv:flags=bicubic+accurate_rnd+full_chroma_int,format=yuv420p', '-f', 'rawvideo', 'pipe:1'],
  { stdin: async (pipe) => { await new Promise<void>((resolve, reject) => pipe.write(data, (e) => (e ? reject(e) : resolve()))); } });
  const [y, cb, cr] = planeDiffs(ours, stdout, W, H);
  assert.ok(y!.max <= 1, `Y within a level of swscale: max ${y!.max}`);
  assert.ok(cb!.max <= 2 && cr!.max <= 2, `chroma within two levels: Cb ${cb!.max}, Cr ${cr!.max}`);
  // Black and white land on the limited-range ends.
  const bw = new Uint8Array(yuv420Bytes(2, 2));
  rgbToYuv420({ data: Buffer.from([0, 0, 0, 255, 255, 255, 0, 0, 0, 255, 255, 255]), width: 2, height: 2, channels: 3 }, bw);
  assert.deepEqual([bw[0], bw[1], bw[4], bw[5]], [16, 235, 128, 128]);
});

test('RGB → 4:2:0 with a sample mask: marked samples as the full conversion, the rest left as they were', () => {
  const W = 20, H = 8, still = busyStill(W, H);
  const full = new Uint8Array(yuv420Bytes(W, H));
  rgbToYuv420(still, full);
  const luma = Uint8Array.from({ length: W * H }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const chroma = Uint8Array.from({ length: (W / 2) * (H / 2) }, (_, i) => (i % 4 === 1 ? 9 : 0));
  const masked = new Uint8Array(yuv420Bytes(W, H)).fill(7);
  rgbToYuv420(still, masked, { luma, chroma });
  const cSize = (W / 2) * (H / 2);
  for (let i = 0; i < masked.length; i++) {
    const marked = i < W * H ? luma[i] : chroma[(i - W * H) % cSize];
    assert.equal(masked[i], marked ? full[i] : 7, `sample ${i}`);
  }
  assert.throws(() => rgbToYuv420(still, masked, { luma: luma.subarray(1), chroma }), /sample mask needs 160 luma and 40 chroma entries, got 159 and 40/);
});
