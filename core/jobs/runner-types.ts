/** Options, specs and events of the durable job runner (core/jobs/job-runner.ts). */
import type Database from 'better-sqlite3';
import type { GenerationRequest, ProviderAdapter } from '../providers/adapter.ts';
import type { BackoffPolicy } from './backoff.ts';
import type { Job, JobError, JobState } from './job-state.ts';

/** The asset store's shape as the runner needs it (core/store/asset-store.ts `createAssetStore`). */
export interface AssetSink {
  putFile(srcPath: string, opts?: { ext?: string }): Promise<{ sha256: string; ext: string; bytes: number; path: string }> | { sha256: string; ext: string; bytes: number; path: string };
}

export interface Clock {
  now(): number;
  /** Resolves after `ms`, rejects with CanceledError when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export interface JobSpec {
  /** The take this job makes; also the idempotency key. Submitting a take twice returns the same job. */
  takeId: string;
  provider: string;
  request: GenerationRequest;
  /** Estimate shown up front and checked against the budget; defaults to the registry's price. */
  estimatedCostUsd?: number;
}

export interface JobEvent {
  jobId: string;
  takeId: string;
  state: JobState;
  progress: number;
  /** Ledger total of the runner's batch so far, USD. */
  costSoFarUsd: number;
  error?: JobError;
  /**
   * Set when this runner stops driving a job that is not finished (another process moved it, or
   * an internal error left it unmovable): says why. Waiters must stop waiting for it here.
   */
  detached?: string;
}

export interface JobRunnerOptions {
  db: Database.Database;
  assets?: AssetSink;
  adapters: Partial<Record<string, ProviderAdapter>>;
  /** Max jobs in flight per provider (a number for all, or per provider; default 2). */
  concurrency?: number | Partial<Record<string, number>>;
  /** Budget cap for this batch, USD (null/undefined: no cap). */
  budgetUsd?: number | null;
  /** Batch id; reuse it on resume so the budget and ledger carry over. Default "default". */
  batchId?: string;
  onEvent?: (e: JobEvent) => void;
  clock?: Clock;
  random?: () => number;
  /** Where downloads land before the asset store takes them. Default: beside the database. */
  downloadsDir?: string;
  /** Override every adapter's poll interval (tests use a few ms). */
  pollIntervalMs?: number;
  backoff?: Partial<BackoffPolicy>;
  /** Per-provider wall-clock limit for one job from submit to output, ms (default 30 min). */
  maxJobMs?: number;
  /** Give up after this many consecutive failed polls/downloads/reconcile look-ups (default 8). */
  maxTransientErrors?: number;
  /**
   * Sends of one create that failed before the request left (an upload failing, a refused
   * connection) or that reconcile found absent, before the job ends (default 5; backoff between).
   */
  maxCreateAttempts?: number;
  /** 429 on create: how many times to try again after Retry-After (default 5). Never for other errors. */
  maxCreateRateLimitRetries?: number;
}

export interface JobRunner {
  /** Write the intent row and start the job. Throws WorkError `over_budget` before anything is written. */
  submit(spec: JobSpec): string;
  /** Pick up every non-terminal job in the database (after a crash or restart). Returns how many. */
  resumeAll(): number;
  /** Cancel: provider cancel exactly once, polling stops, state `canceled`. */
  cancel(jobId: string): Promise<void>;
  /** A person decided about a `needs_user_decision` job: submit again, or give it up. */
  decide(jobId: string, action: 'resubmit' | 'abandon'): void;
  get(jobId: string): Job;
  /** Resolves when every job this runner started has settled. */
  waitAll(): Promise<Job[]>;
  /** Stop driving (jobs stay resumable); waits for in-flight steps to settle. */
  close(): Promise<void>;
}
