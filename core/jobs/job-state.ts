/**
 * The durable job's states (DESIGN.md §6) as a discriminated union. Every switch over `state`
 * ends in `missingCase` so adding a state is a compile error everywhere it matters.
 *
 *   planned → submitting → submitted(remote id) → running → downloading → succeeded
 *           | failed | canceled | output_expired | needs_user_decision
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
    case 'succeeded': case 'failed': case 'canceled': case 'output_expired':
      return false;
    default:
      return missingCase(from);
  }
}
