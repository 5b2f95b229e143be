/** Palettes and transfer estimates are identical for the same seed on every machine. */
export { seededRandom, type Random } from '../domain/seeded-random.ts';
