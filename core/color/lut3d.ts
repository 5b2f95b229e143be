/**
 * 3-D LUTs: `data` holds size³ RGB triples (0..1 outputs) with R varying fastest, then G, then B,
 * the order of Adobe's Cube format and of ffmpeg's lut3d, so a LUT is written without reordering.
 */
import { InputError } from '../domain/errors.ts';
import type { RawImage } from '../domain/raw-image.ts';
import { compileTransform, type ColorTransform } from './color-transform.ts';
import { assertRawImage } from './image-lab.ts';

export interface Lut3D {
  size: number;
  /** size³·3 floats; entry (r, g, b) starts at ((b·size + g)·size + r)·3. */
  data: Float32Array;
  title?: string;
  /** Input domain; defaults to 0..1 on every channel. */
  domainMin?: [number, number, number];
  domainMax?: [number, number, number];
}

export interface BakeOptions {
  /** Grid points per axis (2..129). Default 33, the size every NLE and ffmpeg read. */
  size?: number;
  /** 0..1: blend with identity. Default 1. */
  strength?: number;
  title?: string;
}

function checkSize(size: number): void {
  if (!Number.isInteger(size) || size < 2 || size > 129) throw new InputError(`LUT size must be a whole number from 2 to 129, got ${size}`, 'size', size);
}

/** The LUT that maps every colour to itself. */
export function identityLut(size = 33): Lut3D {
  checkSize(size);
  const data = new Float32Array(size * size * size * 3);
  let o = 0;
  for (let b = 0; b < size; b++) for (let g = 0; g < size; g++) for (let r = 0; r < size; r++) {
    data[o++] = r / (size - 1); data[o++] = g / (size - 1); data[o++] = b / (size - 1);
  }
  return { size, data };
}

/**
 * Sample `transform` on a size³ grid over gamma-encoded RGB 0..1. Strength is applied while
 * baking (blend with identity) so the delivered .cube already carries the chosen strength.
 */
export function bakeLut(transform: ColorTransform, options: BakeOptions = {}): Lut3D {
  const size = options.size ?? 33;
  checkSize(size);
  const kernel = compileTransform(transform, options.strength ?? 1);
  const data = new Float32Array(size * size * size * 3);
  const px = new Float64Array(3);
  let o = 0;
  for (let b = 0; b < size; b++) for (let g = 0; g < size; g++) for (let r = 0; r < size; r++) {
    kernel(r / (size - 1), g / (size - 1), b / (size - 1), px);
    data[o++] = px[0]!; data[o++] = px[1]!; data[o++] = px[2]!;
  }
  return { size, data, ...(options.title ? { title: options.title } : {}) };
}

/**
 * Apply `lut` to an image with trilinear interpolation (ffmpeg's `lut3d=interp=trilinear`), so
 * our preview and ffmpeg's render can be compared pixel for pixel.
 */
export function applyLutToImage(lut: Lut3D, raw: RawImage): RawImage {
  assertRawImage(raw, 'image');
  const { size, data } = lut;
  checkSize(size);
  if (data.length !== size * size * size * 3) throw new InputError(`LUT data has ${data.length} values, expected ${size ** 3 * 3} for size ${size}`, 'lut', data.length);
  // Per-channel lookup tables from byte value to grid cell and fraction, honouring the domain.
  const lo = lut.domainMin ?? [0, 0, 0], hi = lut.domainMax ?? [1, 1, 1];
  const cell = [0, 1, 2].map(() => new Int32Array(256));
  const frac = [0, 1, 2].map(() => new Float64Array(256));
  for (let c = 0; c < 3; c++) {
    for (let v = 0; v < 256; v++) {
      const x = Math.min(1, Math.max(0, (v / 255 - lo[c]!) / (hi[c]! - lo[c]!))) * (size - 1);
      const i = Math.min(size - 2, Math.floor(x));
      cell[c]![v] = i; frac[c]![v] = x - i;
    }
  }
  const [cr, cg, cb] = cell as [Int32Array, Int32Array, Int32Array];
  const [fr, fg, fb] = frac as [Float64Array, Float64Array, Float64Array];
  const sy = size * 3, sz = size * size * 3;
  const src = raw.data;
  const out = new Uint8Array(src.length);
  for (let p = 0; p < src.length; p += 3) {
    const r = src[p]!, g = src[p + 1]!, b = src[p + 2]!;
    const x = fr[r]!, y = fg[g]!, z = fb[b]!;
    const base = cb[b]! * sz + cg[g]! * sy + cr[r]! * 3;
    for (let c = 0; c < 3; c++) {
      const i = base + c;
      const c00 = data[i]! + (data[i + 3]! - data[i]!) * x;
      const c10 = data[i + sy]! + (data[i + sy + 3]! - data[i + sy]!) * x;
      const c01 = data[i + sz]! + (data[i + sz + 3]! - data[i + sz]!) * x;
      const c11 = data[i + sz + sy]! + (data[i + sz + sy + 3]! - data[i + sz + sy]!) * x;
      const c0 = c00 + (c10 - c00) * y, c1 = c01 + (c11 - c01) * y;
      const v = (c0 + (c1 - c0) * z) * 255;
      out[p + c] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
    }
  }
  return { width: raw.width, height: raw.height, channels: 3, data: out };
}
