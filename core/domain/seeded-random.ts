/**
 * mulberry32: the engine's one seeded PRNG. Anything that must give the same output for the same
 * seed on every machine (palettes, the planner, the local renderer) uses this, never Math.random.
 * Each area passes its own salt, so tuning one area's draws never shifts another's.
 */
export type Random = () => number;

/** Uniform floats in [0, 1), fully determined by `seed` and `salt`. */
export function seededRandom(seed: number, salt = 0x9e3779b9): Random {
  let s = (Math.trunc(seed) ^ salt) >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
