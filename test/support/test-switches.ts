/**
 * The test build's switches (core/runtime/test-switches.ts). Load it in a child process with
 * `node --import tsx --import ./test/support/test-switches.ts …` (see TEST_NODE_ARGS) or import it
 * in a test file. Only then do CONTINUITY_TEST_CRASH_AT crash points fire and
 * CONTINUITY_POLL_INTERVAL_MS go below a provider's documented minimum.
 */
import { fileURLToPath } from 'node:url';
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

const plan = crashPlan(process.env.CONTINUITY_TEST_CRASH_AT ?? '');
const seen = new Map<string, number>();
const switches: TestSwitches = {
  allowFastPoll: true,
  crashPoint(name) {
    const at = plan.get(name);
    if (at === undefined) return;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    if (count === at) process.kill(process.pid, 'SIGKILL');
  },
};
(globalThis as Record<symbol, TestSwitches>)[TEST_SWITCHES_KEY] = switches;

/** Node arguments that run a TypeScript entry point with the test switches installed. */
export const TEST_NODE_ARGS = ['--import', 'tsx', '--import', fileURLToPath(import.meta.url)];
