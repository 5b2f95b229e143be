/**
 * Replicate adapter (`replicate` SDK v1): IP-Adapter style keyframes and an image-to-video model
 * with a seed, each validated against the model's LIVE input schema before anything is paid.
 *
 * Retries: replicate-javascript retries POST on 429 and retries any thrown fetch error (a reset
 * after the server accepted a create would bill twice). The client gets a guarded fetch in
 * 'respond' mode: one network attempt, failures returned as a non-retried synthetic 499 that
 * carries the real status (remote/guarded-fetch.ts); the job runner does the backing off.
 */
import Replicate from 'replicate';
import { InputError } from '../../domain/errors.ts';
import type { CreateContext, GenerationRequest, PollResult, ProviderAdapter, ReconcileHint } from '../adapter.ts';
import { findModel } from '../registry.ts';
import { resolveBaseUrl, resolveKey, type KeySources } from '../keys.ts';
import { downloadToFile } from '../remote/download-to-file.ts';
import { createGuardedFetch, toProviderError } from '../remote/guarded-fetch.ts';
import { prepareImage } from '../remote/prepare-image.ts';
import { sameJson } from '../remote/same-json.ts';
import { field, inputSchemaOf, seedFromLogs, validateInput, type InputSchema } from './replicate-schema.ts';

export interface ReplicateAdapterOptions extends KeySources {
  /** Overrides CONTINUITY_REPLICATE_BASE_URL (…/v1). */
  baseUrl?: string;
  pollIntervalMs?: number;
  fetchImpl?: typeof fetch;
}

interface Prediction { id: string; status: string; output?: unknown; logs?: string | null; error?: unknown; input?: Record<string, unknown>; version?: string; created_at?: string }

/** Map a request onto the names this model version uses. */
export function buildReplicateInput(req: GenerationRequest, schema: InputSchema, images: { start?: string; references: string[] }): Record<string, unknown> {
  const input: Record<string, unknown> = { prompt: req.prompt };
  const set = (names: string[], value: unknown) => { const f = field(schema, names); if (f !== undefined && value !== undefined) input[f] = value; };
  if (req.negativePrompt) set(['negative_prompt'], req.negativePrompt);
  if (req.seed !== undefined) set(['seed'], req.seed);
  const style = images.references[0];
  if (style) {
    const f = field(schema, ['ip_adapter_image', 'image', 'style_image']);
    if (!f) throw new InputError(`Replicate model ${req.model} takes no reference image (schema: ${Object.keys(schema.properties).join(', ')}); pick another reference-image model`, 'model', req.model);
    input[f] = style;
    const strength = typeof req.extra?.styleStrength === 'number' ? req.extra.styleStrength : undefined;
    set(['ip_adapter_scale', 'scale'], strength);
    set(['width'], req.width);
    set(['height'], req.height);
    set(['num_outputs'], 1);
  }
  if (images.start) {
    const f = field(schema, ['image', 'start_image', 'input_image', 'first_frame_image']);
    if (!f) throw new InputError(`Replicate model ${req.model} takes no start image (schema: ${Object.keys(schema.properties).join(', ')})`, 'model', req.model);
    input[f] = images.start;
  }
  const { styleStrength: _s, ...extra } = req.extra ?? {};
  return { ...input, ...extra };
}

