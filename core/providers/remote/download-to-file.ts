/**
 * Stream a provider's output URL to a local file. The runner passes a temp path and does the
 * fsync → rename → hash itself; this only writes bytes. 404/410 surface as ProviderError with
 * that status so the runner can mark the job `output_expired` (provider URLs expire in 1–48 h).
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { WorkError } from '../../domain/errors.ts';
import { createGuardedFetch } from './guarded-fetch.ts';

export interface DownloadOptions {
  provider: string;
  url: string;
  destPath: string;
  signal: AbortSignal;
  headers?: Record<string, string>;
  fetchImpl?: typeof fetch;
}

/** Download `url` into `destPath` (overwritten). Throws ProviderError / CanceledError. */
export async function downloadToFile(opts: DownloadOptions): Promise<void> {
  const f = createGuardedFetch({ provider: opts.provider, mode: 'throw', headers: opts.headers, fetchImpl: opts.fetchImpl });
  const res = await f(opts.url, { method: 'GET', signal: opts.signal, redirect: 'follow' });
  if (!res.body) throw new WorkError(`${opts.provider}: output download returned no body`, 'provider_download');
  await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>), createWriteStream(opts.destPath), { signal: opts.signal });
}
