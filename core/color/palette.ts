/**
 * Weighted dominant colours of an image, or of several pooled together (the frames of a clip).
 */
import { InputError } from '../domain/errors.ts';
import type { RawImage } from '../domain/raw-image.ts';
import { labToSrgb, type Lab } from './lab.ts';
import { rgbToHex } from './hex.ts';
import { rgbBytesToLab } from './image-lab.ts';
import { kmeans } from './kmeans.ts';
import { DEFAULT_MAX_SAMPLES, imageList, samplePixels } from './sample-pixels.ts';

/** One palette entry: the colour, its share of the pixels (weights sum to 1) and its Lab value. */
export interface WeightedColor { hex: string; weight: number; lab: Lab }

export interface PaletteOptions {
  /** Number of colours wanted (1..32). Fewer come back when the image has fewer distinct colours. Default 5. */
  k?: number;
  /** Seed for sampling and k-means++; the same seed gives the same palette. Default 1. */
  seed?: number;
  /** Cap on pooled pixels clustered. Default 40 000. */
  maxSamples?: number;
}

/**
 * Dominant colours by k-means(++) in Lab over pixels pooled from all `images` (each image an equal
 * share), sorted by weight (largest first), weights summing to 1. Deterministic for a seed.
 */
export function extractPalette(images: RawImage | readonly RawImage[], options: PaletteOptions = {}): WeightedColor[] {
  const k = options.k ?? 5;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(k) || k < 1 || k > 32) throw new InputError(`palette size k must be a whole number from 1 to 32, got ${k}`, 'k', k);
  if (!Number.isFinite(seed)) throw new InputError(`palette seed must be a number, got ${seed}`, 'seed', seed);
  const list = imageList(images, 'images');
  const lab = rgbBytesToLab(samplePixels(list, options.maxSamples ?? DEFAULT_MAX_SAMPLES, seed));
  return paletteFromLab(lab, k, seed);
}

/** Cluster Lab samples (interleaved) into a sorted weighted palette. Used by transfer selection too. */
export function paletteFromLab(lab: Float32Array, k: number, seed: number): WeightedColor[] {
  const { centroids, counts } = kmeans(lab, { k, seed });
  let total = 0;
  for (const c of counts) total += c;
  const out: WeightedColor[] = [];
  for (let j = 0; j < counts.length; j++) {
    if (counts[j]! === 0) continue;
    const c: Lab = { L: centroids[j * 3]!, a: centroids[j * 3 + 1]!, b: centroids[j * 3 + 2]! };
    out.push({ hex: rgbToHex(labToSrgb(c)), weight: counts[j]! / total, lab: c });
  }
  return out.sort((x, y) => y.weight - x.weight || y.lab.L - x.lab.L);
}
