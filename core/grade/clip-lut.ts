/**
 * One LUT for one clip (DESIGN.md §7): a transform estimated from frames pooled across the whole
 * clip against the look reference (never per frame: per-frame matching flickers; never against
 * the previous clip: drift would accumulate along a chain), baked to a 33³ .cube at a strength.
 */
import { InputError, showValue } from '../domain/errors.ts';
import type { RawImage } from '../domain/raw-image.ts';
import { estimateTransfer, type TransferMethod } from '../color/estimate-transfer.ts';
import { applyTransformToImage, identityTransform, type ColorTransform } from '../color/color-transform.ts';
import { bakeLut, type Lut3D } from '../color/lut3d.ts';
import { formatCube } from '../color/cube-format.ts';
import type { WeightedColor } from '../color/palette.ts';
import { paletteDistance } from '../color/palette-distance.ts';
import { lookPalette } from '../quality/measure-frames.ts';

export const LUT_SIZE = 33;
import { TRANSFER_METHODS } from './transfer-methods.ts';
export { TRANSFER_METHODS };

export interface ClipLut {
  transform: ColorTransform;
  /** The method actually used ('auto' resolved to reinhard, mkl, or identity when neither helps). */
  method: ColorTransform['method'];
  lut: Lut3D;
  /** Adobe Cube 1.0 text, ready to write. */
  cube: string;
}

/** Validate a grade's strength and method, naming the option and the value. */
export function checkGradeOptions(strength: number, method: string): asserts method is TransferMethod {
  if (!(Number.isFinite(strength) && strength >= 0 && strength <= 1)) throw new InputError(`"strength" must be a number from 0 to 1, got ${showValue(strength)}`, 'strength', strength);
  if (!TRANSFER_METHODS.includes(method as TransferMethod)) throw new InputError(`"method" must be one of ${TRANSFER_METHODS.join(', ')}, got ${showValue(method)}`, 'method', method);
}

export interface ClipLutOptions {
  method?: TransferMethod;
  strength?: number;
  title?: string;
  /** The reference's palette as the gate computes it; saves re-clustering when the caller has it. */
  referencePalette?: WeightedColor[];
}

/**
 * 'auto' is resolved here, against the gate's own measure (PALETTE_K palettes of the pooled
 * frames, graded at the requested strength): the grade should optimise exactly what the gate
 * scores. core/color's built-in 'auto' ranks with 5-colour palettes, which we measured picking
 * the worse map on many-coloured footage (Reinhard 6.4 ΔE left vs MKL 2.4).
 */
function chooseMethod(frames: readonly RawImage[], references: readonly RawImage[], strength: number, referencePalette?: WeightedColor[]): ColorTransform {
  const refPalette = referencePalette ?? lookPalette([...references]);
  const measure = (images: readonly RawImage[]) => paletteDistance(lookPalette([...images]), refPalette);
  const [reinhard, mkl] = (['reinhard', 'mkl'] as const).map((m) => estimateTransfer(frames, references, { method: m })) as [ColorTransform, ColorTransform];
  const rh = measure(frames.map((f) => applyTransformToImage(f, reinhard, strength)));
  const mk = measure(frames.map((f) => applyTransformToImage(f, mkl, strength)));
  const before = measure(frames);
  const selection = { requested: 'auto' as const, before, reinhard: rh, mkl: mk };
  // A clip already on the look is left alone: a transfer estimated from content differences
  // would only move it away (measured: a render of the reference itself went ΔE 1.7 → 3.0).
  if (before <= Math.min(rh, mk)) return { ...identityTransform(), selection };
  // Ties go to Reinhard: the simpler map, with fewer surprises outside the sampled colours.
  const chosen = mk < rh ? mkl : reinhard;
  return { ...chosen, selection };
}

/** Estimate the clip's transform from pooled frames and bake its LUT. */
export function estimateClipLut(frames: readonly RawImage[], references: readonly RawImage[], options: ClipLutOptions = {}): ClipLut {
  const strength = options.strength ?? 1;
  const method = options.method ?? 'auto';
  checkGradeOptions(strength, method);
  const transform = method === 'auto' ? chooseMethod(frames, references, strength, options.referencePalette) : estimateTransfer(frames, references, { method });
  const lut = bakeLut(transform, { size: LUT_SIZE, strength });
  return { transform, method: transform.method, lut, cube: formatCube(lut, options.title ?? `Continuity grade (${transform.method}, strength ${strength})`) };
}
