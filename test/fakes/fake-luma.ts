/**
 * Loopback fake of Luma's Dream Machine API as the `lumaai` SDK (1.x) sends it, under
 * `/dream-machine/v1`: `POST /generations/video`, `POST /generations/video/modify` (edits), `GET /generations/{id}`, `DELETE
 * /generations/{id}`, `GET /generations` (list), `GET /credits`, and output downloads. Like the
 * real API it FETCHES each keyframe image URL (so a data: URI or an unreachable URL is a 400)
 * and accepts only model ray-2 / ray-flash-2, duration "5s" | "9s", a known aspect ratio, and no
 * seed field. Faults come from fake-core. Point the adapter at CONTINUITY_LUMA_BASE_URL=<baseUrl>.
 */
import { newId, serveClip, startFakeCore, type Ctx, type FakeCore, type FakeJob, type InternalCore } from './fake-core.ts';
import { cancelOrPoll } from './fake-task-routes.ts';

export interface LumaCreateBody {
  model: string; prompt?: string; aspect_ratio?: string; duration?: string; resolution?: string;
  keyframes?: { frame0?: { type: string; url?: string; id?: string }; frame1?: { type: string; url?: string; id?: string } };
  [k: string]: unknown;
}

export interface FakeLuma extends FakeCore {
  baseUrl: string;
  bodies: Array<LumaCreateBody & { key: string }>;
  /** Keyframe images as fetched by the fake, by generation id. */
  fetched: Map<string, Buffer>;
  /** Accepted `POST /generations/video/modify` bodies, with the source video and first frame as fetched. */
  modifies: Array<LumaCreateBody & { key: string; id: string; video: Buffer; firstFrame: Buffer | undefined }>;
}

const ASPECTS = ['1:1', '16:9', '9:16', '4:3', '3:4', '21:9', '9:21'];
const PREFIX = '/dream-machine/v1';

function generation(j: FakeJob, base: string) {
  const state = j.state === 'queued' ? 'queued' : j.state === 'running' ? 'dreaming' : j.state === 'succeeded' ? 'completed' : 'failed';
  return {
    id: j.id, generation_type: 'video', state, created_at: new Date(j.createdAt).toISOString(), model: j.model,
    failure_reason: state === 'failed' ? (j.state === 'canceled' ? 'deleted' : 'the fake failed this generation on purpose') : null,
    assets: state === 'completed' ? { video: `${base}/luma-media/${j.id}.mp4` } : null,
    request: { ...(j.input as object), generation_type: 'video' },
  };
}

const bad = (c: InternalCore, cx: Ctx, detail: string) => c.json(cx, 400, { detail });
const MODES = ['adhere_1', 'adhere_2', 'adhere_3', 'flex_1', 'flex_2', 'flex_3', 'reimagine_1', 'reimagine_2', 'reimagine_3'];

/** Fetch a URL Luma was given, as Luma's servers would; the bytes or an error text. */
async function fetchMedia(url: unknown): Promise<Buffer | string> {
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return `media url must be an http(s) URL Luma can fetch, got ${String(url).slice(0, 40)}`;
  const res = await fetch(url).catch(() => null);
  if (!res?.ok) return `could not fetch ${url} (HTTP ${res?.status ?? 'unreachable'})`;
  return Buffer.from(await res.arrayBuffer());
}

