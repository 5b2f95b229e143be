/**
 * The durable runner for paid remote work (DESIGN.md §6, RELIABILITY.md "Paid jobs").
 * Every job is a row in SQLite (`synchronous=FULL`); the runner is a loop over that row:
 * read the state, run its step (job-steps.ts), repeat. A crash at any point leaves a row that
 * `resumeAll()` continues from — by remote id once one is saved, through `reconcile` while the
 * outcome of a create is unknown — and never re-sends a create blindly.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { CanceledError, InputError, isCanceled, missingCase, WorkError } from '../domain/errors.ts';
import { createLogger } from '../log/logger.ts';
import { estimateCostUsd, findModel } from '../providers/registry.ts';
import { DEFAULT_BACKOFF } from './backoff.ts';
import { stepDownload } from './job-download.ts';
import { newTries, stepCreate, stepPoll, stepReconcile, type StepContext } from './job-steps.ts';
import { isReopenable, isTerminal, type Job } from './job-state.ts';
import { createJobsRepo, JobMovedError } from './jobs-repo.ts';
import { testSwitches } from '../runtime/test-switches.ts';
import type { Clock, JobRunner, JobRunnerOptions, JobSpec } from './runner-types.ts';

const log = createLogger('jobs');

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(new CanceledError());
    const t = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(); }, Math.max(0, ms));
    const onAbort = () => { clearTimeout(t); reject(new CanceledError()); };
    signal.addEventListener('abort', onAbort, { once: true });
  }),
};

/** A counting semaphore per provider: at most N jobs of one provider in flight. */
function createSlots(limit: (provider: string) => number) {
  const active = new Map<string, number>();
  const waiting = new Map<string, Array<() => void>>();
  return {
    async acquire(provider: string): Promise<void> {
      if ((active.get(provider) ?? 0) < limit(provider)) { active.set(provider, (active.get(provider) ?? 0) + 1); return; }
      await new Promise<void>((resolve) => { const q = waiting.get(provider) ?? []; q.push(resolve); waiting.set(provider, q); });
    },
    release(provider: string): void {
      const next = waiting.get(provider)?.shift();
      if (next) next(); // the slot passes straight to the next waiter
      else active.set(provider, Math.max(0, (active.get(provider) ?? 1) - 1));
    },
  };
}

/**
 * Create the runner. See JobRunnerOptions for the knobs; the defaults suit real providers.
 * @example const runner = createJobRunner({db, assets, adapters: {fal: createFalAdapter()}, budgetUsd: 20})
 */
