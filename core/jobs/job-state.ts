/**
 * The durable job's states (DESIGN.md §6) as a discriminated union. Every switch over `state`
 * ends in `missingCase` so adding a state is a compile error everywhere it matters.
 *
 *   planned → submitting → submitted(remote id) → running → downloading → succeeded
 *           | failed | canceled | output_expired | needs_user_decision
 *
 * `failed` is final except for the two failures that abandon nothing paid: a take whose polls or
 * downloads kept failing in transit (error codes in REOPENABLE) goes back to `submitted` or
 * `downloading` when the take is asked for again (a resumed run), because its output is still at
 * the provider and fetching it costs nothing, while creating it again would be billed.
 */
import type { GenerationRequest } from '../providers/adapter.ts';
import { missingCase } from '../domain/errors.ts';

export const JOB_STATES = [
  'planned', 'submitting', 'submitted', 'running', 'downloading',
  'succeeded', 'failed', 'canceled', 'output_expired', 'needs_user_decision',
] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobError { code: string; message: string }
export interface JobOutput { sha256: string; bytes: number; path: string; ext: string }

interface JobBase {
  id: string;
  batchId: string | null;
  /** The idempotency key: one take never owns two jobs (UNIQUE in SQLite). */
  takeId: string;
  provider: string;
  model: string;
  request: GenerationRequest;
  estimatedCostUsd: number;
  progress: number;
  /** What the adapter sent (persisted before the wire), for reconcile. */
  payload: unknown;
  submitStartedAt: string | null;
  cancelRequested: boolean;
  cancelSent: boolean;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export type Job =
  | (JobBase & { state: 'planned'; remoteId: null })
  | (JobBase & { state: 'submitting'; remoteId: null; submitStartedAt: string })
  | (JobBase & { state: 'submitted' | 'running'; remoteId: string })
  | (JobBase & { state: 'downloading'; remoteId: string; outputUrl: string; seedReturned: number | null })
  | (JobBase & { state: 'succeeded'; remoteId: string; output: JobOutput; seedReturned: number | null })
  | (JobBase & { state: 'failed'; remoteId: string | null; error: JobError })
  | (JobBase & { state: 'canceled'; remoteId: string | null })
  | (JobBase & { state: 'output_expired'; remoteId: string; outputUrl: string | null; error: JobError })
  | (JobBase & { state: 'needs_user_decision'; remoteId: null; error: JobError });

/** Failures in transit after the provider accepted the create, and where a reopen resumes them. */
export const REOPENABLE: Readonly<Record<string, 'submitted' | 'downloading'>> = {
  poll_failed: 'submitted',
  download_failed: 'downloading',
};

/** A failed job whose paid output may still be fetched (see REOPENABLE). */
export function isReopenable(job: Job): boolean {
  return job.state === 'failed' && job.remoteId !== null && job.error.code in REOPENABLE;
}

/** Terminal: the runner will not touch the job again (needs_user_decision waits for a person). */
export function isTerminal(state: JobState): boolean {
  switch (state) {
    case 'planned': case 'submitting': case 'submitted': case 'running': case 'downloading':
      return false;
    case 'succeeded': case 'failed': case 'canceled': case 'output_expired': case 'needs_user_decision':
      return true;
    default:
      return missingCase(state);
  }
}

/** Which moves the runner may make; anything else is a bug (checked on every update). */
export function canMove(from: JobState, to: JobState): boolean {
  if (from === to) return from === 'running';
  switch (from) {
    case 'planned': return to === 'submitting' || to === 'canceled' || to === 'failed';
    // back to planned only when the provider confirmed nothing was created (reconcile) or refused with 429
    case 'submitting': return ['planned', 'submitted', 'failed', 'canceled', 'needs_user_decision'].includes(to);
    case 'submitted': return ['running', 'downloading', 'failed', 'canceled'].includes(to);
    case 'running': return ['downloading', 'failed', 'canceled'].includes(to);
    case 'downloading': return ['succeeded', 'failed', 'output_expired', 'canceled'].includes(to);
    case 'needs_user_decision': return to === 'planned' || to === 'failed' || to === 'submitted';
    // only through reopen (REOPENABLE): the output is still at the provider
    case 'failed': return to === 'submitted' || to === 'downloading';
    case 'succeeded': case 'canceled': case 'output_expired':
      return false;
    default:
      return missingCase(from);
  }
}
