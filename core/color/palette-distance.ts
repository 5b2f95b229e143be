/**
 * Distance between two weighted palettes: the earth mover's distance with ΔE2000 as the ground
 * distance. Colours are matched optimally by weight, never index by index, so the order of the
 * entries does not matter and a 60/40 palette is not equal to a 40/60 one.
 */
import { deltaE2000 } from './delta-e.ts';
import { earthMoversDistance } from './earth-movers.ts';
import type { WeightedColor } from './palette.ts';
import { InputError } from '../domain/errors.ts';

/**
 * Mean ΔE2000 per unit of weight under the optimal transport between `a` and `b` (weights are
 * renormalised to sum to 1). 0 when the palettes are equal up to order.
 */
export function paletteDistance(a: readonly WeightedColor[], b: readonly WeightedColor[]): number {
  if (a.length === 0 || b.length === 0) throw new InputError(`paletteDistance needs two non-empty palettes, got ${a.length} and ${b.length} colours`, 'palette', [a.length, b.length]);
  for (const c of [...a, ...b]) {
    if (!(c.weight >= 0) || !Number.isFinite(c.weight)) throw new InputError(`palette weight must be a number ≥ 0, got ${c.weight} for ${c.hex}`, 'weight', c.weight);
  }
  const cost = a.map((x) => b.map((y) => deltaE2000(x.lab, y.lab)));
  return earthMoversDistance(a.map((c) => c.weight), b.map((c) => c.weight), cost);
}
