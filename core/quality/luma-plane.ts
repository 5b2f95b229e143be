/**
 * Single-channel float planes for structural metrics (SSIM, flicker). SSIM is defined on luma;
 * we use BT.601 weights because that is what the reference implementation's `rgb2gray` uses
 * (Wang et al. 2004, ssim_index.m), so our figures compare with published ones.
 */
import type { RawImage } from '../domain/raw-image.ts';
import { lumaOf } from '../media/frame-sharpness.ts';

export interface Plane {
  width: number;
  height: number;
  data: Float32Array;
}

/** Luma (0..255) of an 8-bit sRGB image, BT.601 weights. */
export function lumaPlane(img: RawImage): Plane {
  return { width: img.width, height: img.height, data: lumaOf(img) };
}

/** Mean value of a plane. */
export function planeMean(p: Plane): number {
  let sum = 0;
  for (let i = 0; i < p.data.length; i++) sum += p.data[i]!;
  return p.data.length ? sum / p.data.length : 0;
}

interface Taps { start: number[]; weights: Float32Array[] }

/**
 * Per output sample, the source samples its footprint covers and their coverage weights. Area
 * averaging (not point sampling) so downscaling does not alias fine texture into fake structure.
 */
function footprint(src: number, dst: number): Taps {
  const scale = src / dst;
  const start: number[] = [];
  const weights: Float32Array[] = [];
  for (let o = 0; o < dst; o++) {
    if (scale <= 1) {
      // Upscale: linear interpolation between the two nearest source samples.
      const x = Math.min(src - 1, Math.max(0, (o + 0.5) * scale - 0.5));
      const x0 = Math.floor(x);
      const f = x - x0;
      start.push(x0);
      weights.push(x0 + 1 < src ? Float32Array.of(1 - f, f) : Float32Array.of(1));
      continue;
    }
    const a = o * scale;
    const b = a + scale;
    const i0 = Math.floor(a);
    const i1 = Math.min(src, Math.ceil(b));
    const w = new Float32Array(i1 - i0);
    for (let i = i0; i < i1; i++) w[i - i0] = (Math.min(b, i + 1) - Math.max(a, i)) / scale;
    start.push(i0);
    weights.push(w);
  }
  return { start, weights };
}

/** Resize a plane (area average down, bilinear up), separably. */
export function resizePlane(p: Plane, width: number, height: number): Plane {
  if (width === p.width && height === p.height) return p;
  const h = footprint(p.width, width);
  const v = footprint(p.height, height);
  const tmp = new Float32Array(width * p.height);
  for (let y = 0; y < p.height; y++) {
    const row = y * p.width;
    for (let x = 0; x < width; x++) {
      const s = h.start[x]!;
      const w = h.weights[x]!;
      let acc = 0;
      for (let k = 0; k < w.length; k++) acc += w[k]! * p.data[row + s + k]!;
      tmp[y * width + x] = acc;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const s = v.start[y]!;
    const w = v.weights[y]!;
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let k = 0; k < w.length; k++) acc += w[k]! * tmp[(s + k) * width + x]!;
      out[y * width + x] = acc;
    }
  }
  return { width, height, data: out };
}

/** Resize an 8-bit RGB image channel by channel with the same filters as resizePlane. */
export function resizeImage(img: RawImage, width: number, height: number): RawImage {
  if (width === img.width && height === img.height) return img;
  const n = img.width * img.height;
  const out = new Uint8Array(width * height * 3);
  for (let c = 0; c < 3; c++) {
    const plane = new Float32Array(n);
    for (let i = 0; i < n; i++) plane[i] = img.data[i * 3 + c]!;
    const r = resizePlane({ width: img.width, height: img.height, data: plane }, width, height).data;
    for (let i = 0; i < r.length; i++) out[i * 3 + c] = Math.max(0, Math.min(255, Math.round(r[i]!)));
  }
  return { width, height, channels: 3, data: out };
}
