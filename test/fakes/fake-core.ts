/**
 * Shared machinery of the loopback fake providers (fal, Replicate, OpenAI videos): an HTTP
 * server on 127.0.0.1 (port 0), a job table, REAL tiny mp4 outputs made with ffmpeg, create
 * counters per idempotency key (take), request timestamps, and faults injected on demand.
 * Used in-process by tests; a child process can read stats from GET /__admin/stats and
 * queue faults with POST /__admin/faults.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFfmpeg } from '../../core/media/run-ffmpeg.ts';

export type FaultOp = 'create' | 'poll' | 'result' | 'download' | 'cancel' | 'upload' | 'list' | 'schema';
export type Fault =
  | { op: FaultOp; kind: 'status'; status: number; retryAfter?: string; body?: unknown; times?: number; key?: string }
  /** Destroy the socket. For `create`, AFTER the create is recorded (the server accepted it). */
  | { op: FaultOp; kind: 'reset'; times?: number; key?: string }
  /** Downloads only: send the headers (full Content-Length) and half the body, then destroy the socket. */
  | { op: 'download'; kind: 'cut'; times?: number; key?: string };

export interface FakeBehaviour {
  /** Polls answered "in progress" before the job completes. */
  pollsBeforeDone: number;
  /** Minimum wall time before completion (slow jobs), ms. */
  minDurationMs: number;
  /** Takes (idempotency keys) whose jobs fail. */
  failKeys: Set<string>;
  /** Every job fails. */
  failAll: boolean;
  /** Output URLs answer this status instead of the clip (expired retention). */
  expiredStatus: 404 | 410 | null;
  /** The first create of each take returns an OFF-LOOK clip (strong magenta cast). */
  offLookFirstCreate: boolean;
  /** Force the generated clip's size (tests keep clips tiny); null = from the request. */
  clipSize: { width: number; height: number } | null;
  /**
   * Make clips from a still instead of testsrc2 (on-look content for gate tests): a path, or a
   * function of the job (e.g. the start image the client uploaded, as image-to-video would).
   */
  clipImage: string | ((job: FakeJob) => string | null) | null;
  /** Decide per create whether the clip is OFF-LOOK (overrides offLookFirstCreate), e.g. by take key. */
  offLookIf: ((key: string, createsForKey: number) => boolean) | null;
  /** Downloads honour `Range: bytes=N-` with a 206 (default true); false answers 200 with the whole file. */
  ranges: boolean;
  /** Hold every create this long before answering (a slow provider; two runs overlap), ms. */
  createHoldMs: number;
}

export interface FakeJob {
  id: string;
  key: string;
  model: string;
  input: unknown;
  createdAt: number;
  polls: number;
  state: 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled';
  width: number;
  height: number;
  seconds: number;
  fps: number;
  offLook: boolean;
  seed: number;
}

export interface RequestLog { method: string; path: string; op: FaultOp | 'other'; at: number; status: number; key?: string; jobId?: string }

export interface FakeCore {
  url: string;
  behaviour: FakeBehaviour;
  jobs: Map<string, FakeJob>;
  requests: RequestLog[];
  /** Creates recorded per idempotency key (take id). */
  createsFor(key: string): number;
  createCounts(): Record<string, number>;
  cancelsFor(jobId: string): number;
  inject(f: Fault): void;
  close(): Promise<void>;
}

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: Buffer;
  log: RequestLog;
  key: string;
  /** A 'cut' fault matched: serve half the body, then drop the connection. */
  cut?: boolean;
}

export type Route = (cx: Ctx, core: InternalCore) => Promise<boolean> | boolean;

export interface InternalCore extends FakeCore {
  /** Returns true when a fault consumed the request (response already sent). */
  fault(op: FaultOp, cx: Ctx): boolean;
  /** Create faults answered before the create is recorded (status codes: not accepted). */
  faultBeforeCreate(cx: Ctx): boolean;
  /** Create faults after recording (a reset: accepted, but the client never hears). */
  faultAfterCreate(cx: Ctx): boolean;
  recordCreate(key: string, job: Omit<FakeJob, 'polls' | 'state' | 'createdAt' | 'offLook'>): FakeJob;
  /** Advance a job one poll and return it. */
  advance(job: FakeJob): FakeJob;
  clip(job: FakeJob, still?: boolean): Promise<Buffer>;
  cancelled(jobId: string): void;
  json(cx: Ctx, status: number, body: unknown, headers?: Record<string, string>): void;
}

let seq = 0;

