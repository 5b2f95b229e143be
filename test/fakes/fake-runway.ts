/**
 * Loopback fake of Runway's API as @runwayml/sdk 4.x sends it: `POST /v1/image_to_video`,
 * `POST /v1/video_to_video` (aleph2 edits), `POST /v1/text_to_image` (gen4_image) (JSON body, Bearer key, `X-Runway-Version: 2024-11-06`), `GET /v1/tasks/{id}`, `DELETE
 * /v1/tasks/{id}`, `GET /v1/organization`, and output downloads. Validates what the real API
 * validates for gen4.5 / gen4_turbo: promptImage a data URI ≤ 5 MB or https URL, ratio from the
 * SDK's list, integer duration 2–10. Faults come from fake-core (429 + Retry-After, 500 on create,
 * expired output, slow jobs); `failureCodes` makes chosen takes FAIL with a Runway failure code.
 * Point the adapter at it with CONTINUITY_RUNWAY_BASE_URL=<url>.
 */
import { newId, serveClip, startFakeCore, type Ctx, type FakeCore, type FakeJob, type InternalCore } from './fake-core.ts';
import { cancelOrPoll } from './fake-task-routes.ts';

const RATIOS = ['1280:720', '720:1280', '1104:832', '832:1104', '960:960', '1584:672'];
const MAX_DATA_URI = 5 * 1024 * 1024;

export interface RunwayCreateBody { model: string; promptImage: unknown; promptText?: string; ratio: string; duration?: number; seed?: number }

export interface RunwayEditBody { model: string; videoUri: unknown; promptText?: string; keyframes?: Array<{ at?: number; seconds?: number; uri: string }>; seed?: number }
export interface RunwayImageBody { model: string; promptText: string; ratio: string; referenceImages?: Array<{ uri: string; tag?: string }>; seed?: number }

export interface FakeRunway extends FakeCore {
  baseUrl: string;
  /** Accepted `POST /v1/video_to_video` bodies (aleph2 edits), the video as its decoded bytes. */
  edits: Array<RunwayEditBody & { key: string; id: string; video: Buffer; keyframe: Buffer | undefined }>;
  /** Accepted `POST /v1/text_to_image` bodies (gen4_image keyframes). */
  images: Array<RunwayImageBody & { key: string; id: string }>;
  /** Every accepted create body, in order (promptImage replaced by its length and kind). */
  bodies: Array<RunwayCreateBody & { key: string; promptImageKind: string; promptImageBytes: number }>;
  /** Take key → failure code its task fails with (e.g. "SAFETY.INPUT.TEXT"). */
  failureCodes: Map<string, string>;
}

/** Jobs whose output is an image (gen4_image), served as PNG. */
const imageJobs = new Set<string>();

function task(j: FakeJob, base: string, failureCode: string | undefined) {
  const common = { id: j.id, createdAt: new Date(j.createdAt).toISOString() };
  switch (j.state) {
    case 'queued': return { ...common, status: 'PENDING', estimatedCost: { credits: 60 } };
    case 'running': return { ...common, status: 'RUNNING', progress: 0.5, estimatedCost: { credits: 60 } };
    case 'canceled': return { ...common, status: 'CANCELLED', cost: { credits: 0 } };
    case 'failed': return { ...common, status: 'FAILED', failure: 'the fake failed this task on purpose', failureCode: failureCode ?? 'INTERNAL.BAD_OUTPUT.CODE01', cost: { credits: 0 } };
    case 'succeeded': return { ...common, status: 'SUCCEEDED', output: [`${base}/runway-media/${j.id}.${imageJobs.has(j.id) ? 'png' : 'mp4'}?_jwt=signed`], cost: { credits: 60 } };
  }
}

const bad = (c: InternalCore, cx: Ctx, error: string) => c.json(cx, 400, { error });
const MAX_VIDEO_DATA_URI = 5 * 1024 * 1024;
const IMAGE_RATIOS = ['1024:1024', '1080:1080', '1168:880', '1360:768', '1440:1080', '1080:1440', '1808:768', '1920:1080', '1080:1920', '2112:912', '1280:720', '720:1280', '720:720', '960:720', '720:960', '1680:720'];
const TAG = /^[A-Za-z][A-Za-z0-9_]{2,15}$/;

