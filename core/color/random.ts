/**
 * A small seeded PRNG (mulberry32). Palettes and transfer estimates must be identical for the same
 * seed on every machine, so nothing in core/color touches Math.random.
 */
export type Random = () => number;

/** Returns a function yielding uniform floats in [0, 1), fully determined by `seed`. */
export function seededRandom(seed: number): Random {
  let s = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