/** Create the adapter. Throws InputError without a token. */
export function createReplicateAdapter(opts: ReplicateAdapterOptions = {}): ProviderAdapter {
  const auth = resolveKey('replicate', opts);
  if (!auth) throw new InputError('Replicate needs a token: set REPLICATE_API_TOKEN (or add it in Settings → Providers).', 'REPLICATE_API_TOKEN', undefined);
  const baseUrl = opts.baseUrl ?? resolveBaseUrl('replicate', opts.env);
  const client = (headers?: Record<string, string>) => new Replicate({
    auth, ...(baseUrl ? { baseUrl } : {}), useFileOutput: false,
    fetch: createGuardedFetch({ provider: 'replicate', mode: 'respond', headers, fetchImpl: opts.fetchImpl }),
  });
  const shared = client();
  const fail = (err: unknown) => toProviderError(err, 'replicate');

  async function upload(path: string, req: GenerationRequest, fit: 'letterbox' | 'inside'): Promise<string> {
    const m = findModel(req.model, 'replicate');
    const img = await prepareImage(path, { fit, width: req.width, height: req.height, maxPixels: m?.inputLimits.maxPixels, maxBytes: m?.inputLimits.maxBytes });
    const file = await shared.files.create(new Blob([new Uint8Array(img.buffer)], { type: img.contentType }), { sha256: img.sha256 }) as { urls?: { get?: string } };
    if (!file.urls?.get) throw new InputError(`Replicate did not return a URL for the uploaded ${path}`, 'image', path);
    return file.urls.get;
  }

  return {
    provider: 'replicate',
    pollIntervalMs: opts.pollIntervalMs ?? 1000,

    async create(req: GenerationRequest, ctx: CreateContext) {
      try {
        const [owner, name] = req.model.split('/');
        if (!owner || !name) throw new InputError(`Replicate model ids are "owner/name", got ${JSON.stringify(req.model)}`, 'model', req.model);
        const model = await shared.models.get(owner, name, { signal: ctx.signal }) as { latest_version?: { id: string; openapi_schema?: unknown } };
        if (!model.latest_version) throw new InputError(`Replicate model ${req.model} has no published version; pick another model`, 'model', req.model);
        const schema = inputSchemaOf(req.model, model.latest_version.openapi_schema);
        const images = { start: req.startImage ? await upload(req.startImage, req, 'letterbox') : undefined, references: [] as string[] };
        for (const r of req.referenceImages ?? []) images.references.push(await upload(r, req, 'inside'));
        const input = buildReplicateInput(req, schema, images);
        validateInput(req.model, schema, input);
        const version = model.latest_version.id;
        ctx.onPayload?.({ model: req.model, version, input });
        const p = await client({ 'Idempotency-Key': ctx.idempotencyKey }).predictions.create({ version, input, signal: ctx.signal }) as Prediction;
        return { remoteId: p.id, raw: p };
      } catch (err) { throw fail(err); }
    },

    async poll(remoteId, { signal }): Promise<PollResult> {
      let p: Prediction;
      try { p = await shared.predictions.get(remoteId, { signal }) as Prediction; } catch (err) { throw fail(err); }
      switch (p.status) {
        case 'starting': return { state: 'queued', progress: 0 };
        case 'processing': return { state: 'running' };
        case 'succeeded': {
          const out = Array.isArray(p.output) ? p.output[0] : p.output;
          if (typeof out !== 'string') return { state: 'failed', error: { code: 'replicate_no_output', message: 'prediction succeeded without an output URL', retryable: false } };
          // Only a seed the model reported (Cog logs "Using seed: N"): echoing the seed we sent
          // would claim the provider confirmed it (issue 12 item 7).
          return { state: 'succeeded', progress: 1, outputUrl: out, seedReturned: seedFromLogs(p.logs) };
        }
        case 'canceled': return { state: 'canceled' };
        case 'failed': case 'aborted':
        default:
          return { state: 'failed', error: { code: `replicate_${p.status}`, message: typeof p.error === 'string' ? p.error : JSON.stringify(p.error ?? 'prediction failed'), retryable: false } };
      }
    },

    async download(_remoteId, outputUrl, destPath, { signal, offset }) {
      await downloadToFile({ provider: 'replicate', url: outputUrl, destPath, signal, offset, fetchImpl: opts.fetchImpl });
    },

    async cancel(remoteId) {
      try { await shared.predictions.cancel(remoteId); } catch (err) { throw fail(err); }
    },

    async reconcile(_key: string, hint: ReconcileHint) {
      const payload = hint.payload as { version?: string; input?: unknown } | null;
      if (!payload?.version) throw new InputError('no recorded Replicate payload to reconcile with', 'payload', hint.payload);
      const since = hint.since.getTime() - 5 * 60_000;
      const matches: string[] = [];
      try {
        let page = await shared.predictions.list({ signal: hint.signal }) as { results: Prediction[]; next?: string | null };
        for (let i = 0; i < 20; i++) {
          for (const p of page.results) {
            if (p.created_at && Date.parse(p.created_at) < since) continue;
            if (!hint.exclude.has(p.id) && p.version === payload.version && sameJson(p.input, payload.input)) matches.push(p.id);
          }
          if (!page.next) break;
          page = await (await shared.request(new URL(page.next), { method: 'GET', signal: hint.signal })).json() as typeof page;
        }
      } catch (err) { throw fail(err); }
      if (matches.length > 1) throw new InputError(`${matches.length} Replicate predictions match this take's input; cannot tell which is ours`, 'payload', payload.version);
      return matches[0] ?? null;
    },
  };
}
