/**
 * Loopback fake of Replicate's HTTP API as replicate-javascript v1 sends it: model (with its
 * live `latest_version.openapi_schema`), files upload, predictions create / get / cancel / list,
 * and delivery URLs for outputs. Cog-style logs print "Using seed: N". Point the adapter at it
 * with CONTINUITY_REPLICATE_BASE_URL=<url>/v1.
 *
 * `andreasjansson/clip-features` answers `{inputs: "url\nurl"}` with `[{input, embedding[768]}]`
 * (not normalised) for images uploaded here, and `metrics.predict_time` as Replicate reports it.
 * The fake embedding is the image's coarse colour layout (an 8×8 grid of RGB plus an offset), so
 * the same picture embeds the same and a different one lower, as CLIP would rank them.
 */
import sharp from 'sharp';
import { newId, serveClip, startFakeCore, type FakeCore, type FakeJob } from './fake-core.ts';

export interface FakeReplicate extends FakeCore {
  baseUrl: string;
  /** IP-Adapter field names served by the schema: 'new' (ip_adapter_image/ip_adapter_scale) or 'old' (image/scale). */
  ipAdapterNames: 'new' | 'old';
  /** Cog prints "Using seed: N" in the logs; false: a model that reports no seed. */
  logsSeed: boolean;
  files: Map<string, Buffer>;
}

const CLIP = 'andreasjansson/clip-features';
const VERSIONS: Record<string, string> = { 'lucataco/ip-adapter-sdxl': 'a'.repeat(64), 'wan-video/wan-2.2-i2v-fast': 'b'.repeat(64), [CLIP]: 'c'.repeat(64) };
/** Seconds of GPU time the fake reports per CLIP prediction. */
export const FAKE_CLIP_PREDICT_SECONDS = 0.8;

