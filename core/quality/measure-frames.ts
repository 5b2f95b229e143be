/**
 * All local metrics of one take from frames already decoded (no I/O here, so it is shared by
 * scoreTake, the audit and the benches, and testable on synthetic pixels).
 */
import type { RawImage } from '../domain/raw-image.ts';
import type { WeightedColor } from '../color/palette.ts';
import { lookPalette } from './look-palette.ts';

export { lookPalette, PALETTE_K, PALETTE_SAMPLES } from './look-palette.ts';
import { paletteDistance } from '../color/palette-distance.ts';
import { histogramDistance, labHistogram } from '../color/histogram.ts';
import { meanLab } from './frame-means.ts';
import { flickerStats } from './flicker.ts';
import { colourDrift } from './drift.ts';
import { ssim } from './ssim.ts';
import { deltaE2000 } from '../color/delta-e.ts';
import type { TakeMetrics } from './score-metrics.ts';
import { lumaPlane, resizeImage } from './luma-plane.ts';
import { hellinger, lookStats, type LookStats } from './look-stats.ts';
import { anchorStructure } from './anchor-structure.ts';
import { exposureProblems } from './exposure-sanity.ts';
import { hexToLab } from '../color/hex.ts';

/** 8 bins per Lab axis (512 cells): coarse enough that a reframed shot of the same look fills the same cells. */
export const HISTOGRAM_BINS = 8;

/** The look reference, summarised once and reused for every take scored against it. */
export interface ReferenceSet {
  images: RawImage[];
  palette: WeightedColor[];
  histogram: Float32Array;
  /** Composition-robust distribution summary (look-stats.ts). */
  stats: LookStats;
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
  return { images: analysed, palette: lookPalette(analysed), histogram: labHistogram(analysed, { bins: HISTOGRAM_BINS }), stats: lookStats(analysed) };
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
  /** The parent anchor's take, frames sampled across it: enables anchorStructure. */
  anchorFrames?: readonly RawImage[];
  /** A declared palette delta's target colours (#rrggbb): enables targetPaletteDeltaE. */
  targetHex?: readonly string[];
  /** False for a shot that is meant to be still (a static animatic): frozen is not a problem. */
  expectMotion?: boolean;
}

/** Mean |Δ luma| (0..255) between consecutive frames: 0 = frozen. */
function meanMotion(sequence: readonly RawImage[]): number {
  let total = 0;
  // Each frame's luma once (it is the "after" of one pair and the "before" of the next).
  let a = sequence.length ? lumaPlane(sequence[0]!).data : new Float32Array(0);
  for (let i = 1; i < sequence.length; i++) {
    const b = lumaPlane(sequence[i]!).data;
    let d = 0;
    for (let k = 0; k < a.length; k++) d += Math.abs(a[k]! - b[k]!);
    total += d / Math.max(1, a.length);
    a = b;
  }
  return total / Math.max(1, sequence.length - 1);
}

/**
 * How far the take reaches each declared target colour: for every target, the ΔE2000 to the
 * nearest colour of the take's palette that holds at least 3 % of it, averaged over the targets.
 * A take that swapped to the declared palette holds each colour somewhere; another palette does not.
 */
function targetReach(palette: ReturnType<typeof lookPalette>, targetHex: readonly string[]): number {
  const held = palette.filter((c) => c.weight >= 0.03);
  const pool = held.length ? held : palette;
  const each = targetHex.map((hex) => Math.min(...pool.map((c) => deltaE2000(hexToLab(hex), c.lab))));
  return each.reduce((a, b) => a + b, 0) / Math.max(1, each.length);
}

export interface Measured { metrics: TakeMetrics; problems: string[] }

/** Every local metric of a take plus its exposure problems (semantic is added by the caller). */
export function measureTake(frames: TakeFrames, refs: ReferenceSet, options: MeasureOptions = {}): Measured {
  const pooled = frames.pooled.map(toAnalysisSize);
  const palette = lookPalette(pooled);
  const stats = lookStats(pooled);
  const stable = frames.sequence.length >= 3;
  const means = stable ? frames.sequence.map(meanLab) : [];
  const f = stable ? flickerStats(means) : undefined;
  const motion = stable ? meanMotion(frames.sequence) : null;
  const metrics: TakeMetrics = {
    chromaticityDistance: hellinger(stats.uv, refs.stats.uv),
    abHistogramDistance: hellinger(stats.ab, refs.stats.ab),
    paletteDeltaE: paletteDistance(palette, refs.palette),
    histogramDistance: histogramDistance(labHistogram(pooled, { bins: HISTOGRAM_BINS }), refs.histogram),
    targetPaletteDeltaE: options.targetHex?.length ? targetReach(palette, options.targetHex) : null,
    anchorStructure: options.anchorFrames?.length ? anchorStructure(pooled, options.anchorFrames.map(toAnalysisSize)) : null,
    bridgeSsim: options.previousLast && frames.first ? ssim(options.previousLast, frames.first) : null,
    flicker: f ? f.flicker : null,
    lumaStep: f ? f.lumaStep : null,
    drift: stable ? colourDrift(means) : null,
    meanLightness: stats.meanL,
    motion,
    semantic: null,
    identityDistance: null,
  };
  return { metrics, problems: exposureProblems(stats, refs.stats, motion, options.expectMotion ?? true) };
}

/** The metrics alone (see measureTake). */
export function measureFrames(frames: TakeFrames, refs: ReferenceSet, options: MeasureOptions = {}): TakeMetrics {
  return measureTake(frames, refs, options).metrics;
}