export function createJobRunner(opts: JobRunnerOptions): JobRunner {
  const { db } = opts;
  // Job rows must survive power loss: NORMAL in WAL mode may lose the last commits (RELIABILITY.md).
  db.pragma('synchronous = FULL');
  const clock = opts.clock ?? systemClock;
  const random = opts.random ?? Math.random;
  const repo = createJobsRepo(db, () => new Date(clock.now()).toISOString());
  const batchId = opts.batchId ?? 'default';
  const { budgetUsd } = repo.ensureBatch(batchId, opts.budgetUsd ?? null);
  const downloadsDir = opts.downloadsDir ?? (db.name && db.name !== ':memory:' ? join(dirname(db.name), 'downloads') : join(tmpdir(), 'continuity-downloads'));
  mkdirSync(downloadsDir, { recursive: true });
  // The test build may shorten the default waits (loopback fakes); a normal run never has switches.
  const backoff = { ...DEFAULT_BACKOFF, ...testSwitches()?.backoff, ...opts.backoff };
  const limit = (p: string) => (typeof opts.concurrency === 'number' ? opts.concurrency : opts.concurrency?.[p]) ?? 2;
  const slots = createSlots(limit);
  const closing = new AbortController();
  const controllers = new Map<string, AbortController>();
  const drives = new Map<string, Promise<Job>>();
  const tracked = new Set<string>();

  const emit = (job: Job, detached?: string) => {
    if (!opts.onEvent) return;
    const error = 'error' in job ? job.error : undefined;
    try {
      opts.onEvent({ jobId: job.id, takeId: job.takeId, state: job.state, progress: job.progress, costSoFarUsd: repo.costForBatch(job.batchId), ...(error ? { error } : {}), ...(detached ? { detached } : {}) });
    } catch (err) { log.warn('onEvent handler threw', { error: (err as Error).message }); }
  };

  const adapterFor = (provider: string) => {
    const a = opts.adapters[provider];
    if (!a) throw new InputError(`no adapter for provider ${JSON.stringify(provider)}; configured: ${Object.keys(opts.adapters).join(', ') || '(none)'}`, 'provider', provider);
    return a;
  };

  const cancelRemote = async (job: Job & { remoteId: string }) => {
    if (!repo.claimCancel(job.id)) return; // already sent once: never twice
    try { await adapterFor(job.provider).cancel(job.remoteId); } catch (err) {
      log.warn('provider cancel failed (not retried)', { jobId: job.id, error: (err as Error).message });
    }
  };

  /** Settle a job whose cancel was requested, from whatever state it is in. */
  const finishCancel = async (id: string): Promise<Job> => {
    const job = repo.get(id);
    if (isTerminal(job.state)) return job;
    if (job.remoteId !== null) await cancelRemote(job as Job & { remoteId: string });
    if (job.state === 'submitting') return job; // create in flight; its driver cancels once the id is known
    const done = repo.move(id, job.state, 'canceled');
    emit(done);
    return done;
  };

  async function drive(id: string): Promise<Job> {
    const ctl = new AbortController();
    controllers.set(id, ctl);
    const onClose = () => ctl.abort();
    closing.signal.addEventListener('abort', onClose, { once: true });
    const first = repo.get(id);
    await slots.acquire(first.provider);
    const tries = newTries();
    try {
      for (;;) {
        const job = repo.get(id);
        if (job.cancelRequested && !isTerminal(job.state) && job.state !== 'submitting') return await finishCancel(id);
        if (closing.signal.aborted) return job;
        const cx: StepContext = {
          repo, adapter: adapterFor(job.provider), clock, random, backoff, downloadsDir, assets: opts.assets,
          pollIntervalMs: opts.pollIntervalMs ?? adapterFor(job.provider).pollIntervalMs,
          maxJobMs: opts.maxJobMs ?? 30 * 60_000, maxTransientErrors: opts.maxTransientErrors ?? 8,
          maxCreateRateLimitRetries: opts.maxCreateRateLimitRetries ?? 5, maxCreateAttempts: opts.maxCreateAttempts ?? 5,
          signal: ctl.signal, closeSignal: closing.signal, emit, cancelRemote,
        };
        try {
          switch (job.state) {
            case 'planned': await stepCreate(job, cx, tries); break;
            case 'submitting': await stepReconcile(job, cx, tries); break;
            case 'submitted': case 'running': await stepPoll(job, cx); break;
            case 'downloading': await stepDownload(job, cx); break;
            case 'succeeded': case 'failed': case 'canceled': case 'output_expired': case 'needs_user_decision':
              return job;
            default: return missingCase(job);
          }
        } catch (err) {
          if (!isCanceled(err)) throw err;
          if (closing.signal.aborted) return repo.get(id);
          // a user cancel: loop round, the top of the loop settles it
        }
      }
    } catch (err) {
      if (err instanceof JobMovedError) {
        // Another writer (a second process on this project, despite the project lock) moved the
        // job first: it owns it now. Stop touching it, and tell whoever waits on it here.
        log.warn('job moved by another writer; this runner stops driving it', { jobId: id, expected: err.expected, found: err.found, to: err.to });
        const job = repo.get(id);
        emit(job, `take ${job.takeId} is being handled by another process on this project (its job moved to ${job.state}); this run left it alone`);
        return job;
      }
      // A bug or an unexpected local failure: record it instead of leaving a silent zombie.
      log.error('job step crashed', { jobId: id, error: (err as Error).message });
      const job = repo.get(id);
      if (!isTerminal(job.state) && job.state !== 'submitting') {
        try {
          const failed = repo.move(id, job.state, 'failed', { error_code: 'internal', error_message: (err as Error).message });
          emit(failed);
          return failed;
        } catch (moved) {
          if (!(moved instanceof JobMovedError)) throw moved;
        }
      }
      const now = repo.get(id);
      if (!isTerminal(now.state)) emit(now, `take ${now.takeId} stopped here after an internal error: ${(err as Error).message}`);
      return now;
    } finally {
      slots.release(first.provider);
      closing.signal.removeEventListener('abort', onClose);
      controllers.delete(id);
    }
  }

  const start = (id: string) => {
    tracked.add(id);
    if (drives.has(id)) return;
    const p = drive(id).finally(() => drives.delete(id));
    drives.set(id, p);
  };

  return {
    submit(spec: JobSpec): string {
      if (closing.signal.aborted) throw new WorkError('job runner is closed', 'closed');
      adapterFor(spec.provider);
      const existing = repo.byTake(spec.takeId);
      if (existing) {
        // Same take again: the same job. This is the first line of "one create per take".
        if (isReopenable(existing)) {
          // Polls or downloads gave up in transit: the paid output is still at the provider.
          const reopened = repo.reopen(existing.id);
          if (reopened) { log.info('picking up a paid take again by its remote id', { jobId: existing.id, state: reopened.state }); emit(reopened); }
        }
        if (!isTerminal(repo.get(existing.id).state)) start(existing.id); else tracked.add(existing.id);
        return existing.id;
      }
      const model = findModel(spec.request.model, spec.provider);
      const estimate = spec.estimatedCostUsd ?? (model ? estimateCostUsd(model, spec.request.seconds) : 0);
      if (budgetUsd !== null) {
        const committed = repo.committedUsd(batchId);
        if (committed + estimate > budgetUsd + 1e-9) {
          throw new WorkError(`take ${spec.takeId} would cost about $${estimate.toFixed(2)} and the batch has $${committed.toFixed(2)} committed of its $${budgetUsd.toFixed(2)} budget; raise the budget (--budget) or make fewer takes.`, 'over_budget');
        }
      }
      const id = randomUUID();
      const job = repo.insert({ id, batchId, takeId: spec.takeId, provider: spec.provider, model: spec.request.model, request: spec.request, estimatedCostUsd: estimate });
      emit(job);
      start(id);
      return id;
    },
    resumeAll(): number {
      const jobs = repo.nonTerminal();
      for (const j of jobs) { if (opts.adapters[j.provider]) start(j.id); else log.warn('no adapter to resume job', { jobId: j.id, provider: j.provider }); }
      return jobs.length;
    },
    async cancel(jobId: string): Promise<void> {
      repo.markCancelRequested(jobId);
      const ctl = controllers.get(jobId);
      if (ctl) { ctl.abort(); await drives.get(jobId); }
      else await finishCancel(jobId);
    },
    decide(jobId, action) {
      const job = repo.get(jobId);
      if (job.state !== 'needs_user_decision') throw new InputError(`job ${jobId} is ${job.state}, not waiting for a decision`, 'jobId', jobId);
      if (action === 'abandon') { emit(repo.move(jobId, 'needs_user_decision', 'failed', { error_code: 'abandoned', error_message: 'abandoned by the user after an unknown create outcome' })); return; }
      emit(repo.move(jobId, 'needs_user_decision', 'planned', { submit_started_at: null, payload_json: null, error_code: null, error_message: null }));
      start(jobId);
    },
    get: (jobId) => repo.get(jobId),
    async waitAll(): Promise<Job[]> {
      while (drives.size > 0) await Promise.allSettled([...drives.values()]);
      return [...tracked].map((id) => repo.get(id));
    },
    async close(): Promise<void> {
      closing.abort();
      await Promise.allSettled([...drives.values()]);
    },
  };
}
