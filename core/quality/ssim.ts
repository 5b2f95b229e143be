/**
 * Structural similarity (Wang, Bovik, Sheikh & Simoncelli 2004) on luma, with the paper's
 * 11×11 Gaussian window (σ = 1.5), K1 = 0.01, K2 = 0.03, L = 255, averaged over the valid region.
 * Used across a frame bridge: the previous take's last frame vs this take's first frame.
 */
import type { RawImage } from '../domain/raw-image.ts';
import { InputError } from '../domain/errors.ts';
import { lumaPlane, resizePlane, type Plane } from './luma-plane.ts';

const WINDOW = 11;
const SIGMA = 1.5;
const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;

function gaussianKernel(size: number, sigma: number): Float32Array {
  const k = new Float32Array(size);
  const c = (size - 1) / 2;
  let sum = 0;
  for (let i = 0; i < size; i++) { k[i] = Math.exp(-((i - c) ** 2) / (2 * sigma * sigma)); sum += k[i]!; }
  for (let i = 0; i < size; i++) k[i]! /= sum;
  return k;
}
const KERNEL = gaussianKernel(WINDOW, SIGMA);

/** Separable 'valid' convolution: output is (w − 10) × (h − 10). */
function blurValid(src: Float32Array, w: number, h: number): Float32Array {
  const ow = w - WINDOW + 1;
  const oh = h - WINDOW + 1;
  const tmp = new Float32Array(ow * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < ow; x++) {
      let acc = 0;
      for (let k = 0; k < WINDOW; k++) acc += KERNEL[k]! * src[row + x + k]!;
      tmp[y * ow + x] = acc;
    }
  }
  const out = new Float32Array(ow * oh);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let acc = 0;
      for (let k = 0; k < WINDOW; k++) acc += KERNEL[k]! * tmp[(y + k) * ow + x]!;
      out[y * ow + x] = acc;
    }
  }
  return out;
}

/** Mean SSIM of two same-sized luma planes, in [−1, 1] (1 = identical). */
export function ssimPlanes(a: Plane, b: Plane): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new InputError(`ssim: planes differ in size (${a.width}x${a.height} vs ${b.width}x${b.height})`, 'size');
  }
  const { width: w, height: h } = a;
  if (w < WINDOW || h < WINDOW) throw new InputError(`ssim: image ${w}x${h} is smaller than the ${WINDOW}x${WINDOW} window`, 'size', `${w}x${h}`);
  const n = w * h;
  const aa = new Float32Array(n);
  const bb = new Float32Array(n);
  const ab = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = a.data[i]!;
    const y = b.data[i]!;
    aa[i] = x * x; bb[i] = y * y; ab[i] = x * y;
  }
  const muA = blurValid(a.data, w, h);
  const muB = blurValid(b.data, w, h);
  const sAA = blurValid(aa, w, h);
  const sBB = blurValid(bb, w, h);
  const sAB = blurValid(ab, w, h);
  let sum = 0;
  for (let i = 0; i < muA.length; i++) {
    const ma = muA[i]!;
    const mb = muB[i]!;
    const va = sAA[i]! - ma * ma;
    const vb = sBB[i]! - mb * mb;
    const cov = sAB[i]! - ma * mb;
    sum += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
  }
  return sum / muA.length;
}

export interface SsimOptions {
  /**
   * Downsample so the shorter side is about this many pixels before comparing. Wang et al.
   * recommend downsampling by max(1, round(min(H, W) / 256)) because SSIM's window is tuned to
   * a viewing distance; it also keeps a 1080p bridge check fast. Default 256.
   */
  shortSide?: number;
}

/**
 * SSIM between two sRGB images on luma. Images of different sizes (a bridge whose takes were
 * rendered at different resolutions) are compared at the smaller common size; a different
 * aspect ratio is itself a structural mismatch and simply scores low.
 */
export function ssim(a: RawImage, b: RawImage, options: SsimOptions = {}): number {
  const target = options.shortSide ?? 256;
  const width = Math.min(a.width, b.width);
  const height = Math.min(a.height, b.height);
  const factor = Math.max(1, Math.round(Math.min(width, height) / target));
  const w = Math.max(WINDOW, Math.round(width / factor));
  const h = Math.max(WINDOW, Math.round(height / factor));
  return ssimPlanes(resizePlane(lumaPlane(a), w, h), resizePlane(lumaPlane(b), w, h));
}
