/**
 * One step of a job's life per function, each moving the persisted state forward
 * (DESIGN.md §6). The runner loops: read the row, run the step for its state, repeat.
 */
import { CanceledError, isCanceled } from '../domain/errors.ts';
import { createLogger } from '../log/logger.ts';
import { isRetryableStatus, ProviderError, type ProviderAdapter } from '../providers/adapter.ts';
import { backoffDelay, type BackoffPolicy } from './backoff.ts';
import { crashPoint } from './crash-hook.ts';
import type { Job } from './job-state.ts';
import { JobMovedError, type JobsRepo } from './jobs-repo.ts';
import type { AssetSink, Clock } from './runner-types.ts';

const log = createLogger('jobs');

export interface StepContext {
  repo: JobsRepo;
  adapter: ProviderAdapter;
  clock: Clock;
  random: () => number;
  backoff: BackoffPolicy;
  pollIntervalMs: number;
  maxJobMs: number;
  maxTransientErrors: number;
  maxCreateRateLimitRetries: number;
  /** Sends of one create that never reached the provider (uploads failing) or vanished (reconciled as absent). */
  maxCreateAttempts: number;
  downloadsDir: string;
  assets?: AssetSink;
  /** Aborted by cancel(jobId) or close(): stops polls, waits and downloads. */
  signal: AbortSignal;
  /** Aborted only by close(): a create in flight is never aborted by a user cancel (outcome would be unknown). */
  closeSignal: AbortSignal;
  emit(job: Job): void;
  /** Send the provider cancel at most once per job (claimed in SQLite first). */
  cancelRemote(job: Job & { remoteId: string }): Promise<void>;
}

export function errMessage(err: unknown): string { return err instanceof Error ? err.message : String(err); }
export function errCode(err: unknown): string { return (err as { code?: unknown })?.code && typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'failed'; }

/** Attempt counters of one job in this process: every retry path counts and waits (no silent loops). */
export interface Tries {
  /** 429s on create (refused, so safe to send again after Retry-After). */
  rateLimited: number;
  /** Failures before the create left (uploads, refused connections): nothing was billed. */
  unsent: number;
  /** Reconciles that found no create, each followed by a new create. */
  resubmits: number;
  /** Reconcile look-ups that failed in transit. */
  reconcileErrors: number;
}

export const newTries = (): Tries => ({ rateLimited: 0, unsent: 0, resubmits: 0, reconcileErrors: 0 });

/** planned → submitting → (create) → submitted. The intent row is committed before the wire. */
export async function stepCreate(job: Job & { state: 'planned' }, cx: StepContext, tries: Tries): Promise<void> {
  if (job.cancelRequested) { cx.emit(cx.repo.move(job.id, 'planned', 'canceled')); return; }
  cx.emit(cx.repo.move(job.id, 'planned', 'submitting', { submit_started_at: new Date(cx.clock.now()).toISOString(), payload_json: null }));
  crashPoint('before-create');
  let remoteId: string;
  try {
    ({ remoteId } = await cx.adapter.create(job.request, {
      idempotencyKey: job.takeId,
      signal: cx.closeSignal,
      onPayload: (payload) => cx.repo.savePayload(job.id, payload),
    }));
  } catch (err) {
    await createFailed(job, err, cx, tries);
    return;
  }
  crashPoint('after-create');
  cx.emit(cx.repo.accept(job.id, remoteId, `estimated at list price for ${job.model} (${job.provider} reported no charge)`));
}