/** Start the fake. */
export async function startFakeLuma(): Promise<FakeLuma> {
  const bodies: FakeLuma['bodies'] = [];
  const fetched = new Map<string, Buffer>();
  const modifies: FakeLuma['modifies'] = [];
  const core = await startFakeCore([
    async (cx, c) => {
      const p = cx.url.pathname;
      const m = cx.req.method ?? 'GET';
      if (p.startsWith('/luma-media/')) { await serveClip(cx, c, c.jobs.get(p.slice('/luma-media/'.length).replace(/\.\w+$/, ''))); return true; }
      if (!p.startsWith(PREFIX)) return false;
      if (!String(cx.req.headers.authorization ?? '').startsWith('Bearer ')) { c.json(cx, 401, { detail: 'Invalid or missing API key' }); return true; }
      const rest = p.slice(PREFIX.length);
      if (rest === '/credits' && m === 'GET') { c.json(cx, 200, { credit_balance: 1000 }); return true; }
      if (rest === '/generations/video' && m === 'POST') {
        cx.log.op = 'create';
        if (c.faultBeforeCreate(cx)) return true;
        const body = JSON.parse(cx.body.toString('utf8')) as LumaCreateBody;
        if (body.model !== 'ray-2' && body.model !== 'ray-flash-2') { bad(c, cx, `model ${String(body.model)} is not a Dream Machine video model`); return true; }
        if ('seed' in body) { bad(c, cx, 'Unknown field: seed'); return true; }
        if (body.duration !== undefined && body.duration !== '5s' && body.duration !== '9s') { bad(c, cx, `duration must be "5s" or "9s", got ${JSON.stringify(body.duration)}`); return true; }
        if (body.aspect_ratio !== undefined && !ASPECTS.includes(body.aspect_ratio)) { bad(c, cx, `aspect_ratio ${body.aspect_ratio} is not supported`); return true; }
        const f0 = body.keyframes?.frame0;
        let image: Buffer | undefined;
        for (const f of [f0, body.keyframes?.frame1]) {
          if (!f) continue;
          if (f.type === 'generation') {
            // Extend / interpolate: the generation must exist and be completed (Luma's rule).
            const g = c.jobs.get(String(f.id));
            if (g?.state !== 'succeeded') { bad(c, cx, `keyframe generation ${String(f.id)} is not a completed generation`); return true; }
            continue;
          }
          if (f.type !== 'image') { bad(c, cx, `keyframe type ${String(f.type)} is not image or generation`); return true; }
          if (!f.url || !/^https?:\/\//.test(f.url)) { bad(c, cx, `keyframe url must be an http(s) URL Luma can fetch, got ${String(f.url).slice(0, 40)}`); return true; }
          const res = await fetch(f.url).catch(() => null);
          const type = res?.headers.get('content-type') ?? '';
          if (!res?.ok) { bad(c, cx, `could not fetch keyframe image ${f.url} (HTTP ${res?.status ?? 'unreachable'})`); return true; }
          const buf = Buffer.from(await res.arrayBuffer());
          if (!(buf[0] === 0x89 || (buf[0] === 0xff && buf[1] === 0xd8)) && !type.startsWith('image/')) { bad(c, cx, `keyframe ${f.url} is not an image`); return true; }
          if (f === f0) image = buf;
        }
        const seconds = body.duration === '9s' ? 9 : 5;
        const [w, h] = body.resolution === '1080p' ? [1920, 1080] : body.resolution === '540p' ? [960, 540] : [1280, 720];
        const id = newId('');
        const key = cx.key || id;
        bodies.push({ ...body, key });
        c.recordCreate(key, { id, key, model: body.model, input: body, width: w, height: h, seconds, fps: 24, seed: 0 });
        if (image) fetched.set(id, image);
        cx.log.jobId = id;
        if (c.faultAfterCreate(cx)) return true;
        c.json(cx, 201, generation(c.jobs.get(id)!, c.url));
        return true;
      }
      if (rest === '/generations/video/modify' && m === 'POST') {
        cx.log.op = 'create';
        if (c.faultBeforeCreate(cx)) return true;
        const body = JSON.parse(cx.body.toString('utf8')) as LumaCreateBody & { generation_type?: string; media?: { url?: string }; mode?: string; first_frame?: { url?: string } };
        if (body.generation_type !== 'modify_video') { bad(c, cx, 'generation_type must be "modify_video"'); return true; }
        if (body.model !== 'ray-2' && body.model !== 'ray-flash-2') { bad(c, cx, `model ${String(body.model)} cannot modify video`); return true; }
        if (!MODES.includes(String(body.mode))) { bad(c, cx, `mode ${String(body.mode)} is not one of ${MODES.join(', ')}`); return true; }
        if ('seed' in body) { bad(c, cx, 'Unknown field: seed'); return true; }
        const video = await fetchMedia(body.media?.url);
        if (typeof video === 'string') { bad(c, cx, video); return true; }
        if (video.subarray(4, 8).toString('latin1') !== 'ftyp') { bad(c, cx, `media ${String(body.media?.url)} is not an mp4`); return true; }
        const first = body.first_frame ? await fetchMedia(body.first_frame.url) : undefined;
        if (typeof first === 'string') { bad(c, cx, first); return true; }
        const id = newId('');
        const key = cx.key || id;
        modifies.push({ ...body, key, id, video, firstFrame: first });
        c.recordCreate(key, { id, key, model: body.model, input: body, width: 1280, height: 720, seconds: 4, fps: 24, seed: 0 });
        if (first) fetched.set(id, first);
        cx.log.jobId = id;
        if (c.faultAfterCreate(cx)) return true;
        c.json(cx, 201, generation(c.jobs.get(id)!, c.url));
        return true;
      }
      if (rest === '/generations' && m === 'GET') {
        cx.log.op = 'list';
        if (c.fault('list', cx)) return true;
        const all = [...c.jobs.values()].sort((a, b) => b.createdAt - a.createdAt).map((j) => generation(j, c.url));
        c.json(cx, 200, { generations: all, count: all.length, has_more: false, limit: 100, offset: 0 });
        return true;
      }
      const id = /^\/generations\/([^/]+)$/.exec(rest)?.[1];
      if (!id) return false;
      return cancelOrPoll(cx, c, id, { detail: 'Generation not found' }, (job) => generation(c.advance(job), c.url));
    },
  ], 'luma');
  return Object.assign(core, { baseUrl: `${core.url}${PREFIX}`, bodies, fetched, modifies }) as FakeLuma;
}
