/**
 * Area under the ROC curve of a score that should rank positives above negatives, computed as
 * the Mann–Whitney U statistic (probability a random positive outscores a random negative;
 * ties count half). Used to check that the continuity score separates same-look from off-look.
 */
import { InputError } from '../domain/errors.ts';

export interface Labelled { score: number; positive: boolean }

export function rocAuc(samples: readonly Labelled[]): number {
  const pos = samples.filter((s) => s.positive).map((s) => s.score);
  const neg = samples.filter((s) => !s.positive).map((s) => s.score);
  if (pos.length === 0 || neg.length === 0) throw new InputError(`rocAuc: need positives and negatives, got ${pos.length} and ${neg.length}`, 'samples');
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}
