/**
 * Wait for one durable job to settle by listening to the runner's events (no polling of SQLite):
 * the runner pushes every state move through `onEvent`, this routes them to the waiter of that
 * job. A cancel from the caller's AbortSignal sends the runner's cancel once (which calls the
 * provider's cancel at most once) and ends in CanceledError: a cancel is not a failure.
 */
import { CanceledError, missingCase, WorkError } from '../domain/errors.ts';
import { isTerminal, type Job } from '../jobs/job-state.ts';
import type { JobEvent, JobRunner } from '../jobs/runner-types.ts';

export type SucceededJob = Extract<Job, { state: 'succeeded' }>;

interface Waiter { onEvent(e: JobEvent): void; fail(err: Error): void }

export interface JobWaiter {
  /** Give this to createJobRunner({ onEvent }). */
  onEvent(e: JobEvent): void;
  /** Resolve with the succeeded job; reject WorkError (failed/expired/needs decision) or CanceledError. */
  wait(runner: JobRunner, jobId: string, o?: { signal?: AbortSignal; onProgress?: (fraction: number) => void }): Promise<SucceededJob>;
  /** Reject every pending wait (the runner is closing; its jobs stay resumable). */
  abortAll(reason: string): void;
}

export function createJobWaiter(): JobWaiter {
  const waiters = new Map<string, Set<Waiter>>();
  return {
    onEvent(e) {
      for (const w of waiters.get(e.jobId) ?? []) w.onEvent(e);
    },
    wait(runner, jobId, o = {}) {
      return new Promise<SucceededJob>((resolve, reject) => {
        let cancelSent = false;
        const done = () => {
          waiters.get(jobId)?.delete(w);
          o.signal?.removeEventListener('abort', onAbort);
        };
        const settle = (job: Job) => {
          switch (job.state) {
            case 'planned': case 'submitting': case 'submitted': case 'running': case 'downloading':
              return;
            case 'succeeded':
              done();
              return resolve(job);
            case 'canceled':
              done();
              return reject(cancelSent ? new CanceledError(`take ${job.takeId} canceled`) : new WorkError(`${job.provider} canceled take ${job.takeId} on its side; generate it again`, 'canceled_by_provider'));
            case 'failed': case 'output_expired': case 'needs_user_decision':
              // The runner wrote what happened and what to do next.
              done();
              return reject(new WorkError(job.error.message || `take ${job.takeId} ended ${job.state}`, job.error.code || job.state));
            default:
              return missingCase(job);
          }
        };
        const w: Waiter = {
          onEvent(e) {
            if (e.detached) { done(); reject(new WorkError(e.detached, 'job_detached')); return; }
            if (!isTerminal(e.state)) { o.onProgress?.(e.progress); return; }
            settle(runner.get(jobId));
          },
          fail(err) { done(); reject(err); },
        };
        const onAbort = () => {
          if (cancelSent) return;
          cancelSent = true;
          // The runner settles the job as `canceled` (or leaves an in-flight create to its driver,
          // which cancels once the remote id is known); either way this attempt is over.
          runner.cancel(jobId).then(() => settle(runner.get(jobId)), () => undefined).finally(() => {
            if (waiters.get(jobId)?.has(w)) { done(); reject(new CanceledError(`take canceled`)); }
          });
        };
        const set = waiters.get(jobId) ?? new Set<Waiter>();
        set.add(w);
        waiters.set(jobId, set);
        o.signal?.addEventListener('abort', onAbort, { once: true });
        // An existing take's job may already be over (resume): no event will come for it.
        settle(runner.get(jobId));
        if (o.signal?.aborted) onAbort();
      });
    },
    abortAll(reason) {
      for (const set of waiters.values()) for (const w of [...set]) w.fail(new CanceledError(reason));
      waiters.clear();
    },
  };
}
