/**
 * The one media-serving rule for both shells (Electron's studio-asset:// protocol and the test
 * host's /asset/ route): the name → path allow-list (asset-path.ts), then the real path must
 * still be inside the real asset store (a symlink planted in the store pointing elsewhere is
 * refused), a regular file, and one byte range honoured (video seeking). Returns what to send;
 * each shell only turns it into its own response type.
 */
import { realpathSync, statSync } from 'node:fs';
import { sep } from 'node:path';
import { assetMime, resolveAssetPath } from './asset-path.ts';

export interface AssetAnswer {
  status: 200 | 206 | 400 | 404 | 416;
  headers: Record<string, string>;
  /** The file to stream (inclusive byte range), for 200 and 206. */
  file?: { path: string; start: number; end: number };
}

const notFound = (status: 400 | 404 = 404): AssetAnswer => ({ status, headers: { 'content-type': 'text/plain' } });

/** Decide the answer to a media request for `requestPath` (e.g. "/<sha>.mp4") with an optional Range header. */
export function answerAssetRequest(assetRoot: string | null, requestPath: string, rangeHeader: string | null | undefined): AssetAnswer {
  if (!assetRoot) return notFound();
  const hit = resolveAssetPath(assetRoot, requestPath);
  if (!hit) return notFound(400);
  let real: string;
  let root: string;
  try { real = realpathSync(hit.path); root = realpathSync(assetRoot); } catch { return notFound(); }
  if (!real.startsWith(root + sep)) return notFound();
  const st = statSync(real);
  if (!st.isFile()) return notFound();
  const size = st.size;
  const headers: Record<string, string> = {
    'content-type': assetMime(hit.ext), 'accept-ranges': 'bytes',
    'cache-control': 'private, max-age=31536000, immutable', 'x-content-type-options': 'nosniff',
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(rangeHeader ?? '');
  if (range && (range[1] || range[2])) {
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start > end || start >= size) return { status: 416, headers: { 'content-range': `bytes */${size}` } };
    return { status: 206, headers: { ...headers, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': String(end - start + 1) }, file: { path: real, start, end } };
  }
  return { status: 200, headers: { ...headers, 'content-length': String(size) }, file: { path: real, start: 0, end: Math.max(0, size - 1) } };
}