/** Decode a data URI of the given media kind, or undefined. */
export function dataUri(uri: unknown, kind: 'image' | 'video'): Buffer | undefined {
  if (typeof uri !== 'string') return undefined;
  const m = new RegExp(`^data:${kind}/[a-z0-9.+-]+;base64,(.*)$`, 's').exec(uri);
  return m ? Buffer.from(m[1]!, 'base64') : undefined;
}

/** Validate an aleph2 body as the API does; the error text or null. */
function editProblem(b: RunwayEditBody): string | null {
  if (b.model !== 'aleph2') return `model ${String(b.model)} is not a video_to_video model this fake knows`;
  if (typeof b.videoUri !== 'string' || b.videoUri.length > MAX_VIDEO_DATA_URI) return 'videoUri must be a data URI of at most 5 MB, an HTTPS URL or a runway:// upload';
  const video = dataUri(b.videoUri, 'video');
  if (!video || video.subarray(4, 8).toString('latin1') !== 'ftyp') return 'videoUri is not an mp4 data URI';
  if ((b.keyframes?.length ?? 0) > 5) return 'at most 5 keyframes';
  for (const k of b.keyframes ?? []) {
    if (!dataUri(k.uri, 'image')) return 'keyframe uri must be an image data URI here';
    if (k.at !== undefined && (k.at < 0 || k.at > 1)) return 'keyframe at must be in [0, 1]';
  }
  if (b.seed !== undefined && (!Number.isInteger(b.seed) || b.seed < 0 || b.seed > 4294967295)) return 'seed must be an integer 0–4294967295';
  return null;
}

function imageProblem(b: RunwayImageBody): string | null {
  if (b.model !== 'gen4_image') return `model ${String(b.model)} is not a text_to_image model this fake knows`;
  if (!b.promptText) return 'promptText is required';
  if (!IMAGE_RATIOS.includes(b.ratio)) return `ratio ${String(b.ratio)} is not one of gen4_image's ratios`;
  if ((b.referenceImages?.length ?? 0) > 3) return 'at most 3 referenceImages';
  for (const r of b.referenceImages ?? []) {
    if (!dataUri(r.uri, 'image')) return 'reference uri must be an image data URI here';
    if (r.tag !== undefined && !TAG.test(r.tag)) return `tag ${JSON.stringify(r.tag)} must be 3–16 letters, digits or underscores, starting with a letter`;
  }
  return null;
}

