/**
 * Joint 3-D CIELAB histograms and a bounded distance between them.
 */
import { InputError } from '../domain/errors.ts';
import type { RawImage } from '../domain/raw-image.ts';
import { rgbBytesToLab } from './image-lab.ts';
import { DEFAULT_MAX_SAMPLES, imageList, samplePixels } from './sample-pixels.ts';

export interface HistogramOptions {
  /** Bins per axis (2..64); the histogram has bins³ cells. Default 16. */
  bins?: number;
  /** Cap on pooled pixels counted. Default 40 000. */
  maxSamples?: number;
  /** Seed for pixel sampling. Default 1. */
  seed?: number;
}

// Fixed ranges (not per-image) so histograms of different images share cells. a and b span the
// whole sRGB gamut in Lab (a −86..98, b −108..94) inside ±128.
const L_MAX = 100;
const AB = 128;

/**
 * Normalised joint Lab histogram (sums to 1), flattened with L slowest: index = (l·bins + a)·bins + b.
 * Several images are pooled, each an equal share.
 */
export function labHistogram(images: RawImage | readonly RawImage[], options: HistogramOptions = {}): Float32Array {
  const bins = options.bins ?? 16;
  if (!Number.isInteger(bins) || bins < 2 || bins > 64) throw new InputError(`histogram bins must be a whole number from 2 to 64, got ${bins}`, 'bins', bins);
  const lab = rgbBytesToLab(samplePixels(imageList(images, 'images'), options.maxSamples ?? DEFAULT_MAX_SAMPLES, options.seed ?? 1));
  const counts = new Float64Array(bins * bins * bins);
  const n = lab.length / 3;
  const bin = (v: number, lo: number, hi: number) => Math.min(bins - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo)) * bins)));
  for (let i = 0; i < lab.length; i += 3) {
    const l = bin(lab[i]!, 0, L_MAX), a = bin(lab[i + 1]!, -AB, AB), b = bin(lab[i + 2]!, -AB, AB);
    counts[(l * bins + a) * bins + b]! += 1;
  }
  return Float32Array.from(counts, (c) => c / n);
}

/**
 * Hellinger distance between two normalised histograms: sqrt(1 − Σ √(pᵢ qᵢ)), in [0, 1]; 0 for
 * identical histograms, 1 for disjoint ones. Chosen over χ² because it is bounded and a true
 * metric, so gate thresholds read the same for any bin count. Inputs are renormalised.
 */
export function histogramDistance(h1: Float32Array, h2: Float32Array): number {
  if (h1.length !== h2.length) throw new InputError(`histograms differ in size (${h1.length} vs ${h2.length} cells): compute both with the same bins`, 'bins', [h1.length, h2.length]);
  let s1 = 0, s2 = 0;
  for (let i = 0; i < h1.length; i++) { s1 += h1[i]!; s2 += h2[i]!; }
  if (!(s1 > 0) || !(s2 > 0)) throw new InputError('histogramDistance: a histogram is empty (sums to 0)', 'histogram', [s1, s2]);
  let bc = 0;
  for (let i = 0; i < h1.length; i++) bc += Math.sqrt((h1[i]! / s1) * (h2[i]! / s2));
  return Math.sqrt(Math.max(0, 1 - bc));
}
