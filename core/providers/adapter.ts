/**
 * What every remote provider adapter implements (DESIGN.md §5–§6). The durable job runner
 * (core/jobs) is the only caller: it owns retries, backoff, persistence and cancel-once, so an
 * adapter makes exactly one network attempt per call and reports failures as ProviderError with
 * the HTTP status and Retry-After it saw. Adapters never retry a create themselves, and each one
 * turns its SDK's automatic retries off (see the comment in each adapter's client factory).
 */
import { WorkError } from '../domain/errors.ts';

export type RemoteProviderId = 'fal' | 'replicate' | 'openai' | 'runway' | 'luma' | 'google';

/** One generation, provider-neutral. Paths are local files; adapters upload what they need. */
export interface GenerationRequest {
  /** Model id as the provider names it (`fal-ai/veo3.1/image-to-video`, `sora-2`, ...). */
  model: string;
  prompt: string;
  negativePrompt: string;
  startImage?: string;
  endImage?: string;
  referenceImages?: string[];
  /** The look role of each reference image, same order (`character` refs become Kling elements). */
  referenceRoles?: string[];
  /**
   * An edit (issue 11): the local clip the provider edits (Runway video_to_video, Luma modify,
   * fal video edit). `startImage` is then guidance: the anchor frame with the change applied.
   */
  sourceVideo?: string;
  seed?: number;
  width: number;
  height: number;
  seconds: number;
  fps: number;
  /** Model-specific extras passed through verbatim (validated by the adapter where it can). */
  extra?: Record<string, unknown>;
}

export type RemoteState = 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled';

export interface RemoteError { code: string; message: string; retryable: boolean }

export interface PollResult {
  state: RemoteState;
  /** 0..1 when the provider reports it. */
  progress?: number;
  outputUrl?: string;
  /** The seed the provider says it used (PuLID returns it; Replicate logs "Using seed: N"). */
  seedReturned?: number | null;
  error?: RemoteError;
}

export interface CreateContext {
  /** The take id. Sent as `Idempotency-Key` where the protocol allows a header. */
  idempotencyKey: string;
  signal: AbortSignal;
  /**
   * Called synchronously with the exact JSON-able payload right BEFORE the create request goes
   * on the wire (after uploads). The runner persists it so `reconcile` can later recognise this
   * create in the provider's list endpoint. Not called ⇒ nothing was sent.
   */
  onPayload?: (payload: unknown) => void;
}

export interface ReconcileHint {
  /** What `onPayload` received for this take, or null if it never fired. */
  payload: unknown;
  /** When the runner entered `submitting` (the create cannot be older than this). */
  since: Date;
  /** Remote ids already owned by other jobs (never adopt those). */
  exclude: ReadonlySet<string>;
  signal?: AbortSignal;
}

export interface ProviderAdapter {
  readonly provider: RemoteProviderId;
  /** Suggested normal poll interval (vendors' own tools: fal 0.5 s, Replicate 0.5 s, OpenAI 10 s). */
  readonly pollIntervalMs: number;
  create(req: GenerationRequest, ctx: CreateContext): Promise<{ remoteId: string; raw: unknown }>;
  poll(remoteId: string, opts: { signal: AbortSignal }): Promise<PollResult>;
  /**
   * Download the output to `destPath` (the runner passes a temp path, then fsyncs and renames).
   * With `offset` > 0 the file already holds that many bytes of an earlier, cut attempt: ask for
   * the rest (`Range`) and append when the server answers 206, else rewrite the file from byte 0.
   * A body cut in transit or shorter than Content-Length throws ProviderError with status null.
   */
  download(remoteId: string, outputUrl: string, destPath: string, opts: { signal: AbortSignal; offset?: number }): Promise<void>;
  cancel(remoteId: string): Promise<void>;
  /**
   * Find a create whose outcome we do not know (crash or connection reset after sending).
   * Returns the remote id when found, null when the provider's list shows no such create
   * (safe to submit), and throws when it cannot tell (the job then needs a user decision).
   */
  reconcile?(idempotencyKey: string, hint: ReconcileHint): Promise<string | null>;
}

/**
 * A provider call that failed, with what the runner needs to decide: HTTP status (null for a
 * transport failure), Retry-After in ms, and whether the request may have been accepted anyway
 * (`outcomeUnknown`: the connection died after the body was sent).
 */
export class ProviderError extends WorkError {
  readonly provider: string;
  readonly status: number | null;
  readonly retryAfterMs: number | null;
  readonly outcomeUnknown: boolean;
  readonly body: string;
  constructor(init: { provider: string; message: string; status: number | null; retryAfterMs?: number | null; outcomeUnknown?: boolean; body?: string; code?: string; cause?: unknown }) {
    super(init.message, init.code ?? (init.status === null ? 'provider_transport' : `provider_http_${init.status}`), { cause: init.cause });
    this.name = 'ProviderError';
    this.provider = init.provider;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.body = init.body ?? '';
  }
}

/** Statuses a caller must never retry (RELIABILITY.md "Paid jobs"): the request itself is wrong. */
export const NEVER_RETRY_STATUSES: ReadonlySet<number> = new Set([400, 401, 402, 403, 404, 410, 422]);

/** Status codes worth retrying for idempotent calls (polls, downloads, cancels). */
export function isRetryableStatus(status: number | null): boolean {
  if (status === null) return true;
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

/**
 * Parse `Retry-After` (delta-seconds or an HTTP date) into milliseconds from `now`.
 * Returns null when absent or unparseable; never negative.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (v === '') return null;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
