/**
 * Deterministic crash points for the kill-9 durability tests (RELIABILITY.md "Paid jobs").
 * A no-op unless a test installed the switch (core/runtime/test-switches.ts): only then does
 * `CONTINUITY_TEST_CRASH_AT=after-create:3` SIGKILL the process at the 3rd `after-create`
 * (test/support/test-switches.ts parses it). Setting the variable in a normal run does nothing.
 */
import { testSwitches } from '../runtime/test-switches.ts';

export type CrashPoint = 'before-create' | 'after-create' | 'mid-poll' | 'mid-download';

/** Die here (SIGKILL, no cleanup, like a power cut) if an installed test plan says so. */
export function crashPoint(name: CrashPoint): void {
  testSwitches()?.crashPoint?.(name);
}
