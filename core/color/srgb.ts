/**
 * The sRGB transfer function (IEC 61966-2-1), per channel on 0..1 values.
 *
 * Why our own conversions rather than culori or colorjs.io (the issue asks us to say): neither is
 * installed, and both work on one colour object at a time. Palettes, histograms, transfer
 * estimation and LUT baking all run over hundreds of thousands of pixels held in typed arrays, where
 * an object per pixel costs more than the maths. The formulas are short, fixed by the standards,
 * and pinned by reference tests (Sharma 2005 ΔE2000 data, sRGB primaries in Lab).
 */

/** Gamma-encoded sRGB channel (0..1) → linear light (0..1). */
export function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

/** Linear light (0..1) → gamma-encoded sRGB channel (0..1). Not clamped. */
export function linearToSrgb(c: number): number {
  return c <= 0.0031308 ? c * 12.92 : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
}

/**
 * Linear value of every 8-bit code: decoding pixels by table lookup avoids a `pow` per channel,
 * which dominates the cost of converting whole frames.
 */
export const LINEAR_FROM_BYTE: Float64Array = (() => {
  const t = new Float64Array(256);
  for (let i = 0; i < 256; i++) t[i] = srgbToLinear(i / 255);
  return t;
})();
