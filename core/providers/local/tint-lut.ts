/**
 * A flat soft-light tint as a per-channel lookup table. A full-frame layer of one colour changes
 * each channel by a function of that channel alone, so a 256-entry table per channel gives the
 * same pixels as libvips' composite (within one level: it blends in float32) at a fraction of the
 * cost: the composite blends every pixel of a frame-sized layer in float.
 */

/**
 * Three 256-entry tables (R, G, B): each 8-bit input value's result in 0..1, kept unrounded so
 * chained tints round once, as libvips does when it blends several layers in one composite.
 */
export type ChannelLuts = [Float64Array, Float64Array, Float64Array];

export interface Rgb { r: number; g: number; b: number }

/**
 * Soft-light of a flat colour channel at `alpha` over an opaque value `b` (0..1), as libvips
 * blends it: the W3C soft-light formula on the layer's premultiplied colour, then source-over.
 */
function softLight(channel: number, alpha: number, b: number): number {
  const a = (channel / 255) * alpha;
  const d = b <= 0.25 ? ((16 * b - 12) * b + 4) * b : Math.sqrt(b);
  const f = a <= 0.5 ? b - (1 - 2 * a) * b * (1 - b) : b + (2 * a - 1) * (d - b);
  return Math.min(1, Math.max(0, (1 - alpha) * b + alpha * f));
}

/** Tables for a soft-light tint of `rgb` at `alpha`, applied after `before` when given. */
export function softLightLuts(rgb: Rgb, alpha: number, before?: ChannelLuts): ChannelLuts {
  const ch = [rgb.r, rgb.g, rgb.b];
  return ch.map((c, i) => Float64Array.from({ length: 256 }, (_, v) => softLight(c, alpha, before ? before[i]![v]! : v / 255))) as ChannelLuts;
}

/** Apply tables to interleaved 8-bit pixels in place (`channels` 3 or 4; alpha untouched). */
export function applyChannelLuts(data: Uint8Array, channels: number, luts: ChannelLuts): void {
  // libvips casts its float result to 8 bits by truncation.
  const [r, g, b] = luts.map((t) => Uint8Array.from(t, (x) => Math.floor(x * 255))) as [Uint8Array, Uint8Array, Uint8Array];
  for (let i = 0; i + 2 < data.length; i += channels) {
    data[i] = r[data[i]!]!;
    data[i + 1] = g[data[i + 1]!]!;
    data[i + 2] = b[data[i + 2]!]!;
  }
}
