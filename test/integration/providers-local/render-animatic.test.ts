import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { CanceledError, InputError } from '../../../core/domain/errors.ts';
import type { Delta } from '../../../core/domain/shot.ts';
import { probe } from '../../../core/media/probe.ts';
import { runFfmpeg } from '../../../core/media/run-ffmpeg.ts';
import { cameraPath, windowAt } from '../../../core/providers/local/camera-path.ts';
import { CameraResampler } from '../../../core/providers/local/camera-resample.ts';
import { rgbToYuv420 } from '../../../core/providers/local/yuv420.ts';
import { renderAnimatic, type AnimaticOptions } from '../../../core/providers/local/render-animatic.ts';

const W = 320, H = 180, PERIOD = 32;

async function fixtures(dir: string) {
  // A vertical sine grating: its phase gives the horizontal position to a fraction of a pixel.
  const grating = Buffer.alloc(W * 2 * H * 2 * 3);
  for (let y = 0; y < H * 2; y++) for (let x = 0; x < W * 2; x++) {
    const v = Math.round(128 + 90 * Math.sin((2 * Math.PI * x) / PERIOD));
    grating.fill(v, (y * W * 2 + x) * 3, (y * W * 2 + x) * 3 + 3);
  }
  const gratingPath = join(dir, 'grating.png');
  await sharp(grating, { raw: { width: W * 2, height: H * 2, channels: 3 } }).png().toFile(gratingPath);
  const start = join(dir, 'start.png');
  await sharp({ create: { width: 640, height: 360, channels: 3, background: '#3a5f8a' } })
    .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><circle cx="320" cy="180" r="90" fill="#e8c040"/><rect x="40" y="40" width="140" height="90" fill="#a83030"/></svg>') }])
    .png().toFile(start);
  const end = join(dir, 'end.jpg');
  await sharp({ create: { width: 480, height: 270, channels: 3, background: '#e0e0d0' } }).jpeg().toFile(end);
  const product = join(dir, 'product.png');
  await sharp({ create: { width: 200, height: 260, channels: 3, background: '#20a060' } }).png().toFile(product);
  return { gratingPath, start, end, product };
}

async function grayFrames(path: string): Promise<Uint8Array[]> {
  const { stdout } = await runFfmpeg(['-v', 'error', '-i', path, '-f', 'rawvideo', '-pix_fmt', 'gray', '-']);
  const size = W * H;
  return Array.from({ length: stdout.length / size }, (_, i) => new Uint8Array(stdout.subarray(i * size, (i + 1) * size)));
}

/** Horizontal position of the grating, pixels, from its phase (Hann-windowed, all rows pooled). */
function gratingPosition(frame: Uint8Array, period: number): number {
  let re = 0, im = 0;
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * x) / (W - 1));
    const v = frame[y * W + x]! * w;
    re += v * Math.cos((2 * Math.PI * x) / period);
    im += v * Math.sin((2 * Math.PI * x) / period);
  }
  return (Math.atan2(im, re) * period) / (2 * Math.PI);
}

async function comment(path: string): Promise<string> {
  const { stdout } = await runFfmpeg(['-v', 'error', '-show_entries', 'format_tags=comment', '-of', 'default=nw=1:nk=1', path], { binary: 'ffprobe' });
  return stdout.toString().trim();
}

function topLevelBoxes(buf: Buffer): string[] {
  const names: string[] = [];
  for (let off = 0; off + 8 <= buf.length;) {
    const size = buf.readUInt32BE(off);
    names.push(buf.toString('latin1', off + 4, off + 8));
    if (size < 8) break;
    off += size;
  }
  return names;
}

const fmt = (xs: number[]) => xs.map((d) => d.toFixed(3)).join(' ');

function stepsOf(frames: Uint8Array[], period: number): number[] {
  const pos = frames.map((fr) => gratingPosition(fr, period));
  return pos.slice(1).map((p, i) => {
    let d = p - pos[i]!;
    if (d > period / 2) d -= period; else if (d < -period / 2) d += period;
    return d;
  });
}

