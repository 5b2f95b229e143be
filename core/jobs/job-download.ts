/**
 * The download step of a durable job (DESIGN.md §6): downloading → temp file → fsync → rename →
 * sha256 → asset store → succeeded. A body cut in transit (a reset after the headers, undici's
 * `terminated`, fewer bytes than Content-Length) is retried with backoff, resuming from the bytes
 * already on disk where the server honours `Range` (the adapter falls back to a full download when
 * it does not). Only the provider saying the output is gone (404/410) ends the job as
 * `output_expired`; running out of attempts ends it `failed` with a reopenable code, so a resumed
 * run downloads the paid output again instead of paying for a new create.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { CanceledError, isCanceled } from '../domain/errors.ts';
import { createLogger } from '../log/logger.ts';
import { isRetryableStatus, ProviderError } from '../providers/adapter.ts';
import { backoffDelay } from './backoff.ts';
import { crashPoint } from './crash-hook.ts';
import type { Job } from './job-state.ts';
import { JobMovedError } from './jobs-repo.ts';
import { errCode, errMessage, type StepContext } from './job-steps.ts';

const log = createLogger('jobs');

/** downloading → succeeded | output_expired | failed, each cut resumed where it stopped. */
export async function stepDownload(job: Job & { state: 'downloading' }, cx: StepContext): Promise<void> {
  const ext = (extname(new URL(job.outputUrl, 'http://x/').pathname).slice(1) || 'mp4').toLowerCase().replace(/[^a-z0-9]/g, '') || 'mp4';
  const part = join(cx.downloadsDir, `${job.id}.part`);
  const final = join(cx.downloadsDir, `${job.id}.${ext}`);
  let errors = 0;
  for (;;) {
    const offset = await sizeOf(part);
    try {
      await cx.adapter.download(job.remoteId, job.outputUrl, part, { signal: cx.signal, offset });
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
      cx.emit(cx.repo.move(job.id, 'downloading', 'succeeded', { output_sha256: sha256, output_bytes: bytes, output_path: path }));
      return;
    } catch (err) {
      if (err instanceof JobMovedError) throw err;
      if (isCanceled(err) || cx.signal.aborted) {
        // A user cancel ends the take: drop the partial file. Closing keeps it for the resume.
        if (!cx.closeSignal.aborted) await rm(part, { force: true });
        throw new CanceledError();
      }
      const pe = err instanceof ProviderError ? err : null;
      if (pe && (pe.status === 404 || pe.status === 410)) {
        await rm(part, { force: true });
        cx.emit(cx.repo.move(job.id, 'downloading', 'output_expired', { error_code: 'output_expired', error_message: `the output of take ${job.takeId} is no longer available from ${job.provider} (HTTP ${pe.status}): provider retention has passed. Generate the take again.` }));
        return;
      }
      // 416: our partial file does not fit what the server has now; start again from byte 0.
      if (pe?.status === 416) await rm(part, { force: true });
      if (pe && isRetryableStatus(pe.status === 416 ? null : pe.status)) {
        if (errors < cx.maxTransientErrors) {
          const wait = backoffDelay(errors++, pe.retryAfterMs, cx.backoff, cx.random);
          log.info('download failed; resuming after a wait', { jobId: job.id, attempt: errors, of: cx.maxTransientErrors, haveBytes: await sizeOf(part), waitMs: wait, error: pe.message });
          await cx.clock.sleep(wait, cx.signal);
          continue;
        }
        cx.emit(cx.repo.move(job.id, 'downloading', 'failed', { error_code: 'download_failed', error_message: `downloading take ${job.takeId} from ${job.provider} failed ${errors + 1} times in a row (last: ${pe.message}). The paid output is still at ${job.provider} until its retention ends; run again with --resume to download it (no new create).` }));
        return;
      }
      await rm(part, { force: true });
      cx.emit(cx.repo.move(job.id, 'downloading', 'failed', { error_code: errCode(err), error_message: `downloading take ${job.takeId} from ${job.provider}: ${errMessage(err)}` }));
      return;
    }
  }
}

async function sizeOf(path: string): Promise<number> {
  try { return (await stat(path)).size; } catch { return 0; }
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
