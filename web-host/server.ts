/**
 * The test host: the built renderer plus the SAME contract over HTTP (POST /api/<command>) and
 * server-sent events (GET /events), on 127.0.0.1 only, behind a per-run token. It routes
 * through core/api's dispatch exactly like Electron's IPC does; it implements nothing itself.
 *
 * Auth: API calls and uploads take the token only in the `x-studio-token` header (a query
 * parameter leaks into logs and history). The page gets it once: opening the printed URL
 * (`/?token=…`) answers the page with the token in a meta tag the shim reads, and sets an
 * http-only, same-site cookie that GET sub-resources (scripts, media, the EventSource, which
 * cannot carry headers) may use. `?token=` is accepted for nothing else. Anything else gets 401.
 * The Host header must be our own address, which defeats DNS-rebinding pages on the same machine.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { EventName, EventPayload } from '../core/api/events.ts';
import type { Studio } from '../core/api/create-studio.ts';
import { serveAsset, serveStatic, stageUpload } from './routes.ts';
import { parseBoundedJson } from '../core/domain/json-depth.ts';

export interface WebHostOptions {
  studio: Studio;
  /** dist/renderer: index.html + built assets. */
  staticDir: string;
  /** dist/web-host/studio-shim.js */
  shimFile: string;
  /** Where dropped files are staged so the engine can read them by path. */
  uploadDir: string;
  port?: number;
  token?: string;
}

export interface WebHost {
  url: string;
  token: string;
  port: number;
  broadcast<N extends EventName>(name: N, payload: EventPayload<N>): void;
  close(): Promise<void>;
}

const MAX_BODY = 4 * 1024 * 1024;

/** The page's first load: GET of the app (not the API, assets or events) carrying ?token=. */
function isBootstrap(req: IncomingMessage, url: URL): boolean {
  return req.method === 'GET' && url.searchParams.has('token') && !/^\/(api|asset|events|upload)(\/|$)/.test(url.pathname);
}

function tokenFrom(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers['x-studio-token'];
  if (typeof header === 'string') return header;
  if (req.method !== 'GET') return undefined; // API calls and uploads: the header only
  if (isBootstrap(req, url)) return url.searchParams.get('token') ?? undefined;
  const cookie = /(?:^|;\s*)studio_token=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? '');
  return cookie?.[1];
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of req) {
    n += (chunk as Buffer).length;
    if (n > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const clients = new Set<ServerResponse>();
  let hostHeader = '';

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.headers.host !== hostHeader) return sendJson(res, 421, { ok: false, error: { code: 'bad_host', message: 'wrong Host header' } });
      const given = tokenFrom(req, url);
      if (!given || !same(given, token)) return sendJson(res, 401, { ok: false, error: { code: 'unauthorized', message: 'missing or wrong token' } });

      if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
        let payload: unknown;
        try { const body = await readBody(req, MAX_BODY); payload = body.length ? parseBoundedJson(body.toString('utf8'), 'request body') : {}; } catch (err) {
          return sendJson(res, 400, { ok: false, error: { code: 'bad_input', message: `request body: ${(err as Error).message}` } });
        }
        const result = await opts.studio.invoke(decodeURIComponent(url.pathname.slice(5)), payload);
        return sendJson(res, 200, result);
      }
      if (req.method === 'POST' && url.pathname === '/upload') return stageUpload(req, res, url, opts.uploadDir);
      if (req.method === 'GET' && url.pathname === '/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        clients.add(res);
        req.on('close', () => clients.delete(res));
        return;
      }
      if (req.method === 'GET' && url.pathname.startsWith('/asset/')) return serveAsset(req, res, opts.studio.assetRoot(), url.pathname.slice(7));
      if (req.method === 'GET') {
        // First visit with ?token=: remember it in a same-site, http-only cookie for sub-resources.
        if (isBootstrap(req, url)) res.setHeader('set-cookie', `studio_token=${token}; HttpOnly; SameSite=Strict; Path=/`);
        return serveStatic(res, opts.staticDir, url.pathname, opts.shimFile, token);
      }
      sendJson(res, 405, { ok: false, error: { code: 'method', message: 'method not allowed' } });
    })().catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: (err as Error).message } });
      else res.end();
    });
  });

  await new Promise<void>((resolveListen) => server.listen(opts.port ?? 0, '127.0.0.1', resolveListen));
  const port = (server.address() as AddressInfo).port;
  hostHeader = `127.0.0.1:${port}`;
  const ping = setInterval(() => { for (const c of clients) c.write(': ping\n\n'); }, 15_000);
  ping.unref();

  return {
    url: `http://${hostHeader}/?token=${token}`,
    token,
    port,
    broadcast(name, payload) {
      const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const c of clients) c.write(frame);
    },
    async close() {
      clearInterval(ping);
      for (const c of clients) c.end();
      clients.clear();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
