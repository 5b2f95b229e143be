/**
 * The local animatic's camera, in-process: each frame is the window of the camera path
 * (camera-path.ts) sampled from a 4:2:0 still with bilinear interpolation at 1/256-pixel
 * positions, plus the crossfade toward the end still and the motif particles in front. The
 * per-pixel loops are WebAssembly (camera-resample.wat); this file lays out their memory and
 * computes the taps.
 *
 * Why not ffmpeg's perspective filter (the remix still moves its layers with it): for a window
 * that only zooms and slides, the source column depends on x alone and the row on y alone, so two
 * short tables per frame replace perspective's per-pixel projective table, recomputed every
 * frame on one thread; and the frames are made beside the encoder instead of in its way
 * (issue 18 item 2). On the bench's 4 s 720p clip the kernels take about 0.1 s of CPU where
 * perspective took about 0.75 s.
 *
 * The sampling is perspective's own (sense=source, interpolation=linear): output pixel x of a
 * window with left edge L (a fraction) and size s reads source x' = W·L + s·x; chroma reads half
 * the luma position (vf_perspective's `>> hsub`); 8 fractional bits; positions outside the
 * picture clamp to the edge. So a remix's layers, moved by perspective along the same path, stay
 * on the anchor's picture (test/integration/providers-local/camera-resample.test.ts compares the
 * two).
 */
import type { CameraWindow } from './camera-path.ts';
import { CAMERA_RESAMPLE_WASM_BASE64 } from './camera-resample-wasm.ts';
import type { RawStill } from './prepare-stills.ts';
import { rgbToYuv420, yuv420Bytes } from './yuv420.ts';

interface Kernels {
  memory: WebAssembly.Memory;
  plane(src: number, dst: number, w: number, h: number, cols: number, rows: number, bufA: number, bufB: number): void;
  blend(a: number, b: number, out: number, n: number, alpha: number): void;
  overlay(dst: number, src: number, alpha: number, n: number): void;
}

/** Where a particle sheet (width × 2·height, straight alpha) lives: 4:2:0 picture, luma-size alpha, chroma-size alpha. */
interface SheetRegions { yuv: number; alpha: number; chromaAlpha: number }

let compiled: WebAssembly.Module | undefined;

const PAGE = 65536;
const TAP_BYTES = 12;
const GROUP_BYTES = 64;
const align16 = (n: number) => (n + 15) & ~15;

/** Luma position of output index k in 1/256 px; a plane subsampled by `shift` reads pos(k << shift) >> shift. */
const position = (k: number, full: number, left: number, size: number, shift: number) =>
  Math.round(256 * (full * left + size * (k << shift))) >> shift;

/** The two source indices and the second one's weight for a position (clamped at the edges as perspective does). */
function tap(pos: number, planeLen: number): [number, number, number] {
  const whole = pos >> 8;
  if (whole >= 0 && whole < planeLen - 1) return [whole, whole + 1, pos & 255];
  const edge = whole < 0 ? 0 : planeLen - 1;
  return [edge, edge, 0];
}

/** Row taps into `into`: first row, second row, weight of the second (i32 each). */
function writeRowTaps(into: Int32Array, count: number, full: number, top: number, size: number, shift: number): void {
  for (let k = 0, t = 0; k < count; k++, t += 3) {
    const [a, b, f] = tap(position(k, full, top, size, shift), count);
    into[t] = a; into[t + 1] = b; into[t + 2] = f;
  }
}

/**
 * Column groups for the wasm `$across` (64 bytes per 8 output columns): the source index of the
 * group's 16-byte load, a shuffle picking each column's two bytes from it, and the weight pairs.
 * Columns past the plane's width (the last group's tail) read byte 0 with weight 0.
 */
function writeColumnGroups(memory: ArrayBuffer, at: number, count: number, full: number, left: number, size: number, shift: number): void {
  const groups = Math.ceil(count / 8);
  const i32 = new Int32Array(memory, at, groups * 16), u8 = new Uint8Array(memory, at, groups * 64), i16 = new Int16Array(memory, at, groups * 32);
  u8.fill(0);
  for (let g = 0; g < groups; g++) {
    let base = 0;
    for (let j = 0; j < 8 && g * 8 + j < count; j++) {
      const [a, b, f] = tap(position(g * 8 + j, full, left, size, shift), count);
      // The group's load starts at its first column's first source pixel.
      if (j === 0) { base = a; i32[g * 16] = base; }
      if (a - base > 15 || b - base > 15 || a < base) throw new Error(`CameraResampler: a window of size ${size} spans more than 16 source pixels per 8 output pixels`);
      u8[g * 64 + 16 + 2 * j] = a - base;
      u8[g * 64 + 16 + 2 * j + 1] = b - base;
      i16[g * 32 + 16 + 2 * j] = 256 - f;
      i16[g * 32 + 16 + 2 * j + 1] = f;
    }
  }
}

