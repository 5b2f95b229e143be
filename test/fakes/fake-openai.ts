/**
 * Loopback fake of the OpenAI `/v1/videos` protocol as the openai SDK (≥ 6.2) sends it:
 * multipart create (prompt, model, seconds, size, input_reference — which must match `size`
 * exactly, else 400 like the real API), retrieve, list, content download, remix, delete.
 * Point the adapter at it with OPENAI_BASE_URL=<url>/v1.
 */
import sharp from 'sharp';
import { holdCreate, newId, serveClip, startFakeCore, type Ctx, type FakeCore, type FakeJob, type InternalCore } from './fake-core.ts';

export interface FakeOpenAI extends FakeCore {
  baseUrl: string;
  remixedFrom: Map<string, string>;
  /** The input_reference image each create sent, by video id (tests make clips from it). */
  references: Map<string, Buffer>;
}

function video(j: FakeJob, remixedFrom: string | null) {
  const status = j.state === 'queued' ? 'queued' : j.state === 'running' ? 'in_progress' : j.state === 'succeeded' ? 'completed' : 'failed';
  const input = j.input as { prompt: string; size: string; seconds: string };
  return {
    id: j.id, object: 'video', model: j.model, status, progress: status === 'completed' ? 100 : status === 'in_progress' ? 50 : 0,
    created_at: Math.floor(j.createdAt / 1000), completed_at: status === 'completed' ? Math.floor(Date.now() / 1000) : null,
    expires_at: null, prompt: input.prompt, seconds: input.seconds, size: input.size, remixed_from_video_id: remixedFrom,
    error: status === 'failed' ? { code: 'generation_failed', message: 'the fake failed this video on purpose' } : null,
  };
}

const badRequest = (c: InternalCore, cx: Ctx, message: string, param: string) =>
  c.json(cx, 400, { error: { message, type: 'invalid_request_error', param, code: null } });

/** Start the fake. */
export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const remixedFrom = new Map<string, string>();
  const references = new Map<string, Buffer>();
  const core = await startFakeCore([
    async (cx, c) => {
      const p = cx.url.pathname;
      const m = cx.req.method ?? 'GET';
      if (!p.startsWith('/v1/videos')) return false;
      if (!String(cx.req.headers.authorization ?? '').startsWith('Bearer ')) { c.json(cx, 401, { error: { message: 'missing key' } }); return true; }
      const parts = p.split('/').filter(Boolean); // v1 videos {id} [content|remix]
      const id = parts[2];
      if (!id && m === 'POST') {
        cx.log.op = 'create';
        if (c.faultBeforeCreate(cx)) return true;
        const form = await new Request('http://fake/', { method: 'POST', headers: cx.req.headers as Record<string, string>, body: new Uint8Array(cx.body) }).formData();
        const prompt = String(form.get('prompt') ?? '');
        const size = String(form.get('size') ?? '720x1280');
        const seconds = String(form.get('seconds') ?? '4');
        if (!prompt) { badRequest(c, cx, 'prompt is required', 'prompt'); return true; }
        const [w, h] = size.split('x').map(Number) as [number, number];
        const ref = form.get('input_reference');
        let refBytes: Buffer | null = null;
        if (ref instanceof Blob) {
          refBytes = Buffer.from(await ref.arrayBuffer());
          const meta = await sharp(refBytes).metadata();
          if (meta.width !== w || meta.height !== h) { badRequest(c, cx, `input_reference must be ${size}, got ${meta.width}x${meta.height}`, 'input_reference'); return true; }
        }
        await holdCreate(c);
        const jid = newId('video_');
        if (refBytes) references.set(jid, refBytes);
        const job = c.recordCreate(cx.key || jid, { id: jid, key: cx.key || jid, model: String(form.get('model') ?? 'sora-2'), input: { prompt, size, seconds }, width: w, height: h, seconds: Number(seconds), fps: 30, seed: 0 });
        cx.log.jobId = jid;
        if (c.faultAfterCreate(cx)) return true;
        c.json(cx, 200, video(job, null));
        return true;
      }
      if (!id && m === 'GET') {
        cx.log.op = 'list';
        if (c.fault('list', cx)) return true;
        const all = [...c.jobs.values()].sort((a, b) => b.createdAt - a.createdAt).map((j) => video(j, remixedFrom.get(j.id) ?? null));
        c.json(cx, 200, { object: 'list', data: all, has_more: false, first_id: all[0]?.id ?? null, last_id: all[all.length - 1]?.id ?? null });
        return true;
      }
      const job = id ? c.jobs.get(id) : undefined;
      cx.log.jobId = id;
      if (parts[3] === 'content') { await serveClip(cx, c, job); return true; }
      if (parts[3] === 'remix' && m === 'POST') {
        cx.log.op = 'create';
        if (c.faultBeforeCreate(cx)) return true;
        if (!job || job.state !== 'succeeded') { badRequest(c, cx, 'can only remix a completed video', 'video_id'); return true; }
        const body = JSON.parse(cx.body.toString('utf8')) as { prompt?: string };
        const jid = newId('video_');
        const input = { ...(job.input as object), prompt: body.prompt ?? '' };
        const nj = c.recordCreate(cx.key || jid, { ...job, id: jid, key: cx.key || jid, input });
        remixedFrom.set(jid, job.id);
        if (c.faultAfterCreate(cx)) return true;
        c.json(cx, 200, video(nj, job.id));
        return true;
      }
      if (m === 'DELETE') {
        cx.log.op = 'cancel';
        if (id) c.cancelled(id);
        if (c.fault('cancel', cx)) return true;
        if (!job) { c.json(cx, 404, { error: { message: 'not found' } }); return true; }
        job.state = 'canceled';
        c.json(cx, 200, { id, object: 'video.deleted', deleted: true });
        return true;
      }
      if (m === 'GET') {
        cx.log.op = 'poll';
        if (c.fault('poll', cx)) return true;
        if (!job) { c.json(cx, 404, { error: { message: `no video ${id}` } }); return true; }
        c.json(cx, 200, video(c.advance(job), remixedFrom.get(job.id) ?? null));
        return true;
      }
      return false;
    },
  ], 'openai');
  return Object.assign(core, { baseUrl: `${core.url}/v1`, remixedFrom, references }) as FakeOpenAI;
}
