/**
 * The local renderer's only source of randomness: the same seed gives the same bytes on every
 * machine. Its own salt keeps its draws independent of other areas' generators.
 */
import { seededRandom as base, type Random } from '../../domain/seeded-random.ts';

export type { Random };
export const seededRandom = (seed: number): Random => base(seed, 0x2545f491);
