/**
 * Deterministic crash points for the kill-9 durability tests (RELIABILITY.md "Paid jobs"):
 * `CONTINUITY_TEST_CRASH_AT=after-create:3` SIGKILLs this process the 3rd time the runner
 * reaches `after-create`. Several points may be listed, comma-separated. Unset in production,
 * where `crashPoint` is a no-op costing one Map lookup.
 */
export type CrashPoint = 'before-create' | 'after-create' | 'mid-poll' | 'mid-download';

let plan: Map<string, number> | undefined;
const seen = new Map<string, number>();

function load(): Map<string, number> {
  if (plan) return plan;
  plan = new Map();
  for (const part of (process.env.CONTINUITY_TEST_CRASH_AT ?? '').split(',')) {
    const [name, n] = part.trim().split(':');
    if (name) plan.set(name, Math.max(1, Number(n ?? '1') || 1));
  }
  return plan;
}

/** Die here (SIGKILL, no cleanup, like a power cut) if the test plan says so. */
export function crashPoint(name: CrashPoint): void {
  const at = load().get(name);
  if (at === undefined) return;
  const count = (seen.get(name) ?? 0) + 1;
  seen.set(name, count);
  if (count === at) process.kill(process.pid, 'SIGKILL');
}
