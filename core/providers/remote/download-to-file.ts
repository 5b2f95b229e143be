/**
 * Stream a provider's output URL to a local file. The runner passes a temp path and does the
 * fsync → rename → hash itself; this only writes bytes. 404/410 surface as ProviderError with
 * that status so the runner can mark the job `output_expired` (provider URLs expire in 1–48 h).
 * A resumed download asks for `Range: bytes=N-` and appends on 206; a server that ignores the
 * range answers 200 and the file is written again from the start.
 */
import { open } from 'node:fs/promises';
import { CanceledError, isCanceled, WorkError } from '../../domain/errors.ts';
import { ProviderError } from '../adapter.ts';
import { createGuardedFetch } from './guarded-fetch.ts';

export interface DownloadOptions {
  provider: string;
  url: string;
  destPath: string;
  signal: AbortSignal;
  /** Bytes already in destPath from a cut attempt (0 or absent: download everything). */
  offset?: number;
  headers?: Record<string, string>;
  fetchImpl?: typeof fetch;
}

/** The Range header that resumes after `offset` bytes, or none. */
export function rangeHeader(offset: number | undefined): Record<string, string> {
  return offset && offset > 0 ? { range: `bytes=${offset}-` } : {};
}

/** Download `url` into `destPath` (resumed from `offset` where the server allows). Throws ProviderError / CanceledError. */
export async function downloadToFile(opts: DownloadOptions): Promise<void> {
  const f = createGuardedFetch({ provider: opts.provider, mode: 'throw', headers: { ...opts.headers, ...rangeHeader(opts.offset) }, fetchImpl: opts.fetchImpl });
  const res = await f(opts.url, { method: 'GET', signal: opts.signal, redirect: 'follow' });
  await saveResponseBody(opts.provider, res, opts.destPath, opts.offset ?? 0, opts.signal);
}

/**
 * Write a download response to `destPath`: appended after `offset` bytes on a 206 whose
 * Content-Range starts there, else from byte 0. Counts the bytes: a body cut in transit or
 * shorter than Content-Length is a transport failure (ProviderError, status null) the runner
 * retries, never a short file taken for the whole.
 */
export async function saveResponseBody(provider: string, res: Response, destPath: string, offset: number, signal: AbortSignal): Promise<void> {
  if (!res.body) throw new WorkError(`${provider}: output download returned no body`, 'provider_download');
  const range = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(res.headers.get('content-range') ?? '');
  const append = offset > 0 && res.status === 206 && range !== null && Number(range[1]) === offset;
  if (res.status === 206 && !append) {
    await res.body.cancel().catch(() => undefined);
    throw new ProviderError({ provider, status: 416, message: `${provider}: the server resumed the download at ${range?.[1] ?? 'an unknown byte'}, not at ${offset}` });
  }
  const lengthHeader = res.headers.get('content-length');
  const expected = lengthHeader !== null && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : null;
  let got = 0;
  // Each chunk is written and awaited before the next is read, so a cut keeps every byte that
  // arrived: a stream pipeline destroys its writer on the reader's error and drops what was still
  // queued (on a fast cut, all of it), and the resume then had nothing to ask a Range from.
  const file = await open(destPath, append ? 'a' : 'w');
  const reader = res.body.getReader();
  // A cancel stops a stalled body too, whichever client made the request.
  const onAbort = () => { reader.cancel(new CanceledError(`${provider} download canceled`)).catch(() => undefined); };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      // A cancel ends the read as if the body were done; it is not.
      if (signal.aborted) throw new CanceledError(`${provider} download canceled`);
      if (done) break;
      await file.write(value);
      got += value.length;
    }
  } catch (err) {
    if (isCanceled(err) || signal.aborted) throw new CanceledError(`${provider} download canceled`);
    throw new ProviderError({ provider, status: null, message: `${provider}: output download cut after ${got}${expected !== null ? ` of ${expected}` : ''} bytes (${transportReason(err)})`, cause: err });
  } finally {
    signal.removeEventListener('abort', onAbort);
    await file.close();
  }
  if (expected !== null && got < expected) {
    throw new ProviderError({ provider, status: null, message: `${provider}: output download ended after ${got} of ${expected} bytes` });
  }
}

function transportReason(err: unknown): string {
  const parts: string[] = [];
  let cur: unknown = err;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const e = cur as { code?: unknown; message?: unknown; cause?: unknown };
    parts.push(typeof e.code === 'string' ? e.code : String(e.message ?? ''));
    cur = e.cause;
  }
  return parts.filter(Boolean).join(': ') || String(err);
}
