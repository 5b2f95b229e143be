/**
 * The local animatic's camera, in-process: each frame is the window of the camera path
 * (camera-path.ts) sampled from a 4:2:0 still with bilinear interpolation at 1/256-pixel
 * positions, and the crossfade toward the end still. The per-pixel loops are WebAssembly
 * (camera-resample.wat); this file lays out their memory and computes the taps.
 *
 * Why not ffmpeg's perspective filter (the remix still moves its layers with it): for a window
 * that only zooms and slides, the source column depends on x alone and the row on y alone, so two
 * short tables per frame replace perspective's per-pixel projective table, recomputed every
 * frame on one thread; and the frames are made beside the encoder instead of in its way
 * (issue 18 item 2).
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
import { yuv420Bytes } from './yuv420.ts';

interface Kernels {
  memory: WebAssembly.Memory;
  plane(src: number, dst: number, w: number, h: number, cols: number, rows: number, bufA: number, bufB: number): void;
  blend(a: number, b: number, out: number, n: number, alpha: number): void;
}

let compiled: WebAssembly.Module | undefined;

const PAGE = 65536;
const TAP_BYTES = 12;
const align16 = (n: number) => (n + 15) & ~15;

/**
 * Taps along one axis into `into` (i0, i1, weight of i1 per output index): luma position
 * pos(k) = round(256·(full·left + size·k)); a plane subsampled by `shift` reads pos(k << shift) >> shift.
 */
function writeTaps(into: Int32Array, count: number, planeLen: number, full: number, left: number, size: number, shift: number): void {
  for (let k = 0, t = 0; k < count; k++, t += 3) {
    const pos = Math.round(256 * (full * left + size * (k << shift))) >> shift;
    const whole = pos >> 8;
    if (whole >= 0 && whole < planeLen - 1) {
      into[t] = whole; into[t + 1] = whole + 1; into[t + 2] = pos & 255;
    } else {
      const edge = whole < 0 ? 0 : planeLen - 1;
      into[t] = edge; into[t + 1] = edge; into[t + 2] = 0;
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

  constructor(width: number, height: number, pictures: number) {
    if (width % 2 || height % 2) throw new Error(`CameraResampler: ${width}x${height} is not even both ways`);
    this.width = width;
    this.height = height;
    this.pictureBytes = yuv420Bytes(width, height);
    compiled ??= new WebAssembly.Module(Buffer.from(CAMERA_RESAMPLE_WASM_BASE64, 'base64'));
    this.k = new WebAssembly.Instance(compiled).exports as unknown as Kernels;
    let at = 0;
    const take = (bytes: number) => { const here = at; at = align16(at + bytes); return here; };
    for (let i = 0; i < pictures; i++) this.slots.push(take(this.pictureBytes));
    this.taps = {
      lumaCols: take(width * TAP_BYTES), lumaRows: take(height * TAP_BYTES),
      chromaCols: take((width / 2) * TAP_BYTES), chromaRows: take((height / 2) * TAP_BYTES),
    };
    this.bufA = take(width * 2);
    this.bufB = take(width * 2);
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
    writeTaps(new Int32Array(mem, t.lumaCols, w * 3), w, w, w, left, win.s, 0);
    writeTaps(new Int32Array(mem, t.lumaRows, h * 3), h, h, h, top, win.s, 0);
    writeTaps(new Int32Array(mem, t.chromaCols, (w / 2) * 3), w / 2, w / 2, w, left, win.s, 1);
    writeTaps(new Int32Array(mem, t.chromaRows, (h / 2) * 3), h / 2, h / 2, h, top, win.s, 1);
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

  private slot(i: number): number {
    const at = this.slots[i];
    if (at === undefined) throw new Error(`CameraResampler: no picture slot ${i} (has ${this.slots.length})`);
    return at;
  }
}
