/**
 * How usable a frame is as "the picture of this clip": sharpness as the variance of the Laplacian
 * (Pech-Pacheco et al. 2000; the usual blur measure), scaled down for frames that are mostly
 * near-black or blown out, which score high on noise but show nothing.
 */
import type { RawImage } from '../domain/raw-image.ts';

export interface FrameSharpness {
  /** Variance of the 4-neighbour Laplacian of luma (0–255 scale). Higher = sharper. */
  laplacianVariance: number;
  /** Mean luma, 0–255. */
  meanLuma: number;
  /** Share of pixels with luma < 16 (near-black). */
  darkFraction: number;
  /** Share of pixels with luma > 239 (blown out). */
  brightFraction: number;
  /** 0.1–1: multiplier for exposure problems. */
  exposureWeight: number;
  /** laplacianVariance × exposureWeight: the number frames are ranked by. */
  score: number;
}

/** Rec. 601 luma of every pixel (what "sharp" means to a viewer is mostly luma detail). */
export function lumaOf(img: RawImage): Float32Array {
  const n = img.width * img.height;
  const out = new Float32Array(n);
  const d = img.data;
  for (let i = 0, j = 0; i < n; i++, j += 3) out[i] = 0.299 * d[j]! + 0.587 * d[j + 1]! + 0.114 * d[j + 2]!;
  return out;
}

/** Variance of the 4-neighbour Laplacian over interior pixels. */
export function laplacianVariance(luma: Float32Array, width: number, height: number): number {
  if (width < 3 || height < 3) return 0;
  let sum = 0, sumSq = 0, count = 0;
  for (let y = 1; y < height - 1; y++) {
    const row = y * width;
    for (let x = 1; x < width - 1; x++) {
      const i = row + x;
      const v = luma[i - 1]! + luma[i + 1]! + luma[i - width]! + luma[i + width]! - 4 * luma[i]!;
      sum += v; sumSq += v * v; count++;
    }
  }
  const mean = sum / count;
  return Math.max(0, sumSq / count - mean * mean);
}

/** Score one frame (see FrameSharpness). */
export function frameSharpness(img: RawImage): FrameSharpness {
  const luma = lumaOf(img);
  let total = 0, dark = 0, bright = 0;
  for (const v of luma) { total += v; if (v < 16) dark++; else if (v > 239) bright++; }
  const n = Math.max(1, luma.length);
  const meanLuma = total / n, darkFraction = dark / n, brightFraction = bright / n;
  const lapVar = laplacianVariance(luma, img.width, img.height);
  // Up to 20 % clipped pixels is normal (night skies, specular highlights); beyond that the frame
  // loses weight linearly, down to 0.1 when 80 % or more is clipped.
  let exposureWeight = 1 - Math.min(0.9, Math.max(0, (darkFraction + brightFraction - 0.2) / 0.6) * 0.9);
  // An almost uniformly black or white frame (fade, flash) is never representative.
  if (meanLuma < 20 || meanLuma > 235) exposureWeight = Math.min(exposureWeight, 0.1);
  return { laplacianVariance: lapVar, meanLuma, darkFraction, brightFraction, exposureWeight, score: lapVar * exposureWeight };
}
