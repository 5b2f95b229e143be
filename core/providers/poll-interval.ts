/**
 * How often we may poll each provider. CONTINUITY_POLL_INTERVAL_MS can slow polling down, never
 * speed it past the interval the vendor's own tools use (PROVIDERS.md): a 1 ms setting would
 * hammer a paid API. Only the test build (core/runtime/test-switches.ts) may go lower, for
 * loopback fakes.
 */
import { testSwitches } from '../runtime/test-switches.ts';

/** Documented minimum poll interval per provider, ms. Unknown providers get the slowest. */
export const MIN_POLL_MS: Record<string, number> = {
  fal: 500, replicate: 500, runway: 5_000, luma: 5_000, google: 10_000, openai: 10_000,
};
const FALLBACK_MIN_MS = 10_000;

/**
 * The poll interval CONTINUITY_POLL_INTERVAL_MS asks for, clamped to the provider's minimum;
 * undefined when unset or not a positive number (the adapter's default then applies).
 */
export function pollIntervalFromEnv(provider: string, env: NodeJS.ProcessEnv): number | undefined {
  const asked = Number(env.CONTINUITY_POLL_INTERVAL_MS);
  if (!env.CONTINUITY_POLL_INTERVAL_MS || !Number.isFinite(asked) || asked <= 0) return undefined;
  if (testSwitches()?.allowFastPoll) return asked;
  return Math.max(asked, MIN_POLL_MS[provider] ?? FALLBACK_MIN_MS);
}