const sha = async (p: string) => createHash('sha256').update(await readFile(p)).digest('hex');

test('local animatic: exact size, frames, fps, codec, faststart, previz label; sub-pixel smooth pan', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'animatic-test-'));
  try {
    const f = await fixtures(dir);
    const out = join(dir, 'clips', 'pan.mp4');
    const progress: number[] = [];
    const r = await renderAnimatic({ startImage: f.gratingPath, width: W, height: H, seconds: 2, fps: 24, motion: 'pan-right', deltas: [], layers: { productImages: [], referenceImages: [] }, seed: 1, out, onProgress: (p) => progress.push(p) });
    assert.equal(r.previz, true);
    assert.equal(r.frames, 48);
    assert.match(r.mechanismNote, /previz.*pan-right/);
    const info = await probe(out);
    assert.deepEqual([info.width, info.height, info.frameCount, info.fps, info.codec, info.pixelFormat, info.variableFrameRate], [W, H, 48, 24, 'h264', 'yuv420p', false]);
    assert.equal(await comment(out), 'Continuity Studio local animatic (previz)');
    const boxes = topLevelBoxes(await readFile(out));
    assert.ok(boxes.indexOf('moov') < boxes.indexOf('mdat'), `faststart: ${boxes.join(',')}`);
    assert.equal(progress.at(-1), 1);
    assert.ok(!existsSync(out + '.partial'));

    // Measure the motion on the decoded frames: every frame moves, always the same way, and the
    // speed changes gradually (zoompan's whole-pixel rounding gives steps of 0 / 1 px instead).
    const frames = await grayFrames(out);
    assert.equal(frames.length, 48);
    const period = PERIOD / 2 / 0.89; // source was 2× the output; pans use an 0.89 window
    const pos = frames.map((fr) => gratingPosition(fr, period));
    const steps = stepsOf(frames, period);
    // H.264 stores this motion as quarter-pel motion vectors, so decoded steps snap to ~¼ px;
    // the strict smoothness check runs on the camera's own output in the next test.
    const sign = Math.sign(steps[Math.floor(steps.length / 2)]!);
    assert.ok(steps.every((d) => d * sign > -0.05), `never moves backwards: ${fmt(steps)}`);
    const travel = Math.abs(pos.at(-1)! - pos[0]!);
    const expected = (1 - 0.89) * W / 0.89;
    assert.ok(Math.abs(steps.reduce((a, b) => a + b, 0)) > expected * 0.9 && Math.abs(steps.reduce((a, b) => a + b, 0)) < expected * 1.1, `travel ${travel}`);
    const jerk = steps.slice(1).map((d, i) => Math.abs(d - steps[i]!));
    assert.ok(Math.max(...jerk) < 0.4, `no whole-pixel jumps: max change of step ${Math.max(...jerk).toFixed(3)} px`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the camera itself moves every frame by sub-pixel, smoothly changing steps', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'animatic-test-'));
  try {
    const f = await fixtures(dir);
    const { data, info } = await sharp(f.gratingPath).resize(W, H).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const frames = 48;
    const path = cameraPath('pan-left', 9);
    const cam = new CameraResampler(W, H, 2);
    rgbToYuv420({ data, width: info.width, height: info.height, channels: 3 }, cam.picture(0));
    // The luma plane of each frame, before any encoder touches it.
    const raw = Array.from({ length: frames }, (_, i) => {
      cam.render(0, windowAt(path, i, frames), 1);
      return cam.picture(1).slice(0, W * H);
    });
    const steps = stepsOf(raw, PERIOD / 2 / 0.89);
    const sign = Math.sign(steps[20]!);
    assert.ok(steps.every((d) => d * sign > 0.1), `every frame moves, same way (no repeats): ${fmt(steps)}`);
    const jerk = steps.slice(1).map((d, i) => Math.abs(d - steps[i]!));
    assert.ok(Math.max(...jerk) < 0.15, `smooth: max change of step ${Math.max(...jerk).toFixed(3)} px`);
    assert.ok(steps.some((d) => Math.abs(Math.abs(d) - Math.round(Math.abs(d))) > 0.15), 'steps are not whole pixels');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('local animatic with end image and deltas is deterministic for a seed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'animatic-test-'));
  try {
    const f = await fixtures(dir);
    const deltas: Delta[] = [
      { kind: 'palette', label: 'teal night', hueShiftDeg: 40, saturation: 1.2, brightness: -0.2, targetHex: ['#0f4c5c', '#e36414'] },
      { kind: 'motif', label: 'first snow', motif: 'snow', season: 'winter' },
    ];
    const opts: AnimaticOptions = { startImage: f.start, endImage: f.end, width: 160, height: 90, seconds: 1, fps: 25, motion: 'drift', deltas, layers: { productImages: [f.product], referenceImages: [] }, seed: 42, out: join(dir, 'a.mp4') };
    const a = await renderAnimatic(opts);
    const b = await renderAnimatic({ ...opts, out: join(dir, 'b.mp4') });
    assert.equal(await sha(a.path), await sha(b.path), 'same inputs, same bytes');
    const c = await renderAnimatic({ ...opts, seed: 43, out: join(dir, 'c.mp4') });
    assert.notEqual(await sha(a.path), await sha(c.path), 'the seed matters');
    assert.match(a.mechanismNote, /palette "teal night".*crossfade.*motif "first snow"/);
    const info = await probe(a.path);
    assert.deepEqual([info.width, info.height, info.frameCount, info.fps], [160, 90, 25, 25]);

    const prop = await renderAnimatic({ ...opts, endImage: undefined, deltas: [{ kind: 'prop', label: 'bottle', prop: 'bottle', layer: { source: 'product', index: 0 } }], out: join(dir, 'p.mp4') });
    assert.match(prop.mechanismNote, /prop "bottle" composited from layers\.productImages\[0\]/);
    await assert.rejects(renderAnimatic({ ...opts, deltas: [{ kind: 'prop', label: 'x', prop: 'x', layer: { source: 'reference', index: 2 } }], out: join(dir, 'q.mp4') }), (e: unknown) => e instanceof InputError && /reference layer 2/.test(e.message));
    // Temp folders are gone and nothing partial is left beside the outputs.
    assert.deepEqual((await readdir(dir)).filter((n) => n.includes('partial')), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('bad options are InputErrors naming the field; cancel is not a failure and leaves no file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'animatic-test-'));
  try {
    const f = await fixtures(dir);
    const opts: AnimaticOptions = { startImage: f.start, width: 160, height: 90, seconds: 1, fps: 24, motion: 'static', deltas: [], layers: { productImages: [], referenceImages: [] }, seed: 1, out: join(dir, 'x.mp4') };
    await assert.rejects(renderAnimatic({ ...opts, width: 161 }), (e: unknown) => e instanceof InputError && /"width" must be even, got 161/.test(e.message));
    await assert.rejects(renderAnimatic({ ...opts, seconds: 1.01 }), (e: unknown) => e instanceof InputError && /whole number of frames/.test(e.message));
    await assert.rejects(renderAnimatic({ ...opts, startImage: join(dir, 'missing.png') }), (e: unknown) => e instanceof InputError && /missing\.png/.test(e.message));
    const controller = new AbortController();
    const pending = renderAnimatic({ ...opts, seconds: 20, width: 640, height: 360, motion: 'push-in', signal: controller.signal, onProgress: () => controller.abort() });
    await assert.rejects(pending, (e: unknown) => e instanceof CanceledError);
    assert.ok(!existsSync(opts.out) && !existsSync(opts.out + '.partial'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
