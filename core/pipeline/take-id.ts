/**
 * Deterministic take ids for paid attempts. A remote take's id is the idempotency key of its
 * durable job (core/jobs: one job per take id, submit is idempotent), so a run restarted after a
 * crash must ask for the SAME id to pick its jobs up instead of paying for them again.
 *
 * The id is the shot row, the attempt number and a hash of everything that decides what is
 * sent (plan, prompt, seed, style strength, mechanism, model, size, reference hashes): a resumed
 * run finds its jobs, and a changed shot can never be handed an old clip made for other inputs.
 */
import { createHash } from 'node:crypto';

export interface AttemptBasisInput {
  shot: unknown;
  prompt: string;
  negativePrompt: string;
  lookSeed: number;
  seed: number | null;
  styleStrength: number;
  mechanism: string;
  provider: string;
  model: string;
  width: number;
  height: number;
  seconds: number;
  fps: number;
  /** sha256 of the look's reference and product images. */
  imageHashes: string[];
  /**
   * sha256 of the files that feed the start image (previous clip, style source). Contents, not
   * paths: a session's style frame is re-extracted into a new temp folder on every run, and a
   * resumed run must still find the take it already paid for.
   */
  inputHashes: Array<string | undefined>;
}

/** Canonical text of what an attempt sends. Pure. */
export function attemptBasis(b: AttemptBasisInput): string {
  return JSON.stringify(b, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0)))
    : v));
}

/**
 * `<key>-t<attempt>-<hash10>`, and `-r<n>` for the n-th replacement when earlier ids' jobs died
 * (failed, canceled, expired): a new take, a new create, never the old job's output.
 */
export function attemptTakeId(key: string, attempt: number, basis: string, replacement = 1): string {
  const hash = createHash('sha256').update(basis).digest('hex').slice(0, 10);
  return `${key}-t${attempt}-${hash}${replacement > 1 ? `-r${replacement}` : ''}`;
}
