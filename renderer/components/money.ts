/**
 * Money in the UI says what it is (issue 12 item 4, STYLE.md "Records"): "est. $1.60" for a
 * figure estimated at list price, "$1.60 charged" only where a provider reported the charge,
 * "free (local)" for work that cost nothing.
 */
export function money(usd: number, estimated: boolean): string {
  if (usd === 0 && !estimated) return 'free (local)';
  return estimated ? `est. $${usd.toFixed(2)}` : `$${usd.toFixed(2)} charged`;
}

/** A figure that is always an estimate (plans, budgets spent so far by a run's estimates). */
export const est = (usd: number) => `est. $${usd.toFixed(2)}`;
