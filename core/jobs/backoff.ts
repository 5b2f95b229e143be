/**
 * Waits between retries of idempotent provider calls (polls, downloads) and between rate-limited
 * creates: full-jitter exponential backoff (AWS Architecture Blog, "Exponential Backoff and
 * Jitter"), never shorter than the server's Retry-After, and capped so a hostile header cannot
 * park a job for a day.
 */
export interface BackoffPolicy {
  baseMs: number;
  /** Cap for the exponential part. */
  capMs: number;
  /** Cap for an honoured Retry-After. */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 60_000, maxRetryAfterMs: 300_000 };

/**
 * Delay before retry number `attempt` (0-based): uniform in [0, min(cap, base·2^attempt)], raised
 * to `retryAfterMs` (capped at maxRetryAfterMs) when the server asked for more.
 */
export function backoffDelay(attempt: number, retryAfterMs: number | null, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  const jittered = Math.floor(random() * ceiling);
  if (retryAfterMs === null) return jittered;
  return Math.max(jittered, Math.min(retryAfterMs, policy.maxRetryAfterMs));
}