/** Start the fake. */
export async function startFakeRunway(): Promise<FakeRunway> {
  const bodies: FakeRunway['bodies'] = [];
  const failureCodes = new Map<string, string>();
  const edits: FakeRunway['edits'] = [];
  const images: FakeRunway['images'] = [];
  const core = await startFakeCore([
    async (cx, c) => {
      const p = cx.url.pathname;
      const m = cx.req.method ?? 'GET';
      if (p.startsWith('/runway-media/')) { await serveClip(cx, c, c.jobs.get(p.slice('/runway-media/'.length).replace(/\.\w+$/, ''))); return true; }
      if (!p.startsWith('/v1/')) return false;
      if (!String(cx.req.headers.authorization ?? '').startsWith('Bearer ')) { c.json(cx, 401, { error: 'missing API key' }); return true; }
      if (cx.req.headers['x-runway-version'] !== '2024-11-06') { bad(c, cx, 'X-Runway-Version header must be 2024-11-06'); return true; }
      if (p === '/v1/organization' && m === 'GET') { c.json(cx, 200, { creditBalance: 1000, tier: { maxMonthlyCreditSpend: 10000, models: {} }, usage: { models: {} } }); return true; }
      if (p === '/v1/image_to_video' && m === 'POST') {
        cx.log.op = 'create';
        if (c.faultBeforeCreate(cx)) return true;
        const body = JSON.parse(cx.body.toString('utf8')) as RunwayCreateBody;
        if (body.model !== 'gen4.5' && body.model !== 'gen4_turbo') { bad(c, cx, `model ${String(body.model)} is not an image_to_video model this fake knows`); return true; }
        const img = body.promptImage;
        if (typeof img !== 'string') { bad(c, cx, 'promptImage must be a string (array form not used here)'); return true; }
        const kind = img.startsWith('data:image/') ? 'data' : img.startsWith('https://') ? 'https' : 'other';
        if (kind === 'other') { bad(c, cx, 'promptImage must be an HTTPS URL, a runway:// upload or a data URI'); return true; }
        if (kind === 'data' && img.length > MAX_DATA_URI) { bad(c, cx, `promptImage data URI is ${img.length} bytes; the limit is 5 MB`); return true; }
        if (!RATIOS.includes(body.ratio)) { bad(c, cx, `ratio ${String(body.ratio)} is not one of ${RATIOS.join(', ')}`); return true; }
        const duration = body.duration ?? 5;
        if (!Number.isInteger(duration) || duration < 2 || duration > 10) { bad(c, cx, `duration must be an integer from 2 to 10, got ${String(body.duration)}`); return true; }
        if (body.seed !== undefined && (!Number.isInteger(body.seed) || body.seed < 0 || body.seed > 4294967295)) { bad(c, cx, 'seed must be an integer 0–4294967295'); return true; }
        if (body.model === 'gen4.5' && !body.promptText) { bad(c, cx, 'promptText is required for gen4.5'); return true; }
        const [w, h] = body.ratio.split(':').map(Number) as [number, number];
        const id = newId('');
        const key = cx.key || id;
        bodies.push({ ...body, promptImage: `(${img.length} chars)`, key, promptImageKind: kind, promptImageBytes: img.length });
        c.recordCreate(key, { id, key, model: body.model, input: { ...body, promptImage: img }, width: w, height: h, seconds: duration, fps: 24, seed: body.seed ?? 0 });
        cx.log.jobId = id;
        if (c.faultAfterCreate(cx)) return true;
        c.json(cx, 200, { id, estimatedCost: { credits: duration * 12 } });
        return true;
      }
      if ((p === '/v1/video_to_video' || p === '/v1/text_to_image') && m === 'POST') {
        cx.log.op = 'create';
        if (c.faultBeforeCreate(cx)) return true;
        const body = JSON.parse(cx.body.toString('utf8')) as RunwayEditBody & RunwayImageBody;
        const problem = p === '/v1/video_to_video' ? editProblem(body) : imageProblem(body);
        if (problem) { bad(c, cx, problem); return true; }
        const id = newId('');
        const key = cx.key || id;
        if (p === '/v1/video_to_video') {
          edits.push({ ...body, videoUri: `(${String(body.videoUri).length} chars)`, key, id, video: dataUri(body.videoUri, 'video')!, keyframe: dataUri(body.keyframes?.[0]?.uri, 'image') });
          // The output is as long as the source (the fake's clips are 4 s at 24 fps).
          c.recordCreate(key, { id, key, model: body.model, input: body, width: 1280, height: 720, seconds: 4, fps: 24, seed: body.seed ?? 0 });
        } else {
          images.push({ ...body, key, id });
          const [w, h] = body.ratio.split(':').map(Number) as [number, number];
          imageJobs.add(id);
          c.recordCreate(key, { id, key, model: body.model, input: body, width: w, height: h, seconds: 1, fps: 24, seed: body.seed ?? 0 });
        }
        cx.log.jobId = id;
        if (c.faultAfterCreate(cx)) return true;
        c.json(cx, 200, { id, estimatedCost: { credits: 60 } });
        return true;
      }
      const id = /^\/v1\/tasks\/([^/]+)$/.exec(p)?.[1];
      if (!id) return false;
      return cancelOrPoll(cx, c, id, { error: 'Task not found' }, (job) => {
        const code = failureCodes.get(job.key);
        if (code) c.behaviour.failKeys.add(job.key);
        return task(c.advance(job), c.url, code);
      });
    },
  ], 'runway');
  return Object.assign(core, { baseUrl: core.url, bodies, failureCodes, edits, images }) as FakeRunway;
}
