/** Hex colour strings ↔ sRGB. Accepts "#rgb" and "#rrggbb" (the "#" optional); writes "#rrggbb". */
import { InputError } from '../domain/errors.ts';
import { srgbToLab, type Lab, type Rgb } from './lab.ts';

const HEX6 = /^#?([0-9a-f]{6})$/i;
const HEX3 = /^#?([0-9a-f]{3})$/i;

/** Parse a hex colour; throws InputError naming the value when it is not one. */
export function hexToRgb(hex: string): Rgb {
  const six = HEX6.exec(hex.trim());
  const three = six ? undefined : HEX3.exec(hex.trim());
  const digits = six?.[1] ?? (three?.[1] ? three[1].replace(/./g, (c) => c + c) : undefined);
  if (!digits) throw new InputError(`not a hex colour: ${JSON.stringify(hex)} (expected "#rrggbb")`, 'hex', hex);
  const n = parseInt(digits, 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

/**
 * A colour as a person types it, written the one way the engine stores it: "c65d3b", "#FFF",
 * " #fff " → "#c65d3b" / "#ffffff" (issue 16 item 8: hex fields refused `c65d3b` and `#fff`).
 * Anything that is not a 3- or 6-digit hex colour → undefined, for the caller to name.
 */
export function normaliseHex(raw: string): string | undefined {
  const t = raw.trim();
  const six = HEX6.exec(t)?.[1];
  const three = six ? undefined : HEX3.exec(t)?.[1];
  const digits = six ?? three?.replace(/./g, (c) => c + c);
  return digits ? `#${digits.toLowerCase()}` : undefined;
}

/** sRGB (0..255, fractions rounded, out-of-range clamped) → "#rrggbb" lowercase. */
export function rgbToHex(rgb: Rgb): string {
  const byte = (v: number) => Math.min(255, Math.max(0, Math.round(v))).toString(16).padStart(2, '0');
  return `#${byte(rgb.r)}${byte(rgb.g)}${byte(rgb.b)}`;
}

/** Hex colour → CIELAB (D65). */
export function hexToLab(hex: string): Lab {
  return srgbToLab(hexToRgb(hex));
}
