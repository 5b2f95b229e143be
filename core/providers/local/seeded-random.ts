/**
 * mulberry32: the local renderer's only source of randomness, so the same seed gives the same
 * bytes on every machine (never Math.random). Kept here rather than shared so the renderer's
 * output cannot change when another area tunes its own generator.
 */
export type Random = () => number;

/** Uniform floats in [0, 1), fully determined by `seed`. */
export function seededRandom(seed: number): Random {
  let s = (Math.trunc(seed) ^ 0x2545f491) >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
