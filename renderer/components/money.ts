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

/**
 * A plan's cost in words (issue 16 item 3: "Cost est. $0.00" for the local renderer): free work
 * says so, a model without a price says that instead of a $0.00 nobody estimated.
 */
export function planCost(usd: number, basis: 'free' | 'list-price' | 'unknown' | undefined): string {
  if (basis === 'free') return 'Cost: free (local renderer)';
  if (basis === 'unknown') return 'Cost: no price known for this model';
  return `Cost ${est(usd)}`;
}

/**
 * A job row's cost so far: nothing sent to a provider yet (queued, or a create that never reached
 * it) costs nothing and is shown as "—"; local work is free; anything else is an estimate.
 */
export function jobCost(j: { costSoFarUsd: number; costEstimated?: boolean; local?: boolean }): string {
  if (j.local) return 'free (local)';
  return j.costSoFarUsd > 0 ? money(j.costSoFarUsd, j.costEstimated ?? true) : '—';
}

/**
 * The queue's "cost so far": each run's committed spend counted once (every row of a run carries
 * the run's figure, so adding rows up would count it again per clip).
 */
export function queueCost(jobs: ReadonlyArray<{ runId?: string; id: string; runSpentUsd?: number; costSoFarUsd: number; local?: boolean }>): string {
  if (jobs.length > 0 && jobs.every((j) => j.local)) return 'free (local renderer)';
  const perRun = new Map<string, number>();
  for (const j of jobs) {
    const key = j.runId ?? j.id;
    perRun.set(key, Math.max(perRun.get(key) ?? 0, j.runSpentUsd ?? j.costSoFarUsd));
  }
  return est([...perRun.values()].reduce((a, b) => a + b, 0));
}
