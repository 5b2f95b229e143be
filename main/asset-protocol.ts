/**
 * studio-asset://asset/<sha256>.<ext> — media for the renderer, served only from the open
 * project's asset store. The name → path rule is core/api/asset-path.ts (pure, unit-tested
 * against every traversal variant); here we add the symlink check and byte ranges (video seeking).
 */
import { protocol } from 'electron';
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { sep } from 'node:path';
import { Readable } from 'node:stream';
import { assetMime, resolveAssetPath } from '../core/api/asset-path.ts';

export const ASSET_SCHEME = 'studio-asset';

/** Must run before app.ready. */
export function registerAssetScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: ASSET_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } }]);
}

export function handleAssetProtocol(assetRoot: () => string | null): void {
  protocol.handle(ASSET_SCHEME, (request) => {
    const url = new URL(request.url);
    const root = assetRoot();
    const hit = root && url.hostname === 'asset' ? resolveAssetPath(root, url.pathname) : null;
    if (!root || !hit) return new Response('not found', { status: 404 });
    let real: string;
    try { real = realpathSync(hit.path); } catch { return new Response('not found', { status: 404 }); }
    // A symlink planted inside the store must not lead outside it.
    if (!real.startsWith(realpathSync(root) + sep)) return new Response('not found', { status: 404 });
    const size = statSync(real).size;
    const headers = new Headers({ 'content-type': assetMime(hit.ext), 'accept-ranges': 'bytes' });
    const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get('range') ?? '');
    if (range && (range[1] || range[2])) {
      const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
      const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start > end || start >= size) return new Response(null, { status: 416, headers: { 'content-range': `bytes */${size}` } });
      headers.set('content-range', `bytes ${start}-${end}/${size}`);
      headers.set('content-length', String(end - start + 1));
      return new Response(Readable.toWeb(createReadStream(real, { start, end })) as ReadableStream, { status: 206, headers });
    }
    headers.set('content-length', String(size));
    return new Response(Readable.toWeb(createReadStream(real)) as ReadableStream, { status: 200, headers });
  });
}
