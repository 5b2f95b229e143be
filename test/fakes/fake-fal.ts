/**
 * Loopback fake of fal's queue API, storage upload and request listing, as @fal-ai/client 1.x
 * sends them through its proxy protocol (every SDK call arrives at `<url>/fal-proxy` with the
 * real target in `x-fal-target-url`). Point the adapter at it with
 * CONTINUITY_FAL_BASE_URL=<proxyUrl>. Queue protocol per PROVIDERS.md: submit → status
 * (IN_QUEUE | IN_PROGRESS | COMPLETED) → result; a failed request also reaches COMPLETED and the
 * error comes with the result fetch.
 */
import { holdCreate, newId, serveClip, startFakeCore, type Ctx, type FakeCore, type InternalCore } from './fake-core.ts';

export interface FakeFal extends FakeCore { proxyUrl: string; uploads: Map<string, Buffer> }

function sizeFrom(input: Record<string, unknown>): { width: number; height: number } {
  const res = String(input.resolution ?? '720p');
  const h = res === '1080p' ? 1080 : 720;
  const w = Math.round(h * 16 / 9);
  if (input.aspect_ratio === '9:16') return { width: h, height: w };
  if (input.aspect_ratio === '1:1') return { width: h, height: h };
  return { width: w, height: h };
}

function secondsFrom(input: Record<string, unknown>): number {
  const d = Number(String(input.duration ?? '4').replace(/s$/, ''));
  return Number.isFinite(d) && d > 0 ? d : 4;
}

