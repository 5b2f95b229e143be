/**
 * Loopback fake of the Gemini API's Veo wire as `@google/genai` 2.x sends it: `POST
 * /v1beta/models/{model}:predictLongRunning` with `{instances: [{prompt, image:
 * {bytesBase64Encoded, mimeType}, lastFrame, referenceImages}], parameters: {durationSeconds,
 * aspectRatio, resolution, negativePrompt, sampleCount}}` and the key in `x-goog-api-key`;
 * `GET /v1beta/{operation name}` → `{name, done, response: {generateVideoResponse:
 * {generatedSamples: [{video: {uri}}]}}}` or `{done, error}`; the file at
 * `/v1beta/files/{id}:download?alt=media`; `POST {name}:cancel`; `GET /v1beta/models` (key check).
 * Rejects `seed` (the real Gemini API does) and durations other than 4/6/8.
 */
import { newId, serveClip, startFakeCore, type Ctx, type FakeCore, type FakeJob, type InternalCore } from './fake-core.ts';

interface Inline { bytesBase64Encoded?: string; mimeType?: string }
export interface VeoInstance { prompt?: string; image?: Inline; lastFrame?: Inline; referenceImages?: Array<{ image?: Inline; referenceType?: string }> }
export interface VeoParameters { durationSeconds?: number; aspectRatio?: string; resolution?: string; negativePrompt?: string; sampleCount?: number; seed?: number }

export interface FakeGoogle extends FakeCore {
  baseUrl: string;
  bodies: Array<{ key: string; model: string; instance: VeoInstance; parameters: VeoParameters }>;
}

const bad = (c: InternalCore, cx: Ctx, message: string) => c.json(cx, 400, { error: { code: 400, message, status: 'INVALID_ARGUMENT' } });

function operation(j: FakeJob, base: string) {
  const name = `models/${j.model}/operations/${j.id}`;
  if (j.state === 'queued' || j.state === 'running') return { name, done: false, metadata: {} };
  if (j.state === 'failed' || j.state === 'canceled') return { name, done: true, error: { code: 13, message: j.state === 'canceled' ? 'cancelled' : 'the fake failed this operation on purpose', status: 'INTERNAL' } };
  return { name, done: true, response: { '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse', generateVideoResponse: { generatedSamples: [{ video: { uri: `${base}/v1beta/files/${j.id}:download?alt=media` } }] } } };
}

/** Start the fake. */
export async function startFakeGoogle(): Promise<FakeGoogle> {
  const bodies: FakeGoogle['bodies'] = [];
  const core = await startFakeCore([
    async (cx, c) => {
      const p = decodeURIComponent(cx.url.pathname);
      const m = cx.req.method ?? 'GET';
      if (!p.startsWith('/v1beta/')) return false;
      if (!cx.req.headers['x-goog-api-key']) { c.json(cx, 403, { error: { code: 403, message: 'API key not valid', status: 'PERMISSION_DENIED' } }); return true; }
      const rest = p.slice('/v1beta/'.length);
      if (rest === 'models' && m === 'GET') { c.json(cx, 200, { models: [{ name: 'models/veo-3.1-generate-preview', supportedGenerationMethods: ['predictLongRunning'] }] }); return true; }
      const file = /^files\/([^/:]+):download$/.exec(rest)?.[1];
      if (file && m === 'GET') { await serveClip(cx, c, c.jobs.get(file)); return true; }
      const create = /^models\/([^/:]+):predictLongRunning$/.exec(rest);
      if (create && m === 'POST') {
        cx.log.op = 'create';
        if (c.faultBeforeCreate(cx)) return true;
        const body = JSON.parse(cx.body.toString('utf8')) as { instances?: VeoInstance[]; parameters?: VeoParameters };
        const instance = body.instances?.[0];
        const params = body.parameters ?? {};
        if (!instance?.prompt) { bad(c, cx, 'instances[0].prompt is required'); return true; }
        if ('seed' in params) { bad(c, cx, 'seed is not supported by the Gemini API'); return true; }
        if (params.durationSeconds !== undefined && ![4, 6, 8].includes(params.durationSeconds)) { bad(c, cx, `durationSeconds must be 4, 6 or 8, got ${params.durationSeconds}`); return true; }
        if (params.aspectRatio !== undefined && !['16:9', '9:16'].includes(params.aspectRatio)) { bad(c, cx, `aspectRatio ${params.aspectRatio} is not supported`); return true; }
        const refs = instance.referenceImages ?? [];
        if (refs.length > 3) { bad(c, cx, 'at most 3 reference images'); return true; }
        if (refs.length > 0 && (instance.image || instance.lastFrame)) { bad(c, cx, 'referenceImages cannot be combined with image or lastFrame'); return true; }
        for (const i of [instance.image, instance.lastFrame, ...refs.map((r) => r.image)]) {
          if (i && (!i.bytesBase64Encoded || !i.mimeType?.startsWith('image/'))) { bad(c, cx, 'images need bytesBase64Encoded and an image mimeType'); return true; }
        }
        const [w, h] = params.aspectRatio === '9:16' ? [720, 1280] : [1280, 720];
        const id = newId('');
        const key = cx.key || id;
        bodies.push({ key, model: create[1]!, instance, parameters: params });
        c.recordCreate(key, { id, key, model: create[1]!, input: { instance, parameters: params }, width: w, height: h, seconds: params.durationSeconds ?? 8, fps: 24, seed: 0 });
        cx.log.jobId = id;
        if (c.faultAfterCreate(cx)) return true;
        c.json(cx, 200, { name: `models/${create[1]}/operations/${id}` });
        return true;
      }
      const op = /^models\/[^/]+\/operations\/([^/:]+)(:cancel)?$/.exec(rest);
      if (!op) return false;
      const job = c.jobs.get(op[1]!);
      cx.log.jobId = op[1];
      if (op[2] && m === 'POST') {
        cx.log.op = 'cancel';
        c.cancelled(op[1]!);
        if (c.fault('cancel', cx)) return true;
        if (!job) { c.json(cx, 404, { error: { code: 404, message: 'not found', status: 'NOT_FOUND' } }); return true; }
        if (job.state === 'queued' || job.state === 'running') job.state = 'canceled';
        c.json(cx, 200, {});
        return true;
      }
      if (m === 'GET') {
        cx.log.op = 'poll';
        if (c.fault('poll', cx)) return true;
        if (!job) { c.json(cx, 404, { error: { code: 404, message: 'operation not found', status: 'NOT_FOUND' } }); return true; }
        c.json(cx, 200, operation(c.advance(job), c.url));
        return true;
      }
      return false;
    },
  ], 'google');
  return Object.assign(core, { baseUrl: core.url, bodies }) as FakeGoogle;
}
