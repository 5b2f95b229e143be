/**
 * All local metrics of one take from frames already decoded (no I/O here, so it is shared by
 * scoreTake, the audit and the benches, and testable on synthetic pixels).
 */
import type { RawImage } from '../domain/raw-image.ts';
import { extractPalette, type WeightedColor } from '../color/palette.ts';
import { paletteDistance } from '../color/palette-distance.ts';
import { histogramDistance, labHistogram } from '../color/histogram.ts';
import { meanLab } from './frame-means.ts';
import { flickerStats } from './flicker.ts';
import { colourDrift } from './drift.ts';
import { ssim } from './ssim.ts';
import type { TakeMetrics } from './score-metrics.ts';
import { resizeImage } from './luma-plane.ts';

/**
 * Palette size and histogram bins used on both sides of every comparison. k = 8, not 5: with
 * 5 clusters a many-coloured frame flips between local optima and two palettes of the same
 * footage measured 9 ΔE apart; 8 keeps same-footage distances near 2 at 2× the k-means cost.
 */
export const PALETTE_K = 8;
/** 8 bins per Lab axis (512 cells): coarse enough that a reframed shot of the same look fills the same cells. */
export const HISTOGRAM_BINS = 8;
/** Pixels clustered per palette: ample for 8 colours, and k-means cost is linear in it (40k took 0.5 s). */
export const PALETTE_SAMPLES = 12_000;

/** The palette every quality and grade comparison uses (same k, same sampling on both sides). */
export function lookPalette(images: RawImage | readonly RawImage[]): WeightedColor[] {
  return extractPalette(images, { k: PALETTE_K, maxSamples: PALETTE_SAMPLES });
}

/** The look reference, summarised once and reused for every take scored against it. */
export interface ReferenceSet {
  images: RawImage[];
  palette: WeightedColor[];
  histogram: Float32Array;
}

/** Width colour statistics are computed at, for takes and references alike (see load-frames.ts). */
export const ANALYSIS_WIDTH = 160;

/**
 * Bring an image to ANALYSIS_WIDTH (area average; never upscaled). Palettes compared at different
 * scales differ by the edge colours downscaling blends, which is not a difference in look, so
 * references get the same treatment as the take's frames whatever size the caller decoded them at.
 */
export function toAnalysisSize(img: RawImage): RawImage {
  if (img.width <= ANALYSIS_WIDTH) return img;
  return resizeImage(img, ANALYSIS_WIDTH, Math.max(1, Math.round((img.height * ANALYSIS_WIDTH) / img.width)));
}

/** Summarise the look's reference images once (any decoded size; normalised to ANALYSIS_WIDTH). */
export function prepareReferences(images: RawImage[]): ReferenceSet {
  const analysed = images.map(toAnalysisSize);
  return { images: analysed, palette: lookPalette(analysed), histogram: labHistogram(analysed, { bins: HISTOGRAM_BINS }) };
}

export interface TakeFrames {
  /** Frames sampled across the whole clip (or the still image): palette and histogram. */
  pooled: RawImage[];
  /** Consecutive frames in time order for flicker and drift; fewer than 3 = not measured (a still). */
  sequence: RawImage[];
  /** The take's first frame, for the bridge. */
  first?: RawImage;
}

export interface MeasureOptions {
  /** Previous take's exact last frame: enables bridge SSIM against `frames.first`. */
  previousLast?: RawImage;
}

/** Palette ΔE, histogram distance, bridge SSIM, flicker, luma step and drift (semantic is added by the caller). */
export function measureFrames(frames: TakeFrames, refs: ReferenceSet, options: MeasureOptions = {}): TakeMetrics {
  const pooled = frames.pooled.map(toAnalysisSize);
  const palette = lookPalette(pooled);
  const stable = frames.sequence.length >= 3;
  const means = stable ? frames.sequence.map(meanLab) : [];
  const f = stable ? flickerStats(means) : undefined;
  return {
    paletteDeltaE: paletteDistance(palette, refs.palette),
    histogramDistance: histogramDistance(labHistogram(pooled, { bins: HISTOGRAM_BINS }), refs.histogram),
    bridgeSsim: options.previousLast && frames.first ? ssim(options.previousLast, frames.first) : null,
    flicker: f ? f.flicker : null,
    lumaStep: f ? f.lumaStep : null,
    drift: stable ? colourDrift(means) : null,
    semantic: null,
  };
}