/**
 * `pictures` 4:2:0 picture slots of width × height in one WebAssembly memory, plus the scratch the
 * kernels need. A slot's bytes are a view (`picture(i)`): fill one with a still, render or blend
 * between slots. Its own memory per instance, so renders running side by side never share one.
 */
export class CameraResampler {
  readonly width: number;
  readonly height: number;
  readonly pictureBytes: number;
  private readonly k: Kernels;
  private readonly slots: number[] = [];
  private readonly taps: { lumaCols: number; lumaRows: number; chromaCols: number; chromaRows: number };
  private readonly bufA: number;
  private readonly bufB: number;

  private readonly sheet: SheetRegions | null;

  /** `particleSheet`: also room for one motif particle sheet (setParticleSheet, overlayParticles). */
  constructor(width: number, height: number, pictures: number, o: { particleSheet?: boolean } = {}) {
    if (width % 2 || height % 2) throw new Error(`CameraResampler: ${width}x${height} is not even both ways`);
    this.width = width;
    this.height = height;
    this.pictureBytes = yuv420Bytes(width, height);
    compiled ??= new WebAssembly.Module(Buffer.from(CAMERA_RESAMPLE_WASM_BASE64, 'base64'));
    this.k = new WebAssembly.Instance(compiled).exports as unknown as Kernels;
    let at = 0;
    const take = (bytes: number) => { const here = at; at = align16(at + bytes); return here; };
    for (let i = 0; i < pictures; i++) this.slots.push(take(this.pictureBytes));
    this.sheet = o.particleSheet
      ? { yuv: take(yuv420Bytes(width, 2 * height)), alpha: take(width * 2 * height), chromaAlpha: take((width / 2) * height) }
      : null;
    const groupBytes = (n: number) => Math.ceil(n / 8) * GROUP_BYTES;
    this.taps = {
      lumaCols: take(groupBytes(width)), lumaRows: take(height * TAP_BYTES),
      chromaCols: take(groupBytes(width / 2)), chromaRows: take((height / 2) * TAP_BYTES),
    };
    // Row buffers hold whole groups of 8; the 16-byte loads of the last slot's last row land here.
    this.bufA = take(Math.ceil(width / 8) * 16);
    this.bufB = take(Math.ceil(width / 8) * 16);
    const pages = Math.ceil(at / PAGE) - this.k.memory.buffer.byteLength / PAGE;
    // Grown once, here: views into the memory stay valid for the resampler's life.
    if (pages > 0) this.k.memory.grow(pages);
  }

  /** Slot `i`'s bytes: Y (width × height), then Cb, Cr (half size each way). */
  picture(i: number): Uint8Array {
    return new Uint8Array(this.k.memory.buffer, this.slot(i), this.pictureBytes);
  }

  /** Slot `dst` = slot `src` seen through `win` (fractions of the picture). */
  render(src: number, win: CameraWindow, dst: number): void {
    const { width: w, height: h } = this;
    const left = win.cx - win.s / 2, top = win.cy - win.s / 2;
    const mem = this.k.memory.buffer;
    const t = this.taps;
    writeColumnGroups(mem, t.lumaCols, w, w, left, win.s, 0);
    writeRowTaps(new Int32Array(mem, t.lumaRows, h * 3), h, h, top, win.s, 0);
    writeColumnGroups(mem, t.chromaCols, w / 2, w, left, win.s, 1);
    writeRowTaps(new Int32Array(mem, t.chromaRows, (h / 2) * 3), h / 2, h, top, win.s, 1);
    const s = this.slot(src), d = this.slot(dst);
    const luma = w * h, chroma = (w / 2) * (h / 2);
    this.k.plane(s, d, w, h, t.lumaCols, t.lumaRows, this.bufA, this.bufB);
    this.k.plane(s + luma, d + luma, w / 2, h / 2, t.chromaCols, t.chromaRows, this.bufA, this.bufB);
    this.k.plane(s + luma + chroma, d + luma + chroma, w / 2, h / 2, t.chromaCols, t.chromaRows, this.bufA, this.bufB);
  }

