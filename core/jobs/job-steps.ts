/**
 * One step of a job's life per function, each moving the persisted state forward
 * (DESIGN.md §6). The runner loops: read the row, run the step for its state, repeat.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { CanceledError, isCanceled } from '../domain/errors.ts';
import { createLogger } from '../log/logger.ts';
import { isRetryableStatus, ProviderError, type ProviderAdapter } from '../providers/adapter.ts';
import { backoffDelay, type BackoffPolicy } from './backoff.ts';
import { crashPoint } from './crash-hook.ts';
import type { Job } from './job-state.ts';
import type { JobsRepo } from './jobs-repo.ts';
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

function errMessage(err: unknown): string { return err instanceof Error ? err.message : String(err); }
function errCode(err: unknown): string { return (err as { code?: unknown })?.code && typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'failed'; }

/** planned → submitting → (create) → submitted. The intent row is committed before the wire. */
export async function stepCreate(job: Job & { state: 'planned' }, cx: StepContext, rateLimited: number): Promise<number> {
  if (job.cancelRequested) { cx.emit(cx.repo.move(job.id, 'canceled')); return rateLimited; }
  cx.emit(cx.repo.move(job.id, 'submitting', { submit_started_at: new Date(cx.clock.now()).toISOString(), payload_json: null }));
  crashPoint('before-create');
  try {
    const { remoteId } = await cx.adapter.create(job.request, {
      idempotencyKey: job.takeId,
      signal: cx.closeSignal,
      onPayload: (payload) => cx.repo.savePayload(job.id, payload),
    });
    crashPoint('after-create');
    cx.emit(cx.repo.accept(job.id, remoteId, `estimated at list price for ${job.model} (${job.provider} reported no charge)`));
    return rateLimited;
  } catch (err) {
    const cur = cx.repo.get(job.id);
    if (isCanceled(err)) {
      // Closing mid-create: nothing sent ⇒ back to planned; otherwise stay in submitting for reconcile on resume.
      if (cur.payload === null) cx.repo.move(job.id, 'planned', { submit_started_at: null });
      throw err;
    }
    const pe = err instanceof ProviderError ? err : null;
    if (pe?.outcomeUnknown) {
      log.warn('create outcome unknown; reconciling', { jobId: job.id, takeId: job.takeId, error: pe.message });
      return rateLimited; // state stays `submitting`; the loop runs stepReconcile next
    }
    if (pe?.status === 429 && rateLimited < cx.maxCreateRateLimitRetries) {
      // 429 means the provider refused the create, so trying again cannot bill twice.
      cx.emit(cx.repo.move(job.id, 'planned', { submit_started_at: null, payload_json: null }));
      await cx.clock.sleep(backoffDelay(rateLimited, pe.retryAfterMs, cx.backoff, cx.random), cx.signal);
      return rateLimited + 1;
    }
    const why = pe && pe.status !== null && pe.status >= 500
      ? `${pe.message}. The create was sent once and is not retried automatically (a retried create can be billed twice); retry the take when ${cx.adapter.provider} is healthy.`
      : errMessage(err);
    cx.emit(cx.repo.move(job.id, 'failed', { error_code: errCode(err), error_message: why }));
    return rateLimited;
  }
}