/** Start a fake: `routes` are tried in order; the first that returns true handled the request. */
export async function startFakeCore(routes: Route[], prefix: string): Promise<InternalCore> {
  const tmp = mkdtempSync(join(tmpdir(), `fake-${prefix}-`));
  const faults: Fault[] = [];
  const creates = new Map<string, number>();
  const cancels = new Map<string, number>();
  const clipCache = new Map<string, Promise<Buffer>>();
  const sockets = new Set<Socket>();
  const behaviour: FakeBehaviour = {
    pollsBeforeDone: 1, minDurationMs: 0, failKeys: new Set(), failAll: false, expiredStatus: null,
    offLookFirstCreate: false, clipSize: null, clipImage: null, offLookIf: null, ranges: true, createHoldMs: 0,
  };

  const core = {
    url: '',
    behaviour,
    jobs: new Map<string, FakeJob>(),
    requests: [] as RequestLog[],
    createsFor: (key: string) => creates.get(key) ?? 0,
    createCounts: () => Object.fromEntries(creates),
    cancelsFor: (id: string) => cancels.get(id) ?? 0,
    inject: (f: Fault) => { faults.push(f); },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(tmp, { recursive: true, force: true });
    },
    faultBeforeCreate: (cx: Ctx) => takeFault('create', cx, 'status'),
    faultAfterCreate: (cx: Ctx) => takeFault('create', cx, 'reset'),
    fault: (op: FaultOp, cx: Ctx) => takeFault(op, cx),
  } as unknown as InternalCore;
  function takeFault(op: FaultOp, cx: Ctx, only?: Fault['kind']): boolean {
    {
      const i = faults.findIndex((f) => f.op === op && (!only || f.kind === only) && (!f.key || f.key === cx.key));
      if (i < 0) return false;
      const f = faults[i]!;
      const left = (f.times ?? 1) - 1;
      if (left <= 0) faults.splice(i, 1); else f.times = left;
      if (f.kind === 'cut') { cx.cut = true; return false; }
      if (f.kind === 'reset') { cx.log.status = 0; cx.req.socket.destroy(); return true; }
      const headers: Record<string, string> = f.retryAfter ? { 'retry-after': f.retryAfter } : {};
      core.json(cx, f.status, f.body ?? { detail: `injected ${f.status}` }, headers);
      return true;
    }
  }
  Object.assign(core, {
    recordCreate(key: string, j: Omit<FakeJob, 'polls' | 'state' | 'createdAt' | 'offLook'>) {
      const n = (creates.get(key) ?? 0) + 1;
      creates.set(key, n);
      const job: FakeJob = { ...j, createdAt: Date.now(), polls: 0, state: 'queued', offLook: behaviour.offLookIf ? behaviour.offLookIf(key, n) : behaviour.offLookFirstCreate && n === 1 };
      if (behaviour.clipSize) { job.width = behaviour.clipSize.width; job.height = behaviour.clipSize.height; }
      core.jobs.set(job.id, job);
      return job;
    },
    advance(job: FakeJob) {
      if (job.state === 'canceled' || job.state === 'succeeded' || job.state === 'failed') return job;
      job.polls += 1;
      const done = job.polls > behaviour.pollsBeforeDone && Date.now() - job.createdAt >= behaviour.minDurationMs;
      if (done) job.state = behaviour.failAll || behaviour.failKeys.has(job.key) ? 'failed' : 'succeeded';
      else job.state = job.polls > 1 ? 'running' : 'queued';
      return job;
    },
    clip(job: FakeJob, still = false) {
      const image = typeof behaviour.clipImage === 'function' ? behaviour.clipImage(job) : behaviour.clipImage;
      const k = `${job.width}x${job.height}x${job.seconds}x${job.fps}x${job.offLook}x${still}x${image}`;
      let p = clipCache.get(k);
      if (!p) {
        const out = join(tmp, `clip-${seq++}.${still ? 'png' : 'mp4'}`);
        // testsrc2 is a moving pattern; the off-look variant pushes a strong magenta cast over it.
        const vf = job.offLook ? 'colorchannelmixer=rr=1:gg=0.35:bb=1,format=yuv420p' : 'format=yuv420p';
        const encode = still ? ['-frames:v', '1'] : ['-c:v', 'libx264', '-preset', 'ultrafast', '-movflags', '+faststart'];
        const source = image
          ? ['-loop', '1', '-framerate', String(job.fps), '-t', String(job.seconds), '-i', image]
          : ['-f', 'lavfi', '-i', `testsrc2=size=${job.width}x${job.height}:rate=${job.fps}:duration=${job.seconds}`];
        // An image becomes a slow pan across it, as a generated shot moves: a still would be judged frozen (gate v2).
        const over = (n: number) => Math.ceil((n * 1.1) / 2) * 2;
        const fit = image ? `scale=${over(job.width)}:${over(job.height)}:force_original_aspect_ratio=increase,crop=${job.width}:${job.height}:x='(iw-ow)*t/${job.seconds}':y='(ih-oh)/2',` : '';
        p = runFfmpeg([...source,
          '-vf', fit + (still ? vf.replace(',format=yuv420p', '').replace('format=yuv420p', 'null') : vf), ...encode, out], { subject: 'fake clip' })
          .then(() => readFileSync(out));
        clipCache.set(k, p);
      }
      return p;
    },
    cancelled(jobId: string) { cancels.set(jobId, (cancels.get(jobId) ?? 0) + 1); },
    json(cx: Ctx, status: number, body: unknown, headers: Record<string, string> = {}) {
      cx.log.status = status;
      cx.res.writeHead(status, { 'content-type': 'application/json', ...headers });
      cx.res.end(JSON.stringify(body));
    },
  });

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', core.url);
      const log: RequestLog = { method: req.method ?? 'GET', path: url.pathname, op: 'other', at: Date.now(), status: 0 };
      const key = String(req.headers['idempotency-key'] ?? '');
      if (key) log.key = key;
      core.requests.push(log);
      const cx: Ctx = { req, res, url, body: Buffer.concat(chunks), log, key };
      void (async () => {
        if (url.pathname === '/__admin/stats') {
          return core.json(cx, 200, { creates: core.createCounts(), cancels: Object.fromEntries(cancels), requests: core.requests.length });
        }
        if (url.pathname === '/__admin/faults' && req.method === 'POST') {
          core.inject(JSON.parse(cx.body.toString('utf8')) as Fault);
          return core.json(cx, 200, { ok: true });
        }
        for (const r of routes) if (await r(cx, core)) return;
        core.json(cx, 404, { detail: `fake ${prefix}: no route for ${req.method} ${url.pathname}` });
      })().catch((err: Error) => { if (!res.headersSent) core.json(cx, 500, { detail: `fake ${prefix} crashed: ${err.message}` }); });
    });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  core.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return core;
}

