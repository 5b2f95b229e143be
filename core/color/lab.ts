/**
 * sRGB ↔ XYZ ↔ CIELAB, D65 (2° observer). Object-style helpers for single colours plus the
 * allocation-free kernels the batch functions use.
 *
 * Constants: Bruce Lindbloom's sRGB matrices with white (0.95047, 1, 1.08883). These are the values
 * the usual reference tables are computed with (sRGB red → L 53.2408, a 80.0925, b 67.2032), so our
 * numbers agree with the rest of the industry to 1e-4. ε and κ are the exact CIE rationals
 * (216/24389, 24389/27) rather than the rounded 0.008856 / 903.3, which leave a seam at the join.
 */
import { linearToSrgb, srgbToLinear } from './srgb.ts';

/** sRGB with channels 0..255 (fractional values allowed). */
export interface Rgb { r: number; g: number; b: number }
/** CIE XYZ with Y of the white = 1. */
export interface Xyz { x: number; y: number; z: number }
/** CIELAB (D65): L 0..100, a and b roughly −128..127. */
export interface Lab { L: number; a: number; b: number }

export const D65_WHITE: Readonly<Xyz> = { x: 0.95047, y: 1, z: 1.08883 };

const EPSILON = 216 / 24389;
const KAPPA = 24389 / 27;

// Linear sRGB → XYZ (row-major) and its inverse.
const M = [0.4124564, 0.3575761, 0.1804375, 0.2126729, 0.7151522, 0.072175, 0.0193339, 0.119192, 0.9503041] as const;
const MI = [3.2404542, -1.5371385, -0.4985314, -0.969266, 1.8760108, 0.041556, 0.0556434, -0.2040259, 1.0572252] as const;

function f(t: number): number {
  return t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
}
function fInv(t: number): number {
  const t3 = t * t * t;
  return t3 > EPSILON ? t3 : (116 * t - 16) / KAPPA;
}

/**
 * Linear RGB (0..1) → Lab, written into `out` at `o`. The kernel every batch path uses: no
 * allocation per pixel.
 */
export function linearRgbToLabInto(r: number, g: number, b: number, out: Float32Array | Float64Array, o: number): void {
  const fx = f((M[0] * r + M[1] * g + M[2] * b) / D65_WHITE.x);
  const fy = f(M[3] * r + M[4] * g + M[5] * b);
  const fz = f((M[6] * r + M[7] * g + M[8] * b) / D65_WHITE.z);
  out[o] = 116 * fy - 16;
  out[o + 1] = 500 * (fx - fy);
  out[o + 2] = 200 * (fy - fz);
}

/** Lab → linear RGB (0..1, unclamped: out-of-gamut colours fall outside), written into `out` at `o`. */
export function labToLinearRgbInto(L: number, a: number, bb: number, out: Float32Array | Float64Array, o: number): void {
  const fy = (L + 16) / 116;
  const x = fInv(fy + a / 500) * D65_WHITE.x;
  const y = L > KAPPA * EPSILON ? fy * fy * fy : L / KAPPA;
  const z = fInv(fy - bb / 200) * D65_WHITE.z;
  out[o] = MI[0] * x + MI[1] * y + MI[2] * z;
  out[o + 1] = MI[3] * x + MI[4] * y + MI[5] * z;
  out[o + 2] = MI[6] * x + MI[7] * y + MI[8] * z;
}

/** sRGB (0..255) → XYZ (Y of white = 1). */
export function srgbToXyz(rgb: Rgb): Xyz {
  const r = srgbToLinear(rgb.r / 255), g = srgbToLinear(rgb.g / 255), b = srgbToLinear(rgb.b / 255);
  return { x: M[0] * r + M[1] * g + M[2] * b, y: M[3] * r + M[4] * g + M[5] * b, z: M[6] * r + M[7] * g + M[8] * b };
}

/** XYZ → sRGB (0..255), clamped to the gamut, not rounded. */
export function xyzToSrgb(xyz: Xyz): Rgb {
  const enc = (v: number) => 255 * Math.min(1, Math.max(0, linearToSrgb(Math.max(0, v))));
  return {
    r: enc(MI[0] * xyz.x + MI[1] * xyz.y + MI[2] * xyz.z),
    g: enc(MI[3] * xyz.x + MI[4] * xyz.y + MI[5] * xyz.z),
    b: enc(MI[6] * xyz.x + MI[7] * xyz.y + MI[8] * xyz.z),
  };
}

/** XYZ → CIELAB relative to the D65 white. */
export function xyzToLab(xyz: Xyz): Lab {
  const fx = f(xyz.x / D65_WHITE.x), fy = f(xyz.y / D65_WHITE.y), fz = f(xyz.z / D65_WHITE.z);
  return { L: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

/** CIELAB → XYZ relative to the D65 white. */
export function labToXyz(lab: Lab): Xyz {
  const fy = (lab.L + 16) / 116;
  return {
    x: fInv(fy + lab.a / 500) * D65_WHITE.x,
    y: (lab.L > KAPPA * EPSILON ? fy * fy * fy : lab.L / KAPPA) * D65_WHITE.y,
    z: fInv(fy - lab.b / 200) * D65_WHITE.z,
  };
}

/** sRGB (0..255) → CIELAB (D65). */
export function srgbToLab(rgb: Rgb): Lab {
  return xyzToLab(srgbToXyz(rgb));
}

/** CIELAB (D65) → sRGB (0..255), clamped to the gamut, not rounded. */
export function labToSrgb(lab: Lab): Rgb {
  return xyzToSrgb(labToXyz(lab));
}
