/**
 * studio-asset://asset/<sha256>.<ext> — media for the renderer, served only from the open
 * project's asset store. What to serve is decided by core/api/asset-file.ts (the same module
 * the test host uses: name allow-list, realpath + symlink check, byte ranges).
 */
import { protocol } from 'electron';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { answerAssetRequest } from '../core/api/asset-file.ts';

export const ASSET_SCHEME = 'studio-asset';

/** Must run before app.ready. */
export function registerAssetScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: ASSET_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } }]);
}

export function handleAssetProtocol(assetRoot: () => string | null): void {
  protocol.handle(ASSET_SCHEME, (request) => {
    const url = new URL(request.url);
    const a = url.hostname === 'asset' ? answerAssetRequest(assetRoot(), url.pathname, request.headers.get('range')) : { status: 404 as const, headers: {} };
    if (!('file' in a) || !a.file) return new Response(a.status === 416 ? null : 'not found', { status: a.status === 400 ? 404 : a.status, headers: a.headers });
    const body = a.file.end >= a.file.start && a.headers['content-length'] !== '0' ? Readable.toWeb(createReadStream(a.file.path, { start: a.file.start, end: a.file.end })) as ReadableStream : null;
    return new Response(body, { status: a.status, headers: a.headers });
  });
}
