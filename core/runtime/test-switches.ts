/**
 * Test-only behaviour, reachable only when a test installs it. Production code never writes
 * this slot: the tests' setup module (test/support/test-switches.ts, loaded with `--import`, or
 * imported by a test file) does. It lives on globalThis under a registered symbol rather than
 * in a module variable so that a bundled build (one copy of core inside dist/) and the test's
 * own copy of this file still meet. A normal run — environment variables included — therefore
 * never crashes itself at a crash point and never polls a provider faster than its minimum.
 */

/** The globalThis key the test setup module writes. */
export const TEST_SWITCHES_KEY = Symbol.for('continuity.test-switches');

export interface TestSwitches {
  /** Called at each durability crash point (core/jobs/crash-hook.ts); may kill the process. */
  crashPoint?: (name: string) => void;
  /** Lets CONTINUITY_POLL_INTERVAL_MS go below a provider's minimum (loopback fakes only). */
  allowFastPoll?: boolean;
}

/** The installed test switches, or undefined in every normal run. */
export function testSwitches(): TestSwitches | undefined {
  return (globalThis as Record<symbol, TestSwitches | undefined>)[TEST_SWITCHES_KEY];
}