async function fakeEmbedding(image: Buffer): Promise<number[]> {
  const { data } = await sharp(image).removeAlpha().resize(8, 8, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
  const v = Array.from(data, (x) => x / 255 - 0.5);
  while (v.length < 768) v.push(0.05);
  return v;
}

function schemaFor(model: string, names: 'new' | 'old') {
  const str = { type: 'string' };
  const uri = { type: 'string', format: 'uri' };
  const seed = { type: 'integer', minimum: -1, maximum: 2147483647 };
  const properties: Record<string, unknown> = model === 'lucataco/ip-adapter-sdxl'
    ? { prompt: str, negative_prompt: str, [names === 'new' ? 'ip_adapter_image' : 'image']: uri, [names === 'new' ? 'ip_adapter_scale' : 'scale']: { type: 'number', minimum: 0, maximum: 1 },
        width: { type: 'integer', minimum: 256, maximum: 2048 }, height: { type: 'integer', minimum: 256, maximum: 2048 }, num_outputs: { type: 'integer', minimum: 1, maximum: 4 }, seed }
    : model === CLIP ? { inputs: { type: 'string', description: 'Newline-separated inputs. Can either be strings of text or image URIs starting with http[s]://' } }
    : { prompt: str, negative_prompt: str, image: uri, seed, num_frames: { type: 'integer', minimum: 81, maximum: 121 }, resolution: { allOf: [{ $ref: '#/components/schemas/resolution' }] } };
  const required = model === 'lucataco/ip-adapter-sdxl' ? ['prompt', names === 'new' ? 'ip_adapter_image' : 'image'] : model === CLIP ? ['inputs'] : ['prompt', 'image'];
  return { openapi: '3.0.2', components: { schemas: { Input: { type: 'object', properties, required }, resolution: { type: 'string', enum: ['480p', '720p'] }, Output: { type: 'string', format: 'uri' } } } };
}

/** Start the fake. */
export async function startFakeReplicate(): Promise<FakeReplicate> {
  const files = new Map<string, Buffer>();
  const modelOf = new Map<string, string>();
  const clipOutputs = new Map<string, Array<{ input: string; embedding: number[] }>>();
  const prediction = (j: FakeJob) => {
    const status = j.state === 'queued' ? 'starting' : j.state === 'running' ? 'processing' : j.state;
    const image = modelOf.get(j.id) === 'lucataco/ip-adapter-sdxl';
    const clip = modelOf.get(j.id) === CLIP;
    const out = `${self.url}/replicate-delivery/${j.id}.${image ? 'png' : 'mp4'}`;
    return {
      id: j.id, model: modelOf.get(j.id), version: VERSIONS[modelOf.get(j.id) ?? ''], input: j.input, status,
      logs: j.state === 'queued' ? '' : `${self.logsSeed && !clip ? `Using seed: ${j.seed}\n` : ''}running…`, error: j.state === 'failed' ? 'CUDA out of memory (fake)' : null,
      output: j.state === 'succeeded' ? (clip ? clipOutputs.get(j.id) : image ? [out] : out) : null, created_at: new Date(j.createdAt).toISOString(),
      ...(j.state === 'succeeded' ? { metrics: { predict_time: clip ? FAKE_CLIP_PREDICT_SECONDS : 30 } } : {}),
      urls: { get: `${self.baseUrl}/predictions/${j.id}`, cancel: `${self.baseUrl}/predictions/${j.id}/cancel` },
    };
  };
  const core = await startFakeCore([
    async (cx, c) => {
      const p = cx.url.pathname;
      const m = cx.req.method ?? 'GET';
      if (p.startsWith('/replicate-delivery/')) { await serveClip(cx, c, c.jobs.get(p.split('/').pop()!.replace(/\.\w+$/, ''))); return true; }
      if (p.startsWith('/replicate-files/')) { const b = files.get(p.split('/').pop()!); cx.res.writeHead(b ? 200 : 404); cx.res.end(b); return true; }
      if (!p.startsWith('/v1/')) return false;
      if (!String(cx.req.headers.authorization ?? '').startsWith('Bearer ')) { c.json(cx, 401, { title: 'Unauthenticated', detail: 'You did not pass a valid authentication token', status: 401 }); return true; }
      const parts = p.split('/').filter(Boolean);
      if (parts[1] === 'models' && parts.length === 4 && m === 'GET') {
        cx.log.op = 'schema';
        if (c.fault('schema', cx)) return true;
        const model = `${parts[2]}/${parts[3]}`;
        if (!VERSIONS[model]) { c.json(cx, 404, { title: 'Not found', detail: `model ${model} not found`, status: 404 }); return true; }
        c.json(cx, 200, { owner: parts[2], name: parts[3], url: `https://replicate.com/${model}`, visibility: 'public',
          latest_version: { id: VERSIONS[model], created_at: '2025-01-01T00:00:00Z', cog_version: '0.9.0', openapi_schema: schemaFor(model, self.ipAdapterNames) } });
        return true;
      }
      if (p === '/v1/files' && m === 'POST') {
        cx.log.op = 'upload';
        if (c.fault('upload', cx)) return true;
        const form = await new Request('http://fake/', { method: 'POST', headers: cx.req.headers as Record<string, string>, body: new Uint8Array(cx.body) }).formData();
        const content = form.get('content');
        if (!(content instanceof Blob)) { c.json(cx, 400, { detail: 'content is required' }); return true; }
        const id = newId('file_');
        files.set(id, Buffer.from(await content.arrayBuffer()));
        c.json(cx, 201, { id, name: 'upload', content_type: content.type, size: content.size, urls: { get: `${c.url}/replicate-files/${id}` }, created_at: new Date().toISOString() });
        return true;
      }
      const isCreate = m === 'POST' && (p === '/v1/predictions' || (parts[1] === 'models' && parts[4] === 'predictions'));
      if (isCreate) {
        cx.log.op = 'create';
        if (c.faultBeforeCreate(cx)) return true;
        const body = JSON.parse(cx.body.toString('utf8')) as { version?: string; input?: Record<string, unknown> };
        const model = parts[1] === 'models' ? `${parts[2]}/${parts[3]}` : Object.keys(VERSIONS).find((k) => VERSIONS[k] === body.version);
        if (!model) { c.json(cx, 422, { title: 'Invalid version', detail: `version ${body.version} not found`, status: 422 }); return true; }
        const id = newId('');
        const input = body.input ?? {};
        const seed = typeof input.seed === 'number' && input.seed >= 0 ? input.seed : 7000 + Math.floor(Math.random() * 1000);
        modelOf.set(id, model);
        if (model === CLIP) {
          // Like the real model: each line is fetched by URL; only files uploaded here resolve.
          const lines = String(input.inputs ?? '').split('\n').filter(Boolean);
          const embeddings = [];
          for (const line of lines) {
            const file = files.get(line.split('/').pop() ?? '');
            if (!file) { c.json(cx, 422, { title: 'Invalid input', detail: `cannot fetch ${line}`, status: 422 }); return true; }
            embeddings.push({ input: line, embedding: await fakeEmbedding(file) });
          }
          clipOutputs.set(id, embeddings);
        }
        const job = c.recordCreate(cx.key || id, { id, key: cx.key || id, model, input, width: 160, height: 90, seconds: 5, fps: 16, seed });
        cx.log.jobId = id;
        if (c.faultAfterCreate(cx)) return true;
        c.json(cx, 201, prediction(job));
        return true;
      }
      if (p === '/v1/predictions' && m === 'GET') {
        cx.log.op = 'list';
        if (c.fault('list', cx)) return true;
        c.json(cx, 200, { next: null, previous: null, results: [...c.jobs.values()].sort((a, b) => b.createdAt - a.createdAt).map(prediction) });
        return true;
      }
      if (parts[1] === 'predictions' && parts[2]) {
        const job = c.jobs.get(parts[2]);
        cx.log.jobId = parts[2];
        if (parts[3] === 'cancel' && m === 'POST') {
          cx.log.op = 'cancel';
          c.cancelled(parts[2]);
          if (c.fault('cancel', cx)) return true;
          if (!job) { c.json(cx, 404, { detail: 'not found' }); return true; }
          if (job.state === 'queued' || job.state === 'running') job.state = 'canceled';
          c.json(cx, 200, prediction(job));
          return true;
        }
        cx.log.op = 'poll';
        if (c.fault('poll', cx)) return true;
        if (!job) { c.json(cx, 404, { title: 'Not found', detail: 'prediction not found', status: 404 }); return true; }
        c.json(cx, 200, prediction(c.advance(job)));
        return true;
      }
      return false;
    },
  ], 'replicate');
  const self: FakeReplicate = Object.assign(core, { baseUrl: `${core.url}/v1`, ipAdapterNames: 'new' as const, logsSeed: true, files }) as FakeReplicate;
  return self;
}
