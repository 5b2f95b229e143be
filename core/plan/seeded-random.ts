import { seededRandom } from '../domain/seeded-random.ts';

/**
 * The planner's seeded draws (mulberry32): the planner must be deterministic for a seed on every platform,
 * which Math.random is not.
 */
export interface Rng { next(): number; int(n: number): number; shuffle<T>(items: readonly T[]): T[] }

export function createRng(seed: number): Rng {
  const next = seededRandom(seed);
  return {
    next,
    int: (n) => Math.floor(next() * n),
    shuffle<T>(items: readonly T[]): T[] {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
}