async function createFailed(job: Job, err: unknown, cx: StepContext, tries: Tries): Promise<void> {
  const cur = cx.repo.get(job.id);
  if (cur.state !== 'submitting') throw new JobMovedError(job.id, 'submitting', cur.state, 'planned');
  if (isCanceled(err)) {
    // Closing mid-create: nothing sent ⇒ back to planned; otherwise stay in submitting for reconcile on resume.
    if (cur.payload === null) cx.repo.move(job.id, 'submitting', 'planned', { submit_started_at: null });
    throw err;
  }
  const pe = err instanceof ProviderError ? err : null;
  if (cur.payload === null && pe && isRetryableStatus(pe.status)) {
    // onPayload had not fired, so the create itself never left: an upload before it (fal storage,
    // Replicate files) or the connection failed. Sending again cannot bill twice, but it is
    // counted and spaced out: an upload that always fails must end, not loop.
    if (tries.unsent + 1 >= cx.maxCreateAttempts) {
      cx.emit(cx.repo.move(job.id, 'submitting', 'failed', { error_code: 'send_failed', error_message: `could not send take ${job.takeId} to ${job.provider}: ${cx.maxCreateAttempts} attempts failed before the create request left (last: ${pe.message}). Nothing was created or billed; retry when ${job.provider} is reachable.` }));
      return;
    }
    const wait = backoffDelay(tries.unsent++, pe.retryAfterMs, cx.backoff, cx.random);
    log.warn('create not sent (upload or connection failed); trying again', { jobId: job.id, attempt: tries.unsent, of: cx.maxCreateAttempts, waitMs: wait, error: pe.message });
    cx.emit(cx.repo.move(job.id, 'submitting', 'planned', { submit_started_at: null, payload_json: null }));
    await cx.clock.sleep(wait, cx.signal);
    return;
  }
  if (pe?.outcomeUnknown) {
    log.warn('create outcome unknown; reconciling', { jobId: job.id, takeId: job.takeId, error: pe.message });
    return; // state stays `submitting`; the loop runs stepReconcile next
  }
  if (pe?.status === 429 && tries.rateLimited < cx.maxCreateRateLimitRetries) {
    // 429 means the provider refused the create, so trying again cannot bill twice.
    cx.emit(cx.repo.move(job.id, 'submitting', 'planned', { submit_started_at: null, payload_json: null }));
    await cx.clock.sleep(backoffDelay(tries.rateLimited++, pe.retryAfterMs, cx.backoff, cx.random), cx.signal);
    return;
  }
  const why = pe && pe.status !== null && pe.status >= 500
    ? `${pe.message}. The create was sent once and is not retried automatically (a retried create can be billed twice); retry the take when ${cx.adapter.provider} is healthy.`
    : errMessage(err);
  cx.emit(cx.repo.move(job.id, 'submitting', 'failed', { error_code: errCode(err), error_message: why }));
}

/** submitting after a crash or an unknown outcome: find the create, or prove it never happened. */
export async function stepReconcile(job: Job & { state: 'submitting' }, cx: StepContext, tries: Tries): Promise<void> {
  if (job.payload === null) {
    // onPayload fires (and is committed) before the request is sent, so nothing reached the provider.
    cx.emit(cx.repo.move(job.id, 'submitting', 'planned', { submit_started_at: null }));
    return;
  }
  const decide = (message: string) => cx.emit(cx.repo.move(job.id, 'submitting', 'needs_user_decision', { error_code: 'create_outcome_unknown', error_message: message }));
  if (!cx.adapter.reconcile) {
    decide(`The create for take ${job.takeId} may have reached ${job.provider} before the app stopped, and ${job.provider} offers no way to look it up. Check the provider's dashboard, then resubmit or abandon the take.`);
    return;
  }
  let found: string | null;
  try {
    const exclude = cx.repo.remoteIds(job.provider);
    found = await cx.adapter.reconcile(job.takeId, { payload: job.payload, since: new Date(job.submitStartedAt), exclude, signal: cx.closeSignal });
  } catch (err) {
    if (isCanceled(err)) throw err;
    const pe = err instanceof ProviderError ? err : null;
    if (pe && isRetryableStatus(pe.status) && tries.reconcileErrors < cx.maxTransientErrors) {
      const wait = backoffDelay(tries.reconcileErrors++, pe.retryAfterMs, cx.backoff, cx.random);
      log.info('reconcile look-up failed; backing off', { jobId: job.id, status: pe.status, waitMs: wait });
      await cx.clock.sleep(wait, cx.signal);
      return; // still submitting: the loop looks again
    }
    decide(`Could not tell whether ${job.provider} accepted the create for take ${job.takeId}: ${errMessage(err)}. Check the provider's dashboard, then resubmit or abandon the take.`);
    return;
  }
  if (found) {
    log.info('reconciled create', { jobId: job.id, remoteId: found });
    cx.emit(cx.repo.accept(job.id, found, `estimated at list price for ${job.model} (create found by reconcile; ${job.provider} reported no charge)`));
    return;
  }
  if (tries.resubmits + 1 >= cx.maxCreateAttempts) {
    decide(`The create for take ${job.takeId} was sent ${tries.resubmits + 1} times and each time the connection to ${job.provider} dropped before an answer; its list shows none of them. Check the provider's dashboard, then resubmit or abandon the take.`);
    return;
  }
  const wait = backoffDelay(tries.resubmits++, null, cx.backoff, cx.random);
  log.info('provider shows no create; submitting again', { jobId: job.id, attempt: tries.resubmits, waitMs: wait });
  cx.emit(cx.repo.move(job.id, 'submitting', 'planned', { submit_started_at: null, payload_json: null }));
  await cx.clock.sleep(wait, cx.signal);
}

