/**
 * A declared palette delta as ONE colour transform for a whole clip (issue 11: "one colour
 * transform toward the declared colours applied to the anchor clip"), diagonal and affine in Lab,
 * so the picture's structure is untouched: only where its colours sit changes.
 *
 * The transform is fitted to move the anchor's dominant colours onto their nearest declared
 * colours (and each declared colour's nearest dominant colour onto it). An earlier version moved
 * the pooled Lab mean/spread to the swatches' mean/spread: a handful of swatches is not a picture's
 * colour distribution, so that darkened a bright café toward the swatches' average lightness and
 * left its dominant colours further from every declared one (a2-v1 in the demo, measured
 * independently: ΔE2000 11.4 → 12.3).
 *
 * Gains are bounded: lightness contrast moves at most ±25 % and chroma spread ×0.5–×1.6.
 */
import type { ColorTransform } from '../../color/color-transform.ts';
import { applyTransformToImage, bytesToSpace } from '../../color/color-transform.ts';
import { deltaE2000 } from '../../color/delta-e.ts';
import { hexToLab } from '../../color/hex.ts';
import type { Lab } from '../../color/lab.ts';
import { extractPalette, type WeightedColor } from '../../color/palette.ts';
import { imageList, samplePixels } from '../../color/sample-pixels.ts';
import type { RawImage } from '../../domain/raw-image.ts';
import { InputError } from '../../domain/errors.ts';

const L_GAIN: [number, number] = [0.8, 1.25];
const AB_GAIN: [number, number] = [0.5, 1.6];
const clamp = (x: number, [lo, hi]: [number, number]) => Math.min(hi, Math.max(lo, x));
const CHANNELS = ['L', 'a', 'b'] as const;

interface ChannelFit { mx: number; my: number; gain: number }

/** Per-channel Lab fits (source mean → target mean, gain about it) as one diagonal transform. */
function diagonalLab(fit: readonly ChannelFit[]): ColorTransform {
  return {
    version: 1, method: 'reinhard', space: 'lab',
    sourceMean: fit.map((f) => f.mx) as [number, number, number],
    referenceMean: fit.map((f) => f.my) as [number, number, number],
    matrix: [fit[0]!.gain, 0, 0, 0, fit[1]!.gain, 0, 0, 0, fit[2]!.gain],
  };
}

function declaredLabs(targetHex: readonly string[]): Lab[] {
  if (targetHex.length === 0) throw new InputError('a palette delta needs at least one declared colour (targetHex)', 'targetHex', targetHex);
  return targetHex.map(hexToLab);
}

function nearest(x: Lab, set: readonly Lab[]): { index: number; dE: number } {
  let best = { index: 0, dE: Infinity };
  set.forEach((y, index) => { const dE = deltaE2000(x, y); if (dE < best.dE) best = { index, dE }; });
  return best;
}

/**
 * How far a palette is from the declared colours, both ways so neither half alone can be small:
 * the mean over declared colours of ΔE2000 to the nearest palette colour ("is each declared colour
 * in the picture?") and the share-weighted mean over palette colours of ΔE2000 to the nearest
 * declared one ("is the picture made of declared colours?"), averaged.
 */
export function declaredColourDistance(palette: readonly WeightedColor[], targetHex: readonly string[]): number {
  const declared = declaredLabs(targetHex);
  const total = palette.reduce((s, c) => s + c.weight, 0);
  if (palette.length === 0 || !(total > 0)) throw new InputError('declaredColourDistance needs a non-empty palette', 'palette', palette.length);
  const coverage = declared.reduce((s, d) => s + nearest(d, palette.map((c) => c.lab)).dE, 0) / declared.length;
  const fidelity = palette.reduce((s, c) => s + c.weight * nearest(c.lab, declared).dE, 0) / total;
  return (coverage + fidelity) / 2;
}

/**
 * For each declared colour a different dominant colour (while there are enough), the assignment
 * with the least total ΔE2000, found exhaustively (≤ 5 × 5 here: at most 120 orders).
 */
function oneToOne(palette: readonly Lab[], declared: readonly Lab[]): number[] {
  const cost = declared.map((d) => palette.map((p) => deltaE2000(p, d)));
  let best: { total: number; pick: number[] } = { total: Infinity, pick: declared.map((d) => nearest(d, palette).index) };
  if (declared.length > palette.length || declared.length > 6) return best.pick;
  const walk = (j: number, used: Set<number>, pick: number[], total: number): void => {
    if (total >= best.total) return;
    if (j === declared.length) { best = { total, pick: [...pick] }; return; }
    for (let i = 0; i < palette.length; i++) {
      if (used.has(i)) continue;
      used.add(i); pick.push(i);
      walk(j + 1, used, pick, total + cost[j]![i]!);
      used.delete(i); pick.pop();
    }
  };
  walk(0, new Set(), [], 0);
  return best.pick;
}

/**
 * The Lab transform taking `frames` (pooled across the clip) toward the declared `targetHex`
 * colours: per channel, the weighted least-squares line through (dominant colour → its nearest
 * declared colour) and (declared colour's nearest dominant colour → that declared colour), half
 * the weight each way. Pure and deterministic for the same frames.
 */
