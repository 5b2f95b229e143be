/**
 * The test build's switches (core/runtime/test-switches.ts). Load it in a child process with
 * `node --import tsx --import ./test/support/test-switches.ts …` (test/support/child-node-args.ts) or import it
 * in a test file. Only then do CONTINUITY_TEST_CRASH_AT crash points fire and
 * CONTINUITY_POLL_INTERVAL_MS go below a provider's documented minimum, and
 * CONTINUITY_TEST_BACKOFF_MS=base:cap (or useFastBackoff() in process) shorten the job runner's
 * default waits between retries.
 */
import { TEST_SWITCHES_KEY, type TestSwitches } from '../../core/runtime/test-switches.ts';

/** `CONTINUITY_TEST_CRASH_AT=after-create:3,mid-poll` → SIGKILL at the 3rd after-create, the 1st mid-poll. */
function crashPlan(spec: string): Map<string, number> {
  const plan = new Map<string, number>();
  for (const part of spec.split(',')) {
    const [name, n] = part.trim().split(':');
    if (name) plan.set(name, Math.max(1, Number(n ?? '1') || 1));
  }
  return plan;
}

/** `CONTINUITY_TEST_BACKOFF_MS=5:20` → base 5 ms, cap 20 ms; unset → the product's defaults. */
function backoffPlan(spec: string): TestSwitches['backoff'] {
  if (!spec) return undefined;
  const [base, cap] = spec.split(':').map(Number);
  if (!Number.isFinite(base) || !(base! > 0)) throw new Error(`CONTINUITY_TEST_BACKOFF_MS: expected base:cap in ms, got ${JSON.stringify(spec)}`);
  return { baseMs: base!, capMs: Number.isFinite(cap) && cap! > 0 ? cap! : base! * 4 };
}

const plan = crashPlan(process.env.CONTINUITY_TEST_CRASH_AT ?? '');
const seen = new Map<string, number>();
const switches: TestSwitches = {
  allowFastPoll: true,
  backoff: backoffPlan(process.env.CONTINUITY_TEST_BACKOFF_MS ?? ''),
  crashPoint(name) {
    const at = plan.get(name);
    if (at === undefined) return;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    if (count === at) process.kill(process.pid, 'SIGKILL');
  },
};
(globalThis as Record<symbol, TestSwitches>)[TEST_SWITCHES_KEY] = switches;

/**
 * In process: runners built from now on without an explicit policy wait at most `capMs` between
 * retries (the pipeline's remote renderers against a loopback fake). What is retried, and how
 * often, is unchanged.
 */
export function useFastBackoff(policy: { baseMs: number; capMs: number } = { baseMs: 5, capMs: 20 }): void {
  switches.backoff = policy;
}