/** Serve a job's clip, or the expired status when retention has "passed". */
export async function serveClip(cx: Ctx, core: InternalCore, job: FakeJob | undefined): Promise<void> {
  cx.log.op = 'download';
  if (core.fault('download', cx)) return;
  if (!job || job.state !== 'succeeded') return core.json(cx, 404, { detail: 'no such output' });
  if (core.behaviour.expiredStatus) return core.json(cx, core.behaviour.expiredStatus, { detail: 'output expired' });
  const still = cx.url.pathname.endsWith('.png');
  const whole = await core.clip(job, still);
  const type = still ? 'image/png' : 'video/mp4';
  const range = core.behaviour.ranges ? /^bytes=(\d+)-$/.exec(String(cx.req.headers.range ?? '')) : null;
  const from = range ? Number(range[1]) : 0;
  if (range && from >= whole.length) return core.json(cx, 416, { detail: 'range not satisfiable' }, { 'content-range': `bytes */${whole.length}` });
  const buf = whole.subarray(from);
  cx.log.status = range ? 206 : 200;
  cx.res.writeHead(cx.log.status, {
    'content-type': type, 'content-length': String(buf.length), 'accept-ranges': core.behaviour.ranges ? 'bytes' : 'none',
    ...(range ? { 'content-range': `bytes ${from}-${whole.length - 1}/${whole.length}` } : {}),
  });
  if (cx.cut) {
    // Half the body in a few pieces, a pause, then the connection closes: the client sees a cut
    // after the headers. Pieces and pause as on a real stalled link: a client's fetch drops bytes
    // it had buffered but not yet handed over when the close arrives with them, so a half sent
    // in one burst with the close right behind often leaves nothing to resume from. A FIN (end)
    // rather than a reset, for the same reason.
    const socket = cx.req.socket;
    const half = buf.subarray(0, Math.floor(buf.length / 2));
    const pieces = 4;
    const step = Math.ceil(half.length / pieces);
    let i = 0;
    const next = (): void => {
      if (socket.destroyed) return;
      if (i >= pieces) {
        setTimeout(() => { socket.end(); setTimeout(() => socket.destroy(), 2000).unref(); }, 500);
        return;
      }
      cx.res.write(half.subarray(i * step, (i + 1) * step), () => { i++; setTimeout(next, 100); });
    };
    next();
    return;
  }
  cx.res.end(buf);
}

/** Hold a create as a slow provider would (behaviour.createHoldMs). */
export async function holdCreate(core: InternalCore): Promise<void> {
  if (core.behaviour.createHoldMs > 0) await new Promise((r) => setTimeout(r, core.behaviour.createHoldMs));
}

export function newId(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
