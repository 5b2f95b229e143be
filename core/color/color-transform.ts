/**
 * A colour transform: ONE per clip (per-frame matching flickers, DESIGN.md §7), an affine map
 * `out = M · (x − sourceMean) + referenceMean` in Lab or in gamma-encoded RGB (0..1). Reinhard
 * is the diagonal case, Monge–Kantorovich the full symmetric one. Plain JSON, so it can be stored
 * with the take and re-baked later.
 */
import { z } from 'zod';
import { InputError } from '../domain/errors.ts';
import type { RawImage } from '../domain/raw-image.ts';
import { labToLinearRgbInto, linearRgbToLabInto, type Rgb } from './lab.ts';
import { linearToSrgb, srgbToLinear, LINEAR_FROM_BYTE } from './srgb.ts';
import { assertRawImage } from './image-lab.ts';

const vec3 = z.tuple([z.number(), z.number(), z.number()]);
export const ColorTransformSchema = z.object({
  version: z.literal(1),
  method: z.enum(['identity', 'reinhard', 'mkl']),
  space: z.enum(['lab', 'rgb']),
  sourceMean: vec3,
  referenceMean: vec3,
  /** Row-major 3×3. */
  matrix: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number(), z.number(), z.number(), z.number(), z.number()]),
  /** Present when the method was chosen with 'auto': palette ΔE2000 to the reference per candidate. */
  selection: z.object({
    requested: z.literal('auto'),
    before: z.number(),
    reinhard: z.number(),
    mkl: z.number(),
  }).optional(),
});
export type ColorTransform = z.infer<typeof ColorTransformSchema>;

/** The transform that changes nothing. */
export function identityTransform(): ColorTransform {
  return { version: 1, method: 'identity', space: 'rgb', sourceMean: [0, 0, 0], referenceMean: [0, 0, 0], matrix: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
}

/** Maps gamma-encoded RGB in 0..1 to gamma-encoded RGB in 0..1 (clamped), into `out`. */
export type RgbKernel = (r: number, g: number, b: number, out: Float64Array) => void;

/** Throws InputError unless 0 ≤ strength ≤ 1. */
export function checkStrength(strength: number): void {
  if (!(strength >= 0 && strength <= 1)) throw new InputError(`strength must be between 0 and 1, got ${strength}`, 'strength', strength);
}

/**
 * Compile `t` at `strength` into a per-pixel kernel. Strength blends output with input in
 * gamma-encoded RGB, exactly what baking a LUT and mixing it with identity does, so a baked LUT
 * and the direct path agree.
 */
export function compileTransform(t: ColorTransform, strength = 1): RgbKernel {
  checkStrength(strength);
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8] = t.matrix;
  const [s0, s1, s2] = t.sourceMean;
  const [r0, r1, r2] = t.referenceMean;
  const tmp = new Float64Array(3);
  const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
  const affine = (x: number, y: number, z: number) => {
    const d0 = x - s0, d1 = y - s1, d2 = z - s2;
    tmp[0] = m0 * d0 + m1 * d1 + m2 * d2 + r0;
    tmp[1] = m3 * d0 + m4 * d1 + m5 * d2 + r1;
    tmp[2] = m6 * d0 + m7 * d1 + m8 * d2 + r2;
  };
  const mix = (r: number, g: number, b: number, out: Float64Array) => {
    out[0] = r + strength * (clamp01(out[0]!) - r);
    out[1] = g + strength * (clamp01(out[1]!) - g);
    out[2] = b + strength * (clamp01(out[2]!) - b);
  };
  if (t.method === 'identity' || strength === 0) return (r, g, b, out) => { out[0] = r; out[1] = g; out[2] = b; };
  if (t.space === 'rgb') {
    return (r, g, b, out) => { affine(r, g, b); out[0] = tmp[0]!; out[1] = tmp[1]!; out[2] = tmp[2]!; mix(r, g, b, out); };
  }
  return (r, g, b, out) => {
    linearRgbToLabInto(srgbToLinear(r), srgbToLinear(g), srgbToLinear(b), tmp, 0);
    affine(tmp[0]!, tmp[1]!, tmp[2]!);
    labToLinearRgbInto(tmp[0]!, tmp[1]!, tmp[2]!, out, 0);
    out[0] = linearToSrgb(clamp01(out[0]!)); out[1] = linearToSrgb(clamp01(out[1]!)); out[2] = linearToSrgb(clamp01(out[2]!));
    mix(r, g, b, out);
  };
}

/** Apply `t` to one sRGB colour (channels 0..255); returns 0..255, clamped, not rounded. */
export function applyTransformToPixel(rgb: Rgb, t: ColorTransform, strength = 1): Rgb {
  const out = new Float64Array(3);
  compileTransform(t, strength)(rgb.r / 255, rgb.g / 255, rgb.b / 255, out);
  return { r: out[0]! * 255, g: out[1]! * 255, b: out[2]! * 255 };
}

/**
 * Apply `t` to every pixel of `raw` (a new image; the input is untouched). Pixels are cached by
 * value: graded footage repeats colours heavily, and the Lab round trip is the expensive part.
 */
export function applyTransformToImage(raw: RawImage, t: ColorTransform, strength = 1): RawImage {
  assertRawImage(raw, 'image');
  const kernel = compileTransform(t, strength);
  const out = new Uint8Array(raw.data.length);
  const cache = new Map<number, number>();
  const px = new Float64Array(3);
  const d = raw.data;
  for (let i = 0; i < d.length; i += 3) {
    const key = (d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!;
    let v = cache.get(key);
    if (v === undefined) {
      kernel(d[i]! / 255, d[i + 1]! / 255, d[i + 2]! / 255, px);
      v = (Math.round(px[0]! * 255) << 16) | (Math.round(px[1]! * 255) << 8) | Math.round(px[2]! * 255);
      if (cache.size < 1 << 18) cache.set(key, v); // bounded: noisy footage has millions of colours
    }
    out[i] = v >> 16; out[i + 1] = (v >> 8) & 255; out[i + 2] = v & 255;
  }
  return { width: raw.width, height: raw.height, channels: 3, data: out };
}

/** Interleaved 8-bit RGB → the transform's working space (Lab, or RGB 0..1), for statistics. */
export function bytesToSpace(rgb: Uint8Array, space: 'lab' | 'rgb'): Float64Array {
  const out = new Float64Array(rgb.length);
  if (space === 'rgb') { for (let i = 0; i < rgb.length; i++) out[i] = rgb[i]! / 255; return out; }
  for (let i = 0; i < rgb.length; i += 3) {
    linearRgbToLabInto(LINEAR_FROM_BYTE[rgb[i]!]!, LINEAR_FROM_BYTE[rgb[i + 1]!]!, LINEAR_FROM_BYTE[rgb[i + 2]!]!, out, i);
  }
  return out;
}
