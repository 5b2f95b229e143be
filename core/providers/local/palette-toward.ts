/**
 * A declared palette delta as ONE colour transform for a whole clip (issue 11: "one colour
 * transform toward the declared colours applied to the anchor clip"): the anchor's pooled Lab
 * statistics are moved toward the statistics of the declared colours. Per-channel (Reinhard-style)
 * and affine, so the picture's structure is untouched: only where its colours sit changes.
 *
 * Gains are bounded more tightly than the grade's: the declared colours are 3–5 swatches, whose
 * spread says little about a real picture's contrast, so lightness contrast moves at most ±25 %
 * and chroma spread at most ×0.5–×1.6.
 */
import type { ColorTransform } from '../../color/color-transform.ts';
import { applyTransformToImage, bytesToSpace } from '../../color/color-transform.ts';
import { extractPalette } from '../../color/palette.ts';
import { paletteDistance } from '../../color/palette-distance.ts';
import { hexToLab } from '../../color/hex.ts';
import { imageList, samplePixels } from '../../color/sample-pixels.ts';
import type { RawImage } from '../../domain/raw-image.ts';
import { InputError } from '../../domain/errors.ts';

const L_GAIN: [number, number] = [0.8, 1.25];
const AB_GAIN: [number, number] = [0.5, 1.6];
const clamp = (x: number, [lo, hi]: [number, number]) => Math.min(hi, Math.max(lo, x));

function stats(values: ArrayLike<number>, channel: number): { mean: number; sd: number } {
  let n = 0, sum = 0, sq = 0;
  for (let i = channel; i < values.length; i += 3) { const v = values[i]!; sum += v; sq += v * v; n++; }
  const mean = sum / Math.max(1, n);
  return { mean, sd: Math.sqrt(Math.max(0, sq / Math.max(1, n) - mean * mean)) };
}

/**
 * The Lab transform taking `frames` (pooled across the clip) toward the declared `targetHex`
 * colours. Pure and deterministic for the same frames.
 */
export function paletteToward(frames: RawImage | readonly RawImage[], targetHex: readonly string[]): ColorTransform {
  if (targetHex.length === 0) throw new InputError('a palette delta needs at least one declared colour (targetHex)', 'targetHex', targetHex);
  const src = bytesToSpace(samplePixels(imageList(frames, 'frames'), 40_000, 1), 'lab');
  const target = new Float64Array(targetHex.length * 3);
  targetHex.forEach((hex, i) => { const lab = hexToLab(hex); target[i * 3] = lab.L; target[i * 3 + 1] = lab.a; target[i * 3 + 2] = lab.b; });
  const gains = [0, 1, 2].map((c) => {
    const s = stats(src, c), t = stats(target, c);
    // A flat channel in the source carries no contrast to rescale: shift only.
    if (s.sd < 0.5) return 1;
    return clamp(t.sd / s.sd, c === 0 ? L_GAIN : AB_GAIN);
  });
  return {
    version: 1, method: 'reinhard', space: 'lab',
    sourceMean: [0, 1, 2].map((c) => stats(src, c).mean) as [number, number, number],
    referenceMean: [0, 1, 2].map((c) => stats(target, c).mean) as [number, number, number],
    matrix: [gains[0]!, 0, 0, 0, gains[1]!, 0, 0, 0, gains[2]!],
  };
}

/** Strengths tried for a palette delta: never so weak that the declared change is invisible. */
const STRENGTHS = [0.5, 0.7, 0.85, 1];

/**
 * The strength at which `t` brings the pooled frames' palette closest (ΔE2000 EMD, k = 5) to the
 * declared colours, with the distances measured, so the take can say why.
 */
export function choosePaletteStrength(frames: readonly RawImage[], t: ColorTransform, targetHex: readonly string[]): { strength: number; before: number; after: number } {
  const declared = targetHex.map((hex) => ({ hex, weight: 1 / targetHex.length, lab: hexToLab(hex) }));
  const dist = (imgs: readonly RawImage[]) => paletteDistance(extractPalette(imgs, { k: 5 }), declared);
  const before = dist(frames);
  let best = { strength: STRENGTHS[0]!, after: Infinity };
  for (const s of STRENGTHS) {
    const after = dist(frames.map((f) => applyTransformToImage(f, t, s)));
    if (after < best.after) best = { strength: s, after };
  }
  return { strength: best.strength, before, after: best.after };
}