/** Start the fake. */
export async function startFakeFal(): Promise<FakeFal> {
  const uploads = new Map<string, Buffer>();
  const endpointOf = new Map<string, string>();
  const core = await startFakeCore([
    async (cx, c) => {
      const p = cx.url.pathname;
      if (p.startsWith('/fal-upload/') && cx.req.method === 'PUT') {
        cx.log.op = 'upload';
        if (c.fault('upload', cx)) return true;
        uploads.set(p.slice('/fal-upload/'.length), cx.body);
        c.json(cx, 200, {});
        return true;
      }
      if (p.startsWith('/fal-files/')) {
        const b = uploads.get(p.slice('/fal-files/'.length));
        if (!b) { c.json(cx, 404, { detail: 'not found' }); return true; }
        cx.res.writeHead(200, { 'content-type': 'application/octet-stream' }); cx.res.end(b);
        return true;
      }
      if (p.startsWith('/fal-media/')) {
        await serveClip(cx, c, c.jobs.get(p.slice('/fal-media/'.length).replace(/\.\w+$/, '')));
        return true;
      }
      if (p !== '/fal-proxy') return false;
      const target = cx.req.headers['x-fal-target-url'];
      if (typeof target !== 'string') { c.json(cx, 400, { detail: 'missing x-fal-target-url' }); return true; }
      if (!String(cx.req.headers.authorization ?? '').startsWith('Key ')) { c.json(cx, 401, { detail: 'Unauthorized' }); return true; }
      return route(new URL(target), cx, c);
    },
  ], 'fal');

  async function route(t: URL, cx: Ctx, c: InternalCore): Promise<boolean> {
    const method = cx.req.method ?? 'GET';
    if (t.hostname === 'rest.fal.ai' && t.pathname === '/storage/upload/initiate') {
      cx.log.op = 'upload';
      if (c.fault('upload', cx)) return true;
      const token = newId('up_');
      c.json(cx, 200, { upload_url: `${c.url}/fal-upload/${token}`, file_url: `${c.url}/fal-files/${token}` });
      return true;
    }
    if (t.hostname === 'api.fal.ai' && t.pathname === '/v1/models/requests/by-endpoint') {
      cx.log.op = 'list';
      if (c.fault('list', cx)) return true;
      const ep = t.searchParams.get('endpoint_id');
      const start = Date.parse(t.searchParams.get('start') ?? '1970-01-01');
      const items = [...c.jobs.values()].filter((j) => j.model === ep && j.createdAt >= start).map((j) => ({
        request_id: j.id, endpoint_id: j.model, sent_at: new Date(j.createdAt).toISOString(),
        json_input: t.searchParams.get('expand') === 'payloads' ? j.input : undefined,
      }));
      c.json(cx, 200, { items, next_cursor: null, has_more: false });
      return true;
    }
    if (t.hostname !== 'queue.fal.run') return false;
    const parts = t.pathname.split('/').filter(Boolean);
    const ri = parts.indexOf('requests');
    if (ri < 0 && method === 'POST') {
      cx.log.op = 'create';
      const endpoint = parts.join('/');
      const input = JSON.parse(cx.body.toString('utf8') || '{}') as Record<string, unknown>;
      const faulted = c.faultBeforeCreate(cx);
      if (faulted) return true;
      await holdCreate(c);
      const id = newId('req_');
      const size = sizeFrom(input);
      const seed = typeof input.seed === 'number' ? input.seed : 1000 + Math.floor(Math.random() * 1e6);
      c.recordCreate(cx.key || id, { id, key: cx.key || id, model: endpoint, input, ...size, seconds: secondsFrom(input), fps: 24, seed });
      endpointOf.set(id, endpoint);
      cx.log.jobId = id;
      if (c.faultAfterCreate(cx)) return true;
      const base = `https://queue.fal.run/${parts.slice(0, 2).join('/')}/requests/${id}`;
      c.json(cx, 200, { request_id: id, response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel`, queue_position: 0 });
      return true;
    }
    const id = parts[ri + 1] ?? '';
    const job = c.jobs.get(id);
    cx.log.jobId = id;
    const tail = parts.slice(ri + 2).join('/');
    if (tail === 'status') {
      cx.log.op = 'poll';
      if (c.fault('poll', cx)) return true;
      if (!job) { c.json(cx, 404, { detail: 'Request not found' }); return true; }
      c.advance(job);
      const status = job.state === 'queued' ? 'IN_QUEUE' : job.state === 'running' ? 'IN_PROGRESS' : 'COMPLETED';
      c.json(cx, status === 'COMPLETED' ? 200 : 202, { status, request_id: id, response_url: `https://queue.fal.run/x/requests/${id}`, queue_position: status === 'IN_QUEUE' ? 0 : undefined, logs: [] });
      return true;
    }
    if (tail === 'cancel' && method === 'PUT') {
      cx.log.op = 'cancel';
      c.cancelled(id);
      if (c.fault('cancel', cx)) return true;
      if (!job) { c.json(cx, 404, { detail: 'Request not found' }); return true; }
      if (job.state === 'succeeded' || job.state === 'failed') { c.json(cx, 400, { status: 'ALREADY_COMPLETED' }); return true; }
      job.state = 'canceled';
      c.json(cx, 202, { status: 'CANCELLATION_REQUESTED' });
      return true;
    }
    if (tail === '' && method === 'GET') {
      cx.log.op = 'result';
      if (c.fault('result', cx)) return true;
      if (!job) { c.json(cx, 404, { detail: 'Request not found' }); return true; }
      if (job.state === 'failed') { c.json(cx, 422, { detail: [{ loc: ['body', 'prompt'], msg: 'the model failed on this input', type: 'value_error' }] }); return true; }
      if (job.state === 'canceled') { c.json(cx, 400, { detail: 'Request was cancelled' }); return true; }
      if (job.state !== 'succeeded') { c.json(cx, 400, { detail: 'Request is still in progress' }); return true; }
      const media = `${c.url}/fal-media/${id}`;
      if ((endpointOf.get(id) ?? '').includes('pulid')) {
        c.json(cx, 200, { images: [{ url: `${media}.png`, width: job.width, height: job.height, content_type: 'image/png' }], seed: job.seed }, { 'x-fal-request-id': id });
      } else {
        c.json(cx, 200, { video: { url: `${media}.mp4`, content_type: 'video/mp4', file_size: 0 }, seed: job.seed }, { 'x-fal-request-id': id });
      }
      return true;
    }
    return false;
  }

  return Object.assign(core, { proxyUrl: `${core.url}/fal-proxy`, uploads }) as FakeFal;
}
