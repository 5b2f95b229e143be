/**
 * A batch's money: refuse to start an attempt whose estimate would take spending past the cap,
 * and count what was actually charged. Local renders cost 0 and never trip it.
 */
import { WorkError } from '../domain/errors.ts';

export interface Budget {
  /** Reserve an attempt's estimate before it starts; throws when it would exceed the cap. */
  reserve(usd: number, what: string): void;
  /** Replace a reservation with what was actually charged. */
  settle(reservedUsd: number, chargedUsd: number): void;
  spentUsd(): number;
  leftUsd(): number;
  capUsd: number | null;
}

export function createBudget(capUsd: number | null, alreadySpentUsd = 0): Budget {
  let committed = alreadySpentUsd;
  return {
    capUsd,
    reserve(usd, what) {
      if (capUsd !== null && committed + usd > capUsd + 1e-9) {
        throw new WorkError(`budget: ${what} would cost ~$${usd.toFixed(2)}, and $${committed.toFixed(2)} of the $${capUsd.toFixed(2)} cap is already committed. Raise --budget or plan fewer clips.`, 'budget_exceeded');
      }
      committed += usd;
    },
    settle(reservedUsd, chargedUsd) { committed += chargedUsd - reservedUsd; },
    spentUsd: () => committed,
    // No cap: a finite stand-in, since the gate policy validates its numbers as finite.
    leftUsd: () => (capUsd === null ? Number.MAX_VALUE : Math.max(0, capUsd - committed)),
  };
}
