/**
 * Test-only behaviour, reachable only when a test installs it. Production code never writes
 * this slot: the tests' setup module (test/support/test-switches.ts, loaded with `--import`, or
 * imported by a test file) does. It lives on globalThis under a registered symbol rather than
 * in a module variable so that a bundled build (one copy of core inside dist/) and the test's
 * own copy of this file still meet. A normal run — environment variables included — therefore
 * never crashes itself at a crash point, never polls a provider faster than its minimum and never
 * shortens the waits between retries.
 */

/** The globalThis key the test setup module writes. */
export const TEST_SWITCHES_KEY = Symbol.for('continuity.test-switches');

export interface TestSwitches {
  /** Called at each durability crash point (core/jobs/crash-hook.ts); may kill the process. */
  crashPoint?: (name: string) => void;
  /** Lets CONTINUITY_POLL_INTERVAL_MS go below a provider's minimum (loopback fakes only). */
  allowFastPoll?: boolean;
  /**
   * Shorter waits between retries for runners built without an explicit policy (the pipeline's
   * remote renderers), so a test of a fault that backs off eight times against a loopback fake
   * waits milliseconds, not the minutes a real provider is given. An explicit `backoff` option wins.
   */
  backoff?: { baseMs?: number; capMs?: number };
}

/** The installed test switches, or undefined in every normal run. */
export function testSwitches(): TestSwitches | undefined {
  return (globalThis as Record<symbol, TestSwitches | undefined>)[TEST_SWITCHES_KEY];
}