export function paletteToward(frames: RawImage | readonly RawImage[], targetHex: readonly string[], match: 'nearest' | 'one-to-one' = 'nearest'): ColorTransform {
  const declared = declaredLabs(targetHex);
  const palette = extractPalette(frames, { k: 5 });
  const sources = match === 'one-to-one' ? oneToOne(palette.map((c) => c.lab), declared) : declared.map((d) => nearest(d, palette.map((c) => c.lab)).index);
  const pairs: { from: Lab; to: Lab; w: number }[] = [
    ...palette.map((c) => ({ from: c.lab, to: declared[nearest(c.lab, declared).index]!, w: c.weight / 2 })),
    ...declared.map((d, j) => ({ from: palette[sources[j]!]!.lab, to: d, w: 1 / (2 * declared.length) })),
  ];
  const fit = CHANNELS.map((ch, c) => {
    const mx = pairs.reduce((s, p) => s + p.w * p.from[ch], 0);
    const my = pairs.reduce((s, p) => s + p.w * p.to[ch], 0);
    const vx = pairs.reduce((s, p) => s + p.w * (p.from[ch] - mx) ** 2, 0);
    const cov = pairs.reduce((s, p) => s + p.w * (p.from[ch] - mx) * (p.to[ch] - my), 0);
    // A channel with (almost) no spread among the dominant colours carries no contrast to rescale: shift only.
    const gain = vx < 0.25 ? 1 : clamp(cov / vx, c === 0 ? L_GAIN : AB_GAIN);
    return { mx, my, gain };
  });
  return diagonalLab(fit);
}

/**
 * The swatches' own statistics as the target: the pooled Lab mean/spread of `frames` moved to the
 * mean/spread of the declared colours (Reinhard-style). Kept as the second candidate: on a picture
 * whose dominant colours sit far from every declared one (a tight crop of one surface) moving the
 * whole distribution can beat the nearest-colour fit.
 */
export function paletteStatsToward(frames: RawImage | readonly RawImage[], targetHex: readonly string[]): ColorTransform {
  const declared = declaredLabs(targetHex);
  const src = bytesToSpace(samplePixels(imageList(frames, 'frames'), 40_000, 1), 'lab');
  const stats = (values: (c: number) => number[], c: number) => {
    const v = values(c), mean = v.reduce((s, x) => s + x, 0) / v.length;
    return { mean, sd: Math.sqrt(Math.max(0, v.reduce((s, x) => s + x * x, 0) / v.length - mean * mean)) };
  };
  const srcValues = (c: number) => { const out: number[] = []; for (let i = c; i < src.length; i += 3) out.push(src[i]!); return out; };
  const dstValues = (c: number) => declared.map((d) => d[CHANNELS[c]!]);
  const fit = [0, 1, 2].map((c) => {
    const s = stats(srcValues, c), t = stats(dstValues, c);
    // A flat channel in the source carries no contrast to rescale: shift only.
    return { mx: s.mean, my: t.mean, gain: s.sd < 0.5 ? 1 : clamp(t.sd / s.sd, c === 0 ? L_GAIN : AB_GAIN) };
  });
  return diagonalLab(fit);
}

const CANDIDATES = [
  'dominant colours fitted to their nearest declared colours',
  'dominant colours fitted one-to-one to the declared colours',
  'pooled Lab mean/spread moved to that of the declared colours',
] as const;

/** Strengths tried for a palette delta: never so weak that the declared change is invisible. */
const STRENGTHS = [0.5, 0.7, 0.85, 1];

export interface ChosenPalette {
  transform: ColorTransform;
  /** Which candidate was chosen, in words for the take's note. */
  fit: typeof CANDIDATES[number];
  strength: number;
  /** declaredColourDistance of the sampled frames before and after. */
  before: number;
  after: number;
}

/**
 * Of both candidate transforms at each strength, the one that brings the pooled frames' dominant
 * colours (k = 5) closest to the declared colours by {@link declaredColourDistance}, with the
 * distances measured, so the take can say why.
 */
export function choosePaletteTransform(frames: readonly RawImage[], targetHex: readonly string[]): ChosenPalette {
  const dist = (imgs: readonly RawImage[]) => declaredColourDistance(extractPalette(imgs, { k: 5 }), targetHex);
  const candidates = [
    { fit: CANDIDATES[0], transform: paletteToward(frames, targetHex) },
    { fit: CANDIDATES[1], transform: paletteToward(frames, targetHex, 'one-to-one') },
    { fit: CANDIDATES[2], transform: paletteStatsToward(frames, targetHex) },
  ];
  const before = dist(frames);
  let best: ChosenPalette | null = null;
  for (const c of candidates) {
    for (const strength of STRENGTHS) {
      const after = dist(frames.map((f) => applyTransformToImage(f, c.transform, strength)));
      if (!best || after < best.after) best = { ...c, strength, before, after };
    }
  }
  return best!;
}
