/**
 * File-serving routes of the test host: the built renderer (with the studio shim injected), the
 * asset route confined by core/api/asset-path.ts, and staging of dropped files (a browser
 * cannot hand the engine a path, so the bytes are staged and the staged path is returned).
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, extname, join, relative, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerAssetRequest } from '../core/api/asset-file.ts';

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
const MAX_UPLOAD = 200 * 1024 * 1024;

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
};

function fail(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ok: false, error: { code: status === 404 ? 'not_found' : 'bad_input', message } }));
}

export function serveStatic(res: ServerResponse, staticDir: string, pathname: string, shimFile: string, token: string): void {
  const root = resolve(staticDir);
  let rel: string;
  try { rel = decodeURIComponent(pathname); } catch { return fail(res, 400, 'bad path'); }
  if (rel === '/studio-shim.js') {
    if (!existsSync(shimFile)) return fail(res, 404, `shim not built: ${shimFile}`);
    res.writeHead(200, { 'content-type': STATIC_TYPES['.js']!, 'cache-control': 'no-store' });
    createReadStream(shimFile).pipe(res);
    return;
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  const full = resolve(join(root, rel));
  const inside = relative(root, full);
  // An unknown route inside the app falls back to index.html (client-side screens).
  const file = !inside.startsWith('..') && existsSync(full) && statSync(full).isFile() ? full : join(root, 'index.html');
  if (!existsSync(file)) return fail(res, 404, `renderer not built: ${file} is missing (run "node scripts/build-app.mjs --renderer-only")`);
  const headers: Record<string, string> = { 'content-type': STATIC_TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
  if (file.endsWith('index.html')) {
    // The shim is a classic script: it runs before the app's deferred module and defines window.studio.
    // The token rides in a meta tag (CSP forbids inline scripts); the shim reads it once and sends it as a header.
    const html = readFileSync(file, 'utf8').replace('<head>', `<head>\n    <meta name="studio-token" content="${token}">\n    <script src="/studio-shim.js"></script>`);
    res.writeHead(200, headers);
    res.end(html);
    return;
  }
  res.writeHead(200, headers);
  createReadStream(file).pipe(res);
}

export function serveAsset(req: IncomingMessage, res: ServerResponse, assetRoot: string | null, name: string): void {
  // The same decision as Electron's studio-asset:// handler (core/api/asset-file.ts).
  const a = answerAssetRequest(assetRoot, name, req.headers.range);
  if (!a.file) {
    if (a.status === 416) { res.writeHead(416, a.headers); res.end(); return; }
    return fail(res, a.status, a.status === 400 ? 'not an asset name' : assetRoot ? 'asset not found' : 'no project is open');
  }
  res.writeHead(a.status, a.headers);
  if (a.headers['content-length'] === '0') { res.end(); return; }
  createReadStream(a.file.path, { start: a.file.start, end: a.file.end }).pipe(res);
}

/** Keep a readable, harmless file name (the engine reports rejections by this name). */
export function safeUploadName(raw: string): string {
  const name = basename(raw.replace(/\\/g, '/')).replace(/[^\p{L}\p{N} ._()-]/gu, '_').replace(/^\.+/, '_').slice(0, 120);
  return name || 'file';
}

export async function stageUpload(req: IncomingMessage, res: ServerResponse, url: URL, uploadDir: string): Promise<void> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_UPLOAD) return fail(res, 413, `file is larger than ${MAX_UPLOAD} bytes`);
  const dir = join(uploadDir, randomBytes(8).toString('hex'));
  mkdirSync(dir, { recursive: true });
  const target = join(dir, safeUploadName(url.searchParams.get('name') ?? 'file'));
  let bytes = 0;
  req.on('data', (c: Buffer) => { bytes += c.length; if (bytes > MAX_UPLOAD) req.destroy(new Error('upload too large')); });
  try { await pipeline(req, createWriteStream(target)); } catch (err) { return fail(res, 413, (err as Error).message); }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ok: true, value: { path: target } }));
}
