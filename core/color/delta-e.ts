/**
 * Colour differences between two CIELAB colours.
 *
 * ΔE2000 follows Sharma, Wu & Dalal, "The CIEDE2000 color-difference formula: implementation
 * notes, supplementary test data, and mathematical observations" (Color Res. Appl. 30, 2005),
 * including their notes on the hue discontinuities (eqs. 10, 14, 15): hue angles are taken in
 * degrees in [0, 360), a colour with zero chroma has hue 0, and the mean hue is chosen by the
 * |h1 − h2| ≤ 180 rule. The unit test carries all 34 pairs of their Table 1.
 */
import type { Lab } from './lab.ts';

const DEG = Math.PI / 180;
const POW25_7 = Math.pow(25, 7);

/** CIEDE2000 colour difference with kL = kC = kH = 1. Symmetric, 0 for identical colours. */
export function deltaE2000(x: Lab, y: Lab): number {
  const C1 = Math.hypot(x.a, x.b), C2 = Math.hypot(y.a, y.b);
  const Cbar7 = Math.pow((C1 + C2) / 2, 7);
  const G = 0.5 * (1 - Math.sqrt(Cbar7 / (Cbar7 + POW25_7)));
  const a1 = (1 + G) * x.a, a2 = (1 + G) * y.a;
  const c1 = Math.hypot(a1, x.b), c2 = Math.hypot(a2, y.b);
  const h1 = hueDegrees(a1, x.b), h2 = hueDegrees(a2, y.b);

  const dL = y.L - x.L;
  const dC = c2 - c1;
  let dh = 0;
  if (c1 * c2 !== 0) {
    dh = h2 - h1;
    if (dh > 180) dh -= 360;
    else if (dh < -180) dh += 360;
  }
  const dH = 2 * Math.sqrt(c1 * c2) * Math.sin((dh / 2) * DEG);

  const Lbar = (x.L + y.L) / 2;
  const cbar = (c1 + c2) / 2;
  let hbar = h1 + h2;
  if (c1 * c2 !== 0) {
    if (Math.abs(h1 - h2) <= 180) hbar = (h1 + h2) / 2;
    else hbar = h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
  }

  const T = 1 - 0.17 * Math.cos((hbar - 30) * DEG) + 0.24 * Math.cos(2 * hbar * DEG)
    + 0.32 * Math.cos((3 * hbar + 6) * DEG) - 0.2 * Math.cos((4 * hbar - 63) * DEG);
  const dTheta = 30 * Math.exp(-Math.pow((hbar - 275) / 25, 2));
  const cbar7 = Math.pow(cbar, 7);
  const Rc = 2 * Math.sqrt(cbar7 / (cbar7 + POW25_7));
  const l50 = (Lbar - 50) * (Lbar - 50);
  const Sl = 1 + (0.015 * l50) / Math.sqrt(20 + l50);
  const Sc = 1 + 0.045 * cbar;
  const Sh = 1 + 0.015 * cbar * T;
  const Rt = -Math.sin(2 * dTheta * DEG) * Rc;

  const tl = dL / Sl, tc = dC / Sc, th = dH / Sh;
  return Math.sqrt(tl * tl + tc * tc + th * th + Rt * tc * th);
}

/** CIE76: plain Euclidean distance in Lab. What k-means minimises (a true metric, unlike ΔE2000). */
export function deltaE76(x: Lab, y: Lab): number {
  return Math.hypot(x.L - y.L, x.a - y.a, x.b - y.b);
}

/** Hue angle in degrees in [0, 360); 0 when a = b = 0 (Sharma eq. 4). */
function hueDegrees(a: number, b: number): number {
  if (a === 0 && b === 0) return 0;
  const h = Math.atan2(b, a) / DEG;
  return h < 0 ? h + 360 : h;
}