  /** Slot `dst` = slot `b` over slot `a` at opacity alpha/256 (0–256), every plane alike. */
  blend(a: number, b: number, alpha: number, dst: number): void {
    if (!Number.isInteger(alpha) || alpha < 0 || alpha > 256) throw new Error(`CameraResampler.blend: alpha must be a whole number 0–256, got ${alpha}`);
    this.k.blend(this.slot(a), this.slot(b), this.slot(dst), this.pictureBytes, alpha);
  }

  /**
   * The motif particle sheet (RGBA, width × 2·height, straight alpha): converted once to 4:2:0
   * as the stills are, its alpha kept at luma size and averaged over each 2×2 for chroma (what
   * ffmpeg's overlay filter does with a yuva420p layer).
   */
  setParticleSheet(rgba: RawStill): void {
    const sheet = this.requireSheet();
    const { width: w, height: h } = this;
    if (rgba.width !== w || rgba.height !== 2 * h || rgba.channels !== 4) {
      throw new Error(`CameraResampler: a particle sheet must be ${w}x${2 * h} RGBA, got ${rgba.width}x${rgba.height}x${rgba.channels}`);
    }
    const mem = this.k.memory.buffer;
    const alpha = new Uint8Array(mem, sheet.alpha, w * 2 * h);
    for (let i = 0; i < alpha.length; i++) alpha[i] = rgba.data[i * 4 + 3]!;
    const chroma = new Uint8Array(mem, sheet.chromaAlpha, (w / 2) * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w / 2; x++) {
      const p = 2 * y * w + 2 * x;
      chroma[y * (w / 2) + x] = (alpha[p]! + alpha[p + 1]! + alpha[p + w]! + alpha[p + w + 1]!) >> 2;
    }
    // Colour only where the sheet shows: the overlay leaves a sample alone where its alpha is 0.
    rgbToYuv420(rgba, new Uint8Array(mem, sheet.yuv, yuv420Bytes(w, 2 * h)), { luma: alpha, chroma });
  }

  /**
   * The sheet over slot `dst`, scrolled so sheet row `top` (even, −height…height) is the frame's
   * first row: a motif falling past the lens, in front of the camera's picture. Below zero the
   * sheet has come down past the frame's top edge, and those first rows get no particles.
   */
  overlayParticles(dst: number, top: number): void {
    const sheet = this.requireSheet();
    const { width: w, height: h } = this;
    if (!Number.isInteger(top) || top % 2 || top < -h || top > h) throw new Error(`CameraResampler.overlayParticles: sheet row ${top} is not an even row from ${-h} to ${h}`);
    const skip = Math.max(0, -top), from = Math.max(0, top), rows = h - skip;
    const d = this.slot(dst), luma = w * h, chroma = luma / 4, sheetLuma = w * 2 * h, sheetChroma = sheetLuma / 4;
    const cw = w / 2, cFrom = (from / 2) * cw, cSkip = (skip / 2) * cw, cBytes = (rows / 2) * cw;
    this.k.overlay(d + skip * w, sheet.yuv + from * w, sheet.alpha + from * w, rows * w);
    this.k.overlay(d + luma + cSkip, sheet.yuv + sheetLuma + cFrom, sheet.chromaAlpha + cFrom, cBytes);
    this.k.overlay(d + luma + chroma + cSkip, sheet.yuv + sheetLuma + sheetChroma + cFrom, sheet.chromaAlpha + cFrom, cBytes);
  }

  /** Slot `dst` = slot `src`, byte for byte. */
  copy(src: number, dst: number): void {
    if (src !== dst) this.picture(dst).set(this.picture(src));
  }

  private requireSheet(): SheetRegions {
    if (!this.sheet) throw new Error('CameraResampler: made without room for a particle sheet');
    return this.sheet;
  }

  private slot(i: number): number {
    const at = this.slots[i];
    if (at === undefined) throw new Error(`CameraResampler: no picture slot ${i} (has ${this.slots.length})`);
    return at;
  }
}