/** submitting after a crash or an unknown outcome: find the create, or prove it never happened. */
export async function stepReconcile(job: Job & { state: 'submitting' }, cx: StepContext): Promise<void> {
  if (job.payload === null) {
    // onPayload fires (and is committed) before the request is sent, so nothing reached the provider.
    cx.emit(cx.repo.move(job.id, 'planned', { submit_started_at: null }));
    return;
  }
  const decide = (message: string) => cx.emit(cx.repo.move(job.id, 'needs_user_decision', { error_code: 'create_outcome_unknown', error_message: message }));
  if (!cx.adapter.reconcile) {
    decide(`The create for take ${job.takeId} may have reached ${job.provider} before the app stopped, and ${job.provider} offers no way to look it up. Check the provider's dashboard, then resubmit or abandon the take.`);
    return;
  }
  try {
    const exclude = cx.repo.remoteIds(job.provider);
    const found = await cx.adapter.reconcile(job.takeId, { payload: job.payload, since: new Date(job.submitStartedAt), exclude, signal: cx.closeSignal });
    if (found) {
      log.info('reconciled create', { jobId: job.id, remoteId: found });
      cx.emit(cx.repo.accept(job.id, found, `estimated at list price for ${job.model} (create found by reconcile; ${job.provider} reported no charge)`));
    } else {
      log.info('provider shows no create; submitting again', { jobId: job.id });
      cx.emit(cx.repo.move(job.id, 'planned', { submit_started_at: null, payload_json: null }));
    }
  } catch (err) {
    if (isCanceled(err)) throw err;
    decide(`Could not tell whether ${job.provider} accepted the create for take ${job.takeId}: ${errMessage(err)}. Check the provider's dashboard, then resubmit or abandon the take.`);
  }
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
      cx.emit(cx.repo.move(job.id, 'failed', { error_code: 'timeout', error_message: `${job.provider} did not finish take ${job.takeId} within ${Math.round(cx.maxJobMs / 1000)} s; canceled it.` }));
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
      cx.emit(cx.repo.move(job.id, 'failed', { error_code: errCode(err), error_message: `polling ${job.provider} for take ${job.takeId}: ${errMessage(err)}` }));
      return;
    }
    switch (r.state) {
      case 'queued': case 'running': {
        const progress = Math.max(0, Math.min(1, r.progress ?? 0));
        if (r.state === 'running' || state === 'running') {
          cx.emit(cx.repo.move(job.id, 'running', { progress }));
          state = 'running';
        }
        await cx.clock.sleep(cx.pollIntervalMs, cx.signal);
        continue;
      }
      case 'succeeded':
        if (!r.outputUrl) {
          cx.emit(cx.repo.move(job.id, 'failed', { error_code: 'no_output', error_message: `${job.provider} reported success for take ${job.takeId} but returned no output URL` }));
          return;
        }
        cx.emit(cx.repo.move(job.id, 'downloading', { output_url: r.outputUrl, seed_returned: r.seedReturned ?? null, progress: 1 }));
        return;
      case 'failed':
        cx.emit(cx.repo.move(job.id, 'failed', { error_code: r.error?.code ?? 'provider_failed', error_message: `${job.provider} failed take ${job.takeId}: ${r.error?.message ?? 'no reason given'}` }));
        return;
      case 'canceled':
        cx.emit(cx.repo.move(job.id, 'canceled'));
        return;
      default: {
        const never: never = r.state;
        throw new Error(`unhandled remote state ${String(never)}`);
      }
    }
  }
}

/** downloading → temp file → fsync → rename → sha256 → asset store → succeeded. */
export async function stepDownload(job: Job & { state: 'downloading' }, cx: StepContext): Promise<void> {
  const ext = (extname(new URL(job.outputUrl, 'http://x/').pathname).slice(1) || 'mp4').toLowerCase().replace(/[^a-z0-9]/g, '') || 'mp4';
  const part = join(cx.downloadsDir, `${job.id}.part`);
  const final = join(cx.downloadsDir, `${job.id}.${ext}`);
  let errors = 0;
  for (;;) {
    try {
      await cx.adapter.download(job.remoteId, job.outputUrl, part, { signal: cx.signal });
      crashPoint('mid-download');
      const fh = await open(part, 'r+');
      try { await fh.sync(); } finally { await fh.close(); }
      await rename(part, final);
      await fsyncDir(dirname(final));
      const sha256 = await hashFile(final);
      const bytes = (await stat(final)).size;
      let path = final;
      if (cx.assets) {
        const ref = await cx.assets.putFile(final, { ext });
        path = ref.path;
        if (ref.sha256 !== sha256) throw new Error(`asset store hashed ${ref.sha256}, download hashed ${sha256}`);
        await rm(final, { force: true });
      }
      cx.emit(cx.repo.move(job.id, 'succeeded', { output_sha256: sha256, output_bytes: bytes, output_path: path }));
      return;
    } catch (err) {
      await rm(part, { force: true });
      if (isCanceled(err) || cx.signal.aborted) throw new CanceledError();
      const pe = err instanceof ProviderError ? err : null;
      if (pe && (pe.status === 404 || pe.status === 410)) {
        cx.emit(cx.repo.move(job.id, 'output_expired', { error_code: 'output_expired', error_message: `the output of take ${job.takeId} is no longer available from ${job.provider} (HTTP ${pe.status}): provider retention has passed. Generate the take again.` }));
        return;
      }
      if (pe && isRetryableStatus(pe.status) && errors < cx.maxTransientErrors) {
        await cx.clock.sleep(backoffDelay(errors++, pe.retryAfterMs, cx.backoff, cx.random), cx.signal);
        continue;
      }
      cx.emit(cx.repo.move(job.id, 'failed', { error_code: errCode(err), error_message: `downloading take ${job.takeId} from ${job.provider}: ${errMessage(err)}` }));
      return;
    }
  }
}

async function hashFile(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** fsync the directory so the rename itself survives a power cut (POSIX; a no-op error on Windows). */
async function fsyncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try { await fh.sync(); } finally { await fh.close(); }
  } catch { /* Windows cannot open directories; NTFS journals the rename */ }
}
