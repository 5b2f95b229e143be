/**
 * Composition-robust colour statistics of a set of images (a take's pooled frames, or a look's
 * references), and the distances between two such summaries that the gate judges.
 *
 * Why these (tuned on real photographs by scripts/eval, figures in docs/gate-v2.md): a reframe of
 * the same look changes *which* colours are in frame, not *what* colours there are, so it moves a
 * palette's weights but keeps pixels inside the look's chromaticity distribution; a white-balance
 * cast is a per-channel gain in linear light, i.e. a pure translation of log-chromaticity
 * (log R/G, log B/G), and hue drift, split-toning and saturation shifts move or stretch the same
 * distribution. So we compare distributions, not palettes:
 * - chromaticityDistance: Hellinger distance of 2-D log-chromaticity histograms (24² over ±1.6).
 *   Exposure-invariant by construction (a gain on all three channels cancels), so ±0.5 EV is not a
 *   colour change; dark pixels vote by their light because their chromaticity is mostly noise.
 *   Alone: tuning AUC 1.000 (palette ΔE 0.894).
 * - abHistogramDistance: Hellinger distance of 2-D a*b* histograms (16² over ±80), L* marginalised.
 *   Catches saturation shifts on near-neutral looks that log-ratios compress. Alone: 0.995.
 * - exposure figures (mean L*, crushed and clipped fractions, luma spread) for the sanity check.
 */
import type { RawImage } from '../domain/raw-image.ts';
import { rgbBytesToLab } from '../color/image-lab.ts';
import { LINEAR_FROM_BYTE } from '../color/srgb.ts';
import { imageList, samplePixels } from '../color/sample-pixels.ts';
import { resizeImage } from './luma-plane.ts';

const AB_BINS = 16;
const AB_RANGE = 80;
const UV_BINS = 24;
const UV_RANGE = 1.6;
/** Linear luminance (sRGB code ≈ 63) below which a pixel's chromaticity vote shrinks linearly. */
const DARK_Y = 0.05;
/** Keeps log-ratios finite at black; small against any visible channel value. */
const EPS = 0.002;
const SAMPLES = 20_000;
/**
 * Width the two histograms are taken at: half the analysis width. Area-averaging 2×2 blocks
 * halves per-pixel sensor and JPEG chroma noise (same-look takes) and keeps casts, hue and
 * saturation (global changes) whole. On the tuning part it moved the worst same-look take from
 * 0.378 to 0.318 chromaticity distance while the closest off-look take stayed above 0.34.
 */
const HISTOGRAM_WIDTH = 80;

function histogramSize(img: RawImage): RawImage {
  if (img.width <= HISTOGRAM_WIDTH) return img;
  return resizeImage(img, HISTOGRAM_WIDTH, Math.max(1, Math.round((img.height * HISTOGRAM_WIDTH) / img.width)));
}

/** Adds weight w at a fractional bin position, shared bilinearly among the four nearest bins. */
function splat(hist: Float32Array, bins: number, fx: number, fy: number, w: number): void {
  const x0 = Math.floor(fx), y0 = Math.floor(fy), ax = fx - x0, ay = fy - y0;
  const at = (x: number, y: number, share: number) => {
    if (share <= 0) return;
    hist[Math.min(bins - 1, Math.max(0, x)) * bins + Math.min(bins - 1, Math.max(0, y))]! += w * share;
  };
  at(x0, y0, (1 - ax) * (1 - ay)); at(x0 + 1, y0, ax * (1 - ay)); at(x0, y0 + 1, (1 - ax) * ay); at(x0 + 1, y0 + 1, ax * ay);
}

export interface LookStats {
  /** Normalised a*b* histogram (AB_BINS², a slowest). */
  ab: Float32Array;
  /** Normalised log-chromaticity histogram (UV_BINS², log R/G slowest). */
  uv: Float32Array;
  meanL: number;
  /** Standard deviation of L*: near 0 = a blank frame. */
  spreadL: number;
  /** Fractions of pixels with L* < 8 (crushed) and L* > 97 (clipped). */
  crushed: number;
  clipped: number;
}

/**
 * Summarise pooled images (each an equal share of SAMPLES pixels, seeded sampling): exposure
 * figures from the images as given, the two histograms from HISTOGRAM_WIDTH copies. The
 * log-chromaticity votes are shared bilinearly between neighbouring bins, so a colour sitting on
 * a bin edge does not flip bins under noise.
 */
export function lookStats(images: RawImage | readonly RawImage[]): LookStats {
  const list = imageList(images, 'images');
  const lab = rgbBytesToLab(samplePixels(list, SAMPLES, 3));
  const n = lab.length / 3;
  let sumL = 0, sumL2 = 0, crushed = 0, clipped = 0;
  for (let i = 0; i < lab.length; i += 3) {
    const l = lab[i]!;
    sumL += l; sumL2 += l * l;
    if (l < 8) crushed++;
    if (l > 97) clipped++;
  }
  const rgb = samplePixels(list.map(histogramSize), SAMPLES, 3);
  const labSmall = rgbBytesToLab(rgb);
  const m = labSmall.length / 3;
  const ab = new Float32Array(AB_BINS * AB_BINS);
  const uv = new Float32Array(UV_BINS * UV_BINS);
  const abBin = (v: number) => Math.min(AB_BINS - 1, Math.max(0, Math.floor(((v + AB_RANGE) / (2 * AB_RANGE)) * AB_BINS)));
  const uvPos = (v: number) => ((v + UV_RANGE) / (2 * UV_RANGE)) * UV_BINS - 0.5;
  let uvTotal = 0;
  for (let i = 0; i < labSmall.length; i += 3) {
    ab[abBin(labSmall[i + 1]!) * AB_BINS + abBin(labSmall[i + 2]!)]! += 1 / m;
    const r = LINEAR_FROM_BYTE[rgb[i]!]!, g = LINEAR_FROM_BYTE[rgb[i + 1]!]!, b = LINEAR_FROM_BYTE[rgb[i + 2]!]!;
    const w = Math.min(1, (0.2126 * r + 0.7152 * g + 0.0722 * b) / DARK_Y);
    if (w <= 0) continue;
    splat(uv, UV_BINS, uvPos(Math.log((r + EPS) / (g + EPS))), uvPos(Math.log((b + EPS) / (g + EPS))), w);
    uvTotal += w;
  }
  if (uvTotal > 0) for (let i = 0; i < uv.length; i++) uv[i]! /= uvTotal;
  const meanL = sumL / n;
  return { ab, uv, meanL, spreadL: Math.sqrt(Math.max(0, sumL2 / n - meanL * meanL)), crushed: crushed / n, clipped: clipped / n };
}

/** Hellinger distance of two normalised histograms, in [0, 1]; 1 when either is empty. */
export function hellinger(p: Float32Array, q: Float32Array): number {
  let bc = 0;
  for (let i = 0; i < p.length; i++) bc += Math.sqrt(p[i]! * q[i]!);
  return Math.sqrt(Math.max(0, 1 - bc));
}