/** submitted/running → downloading | failed | canceled, polling with backoff on errors. */
export async function stepPoll(job: Job & { state: 'submitted' | 'running' }, cx: StepContext): Promise<void> {
  let errors = 0;
  let state: 'submitted' | 'running' = job.state;
  const started = Date.parse(job.submitStartedAt ?? job.createdAt);
  for (;;) {
    if (cx.signal.aborted) throw new CanceledError();
    if (cx.clock.now() - started > cx.maxJobMs) {
      await cx.cancelRemote(job);
      cx.emit(cx.repo.move(job.id, state, 'failed', { error_code: 'timeout', error_message: `${job.provider} did not finish take ${job.takeId} within ${Math.round(cx.maxJobMs / 1000)} s; canceled it.` }));
      return;
    }
    crashPoint('mid-poll');
    let r;
    try {
      r = await cx.adapter.poll(job.remoteId, { signal: cx.signal });
      errors = 0;
    } catch (err) {
      if (isCanceled(err) || cx.signal.aborted) throw new CanceledError();
      const pe = err instanceof ProviderError ? err : null;
      if (pe && isRetryableStatus(pe.status) && errors < cx.maxTransientErrors) {
        const wait = backoffDelay(errors++, pe.retryAfterMs, cx.backoff, cx.random);
        log.info('poll failed; backing off', { jobId: job.id, status: pe.status, waitMs: wait });
        await cx.clock.sleep(wait, cx.signal);
        continue;
      }
      // Gave up after maxTransientErrors failures in transit: the remote job may still finish, so
      // the code is reopenable (job-state.ts REOPENABLE) and a resumed run polls it again.
      const exhausted = pe !== null && isRetryableStatus(pe.status);
      cx.emit(cx.repo.move(job.id, state, 'failed', {
        error_code: exhausted ? 'poll_failed' : errCode(err),
        error_message: `polling ${job.provider} for take ${job.takeId}${exhausted ? ` failed ${errors + 1} times in a row` : ''}: ${errMessage(err)}${exhausted ? '. The remote job may still finish; run again with --resume to poll it again (no new create).' : ''}`,
      }));
      return;
    }
    switch (r.state) {
      case 'queued': case 'running': {
        const progress = Math.max(0, Math.min(1, r.progress ?? 0));
        if (r.state === 'running' || state === 'running') {
          cx.emit(cx.repo.move(job.id, state, 'running', { progress }));
          state = 'running';
        }
        await cx.clock.sleep(cx.pollIntervalMs, cx.signal);
        continue;
      }
      case 'succeeded':
        if (!r.outputUrl) {
          cx.emit(cx.repo.move(job.id, state, 'failed', { error_code: 'no_output', error_message: `${job.provider} reported success for take ${job.takeId} but returned no output URL` }));
          return;
        }
        cx.emit(cx.repo.move(job.id, state, 'downloading', { output_url: r.outputUrl, seed_returned: r.seedReturned ?? null, progress: 1 }));
        return;
      case 'failed':
        cx.emit(cx.repo.move(job.id, state, 'failed', { error_code: r.error?.code ?? 'provider_failed', error_message: `${job.provider} failed take ${job.takeId}: ${r.error?.message ?? 'no reason given'}` }));
        return;
      case 'canceled':
        cx.emit(cx.repo.move(job.id, state, 'canceled'));
        return;
      default: {
        const never: never = r.state;
        throw new Error(`unhandled remote state ${String(never)}`);
      }
    }
  }
}
