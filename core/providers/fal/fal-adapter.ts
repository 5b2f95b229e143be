/**
 * fal adapter (@fal-ai/client): Veo 3.1 image-to-video / first-last-frame / reference-to-video,
 * Kling image + tail image, Kling O1/O3 / Seedance / Wan 2.7 reference-to-video, the Kling O1
 * video edit (issue 11), PuLID identity keyframes. Queue submit → status → result (PROVIDERS.md "fal").
 *
 * Retries: queue.submit hard-codes 3 retries (429/502/503/504 and connection resets) and ignores
 * `config.retry`, so the client gets a guarded fetch that makes one attempt and throws a
 * non-retryable error (remote/guarded-fetch.ts). Status and result fetches are single attempts
 * too; the job runner backs off with Retry-After instead.
 * Base URL: CONTINUITY_FAL_BASE_URL is used as fal's proxy (`proxyUrl`, `when: 'always'`): every
 * call goes there with the real target in `x-fal-target-url` (fal's server-proxy protocol).
 */
import { createFalClient, type FalClient } from '@fal-ai/client';
import { InputError } from '../../domain/errors.ts';
import { ProviderError, type CreateContext, type GenerationRequest, type PollResult, type ProviderAdapter, type ReconcileHint } from '../adapter.ts';
import { findModel } from '../registry.ts';
import { resolveBaseUrl, resolveKey, type KeySources } from '../keys.ts';
import { downloadToFile } from '../remote/download-to-file.ts';
import { createGuardedFetch, toProviderError } from '../remote/guarded-fetch.ts';
import { prepareImage } from '../remote/prepare-image.ts';
import { sameJson } from '../remote/same-json.ts';
import { describeVideo, prepareVideo } from '../remote/prepare-video.ts';
import { appIdOf, buildFalInput, decodeRemoteId, encodeRemoteId, type FalImageUrls } from './fal-inputs.ts';

export interface FalAdapterOptions extends KeySources {
  /** Overrides CONTINUITY_FAL_BASE_URL. */
  baseUrl?: string;
  pollIntervalMs?: number;
  fetchImpl?: typeof fetch;
}

const TRANSIENT = new Set([408, 409, 425, 429, 500, 502, 503, 504]);

/** Create the fal adapter. Throws InputError when no key is configured. */
export function createFalAdapter(opts: FalAdapterOptions = {}): ProviderAdapter {
  const credentials = resolveKey('fal', opts);
  if (!credentials) throw new InputError('fal needs a key: set FAL_KEY (or add it in Settings → Providers).', 'FAL_KEY', undefined);
  const baseUrl = opts.baseUrl ?? resolveBaseUrl('fal', opts.env);

  const client = (headers?: Record<string, string>): FalClient => createFalClient({
    credentials,
    suppressLocalCredentialsWarning: true,
    ...(baseUrl ? { proxyUrl: { url: baseUrl, when: 'always' as const } } : {}),
    fetch: createGuardedFetch({ provider: 'fal', mode: 'throw', headers, fetchImpl: opts.fetchImpl }),
  });
  const shared = client();

  async function upload(path: string, req: GenerationRequest, fit: 'letterbox' | 'inside'): Promise<string> {
    const model = findModel(req.model, 'fal');
    const img = await prepareImage(path, {
      fit, width: req.width, height: req.height,
      maxPixels: model?.inputLimits.maxPixels, maxBytes: model?.inputLimits.maxBytes,
    });
    return shared.storage.upload(new Blob([new Uint8Array(img.buffer)], { type: img.contentType }));
  }

  return {
    provider: 'fal',
    pollIntervalMs: opts.pollIntervalMs ?? 1000,

    async create(req: GenerationRequest, ctx: CreateContext) {
      try {
        const urls: FalImageUrls = { references: [] };
        // Video start/end frames are letterboxed to the batch's exact frame; face/subject references keep their aspect.
        if (req.startImage) urls.start = await upload(req.startImage, req, 'letterbox');
        if (req.endImage) urls.end = await upload(req.endImage, req, 'letterbox');
        for (const r of req.referenceImages ?? []) urls.references.push(await upload(r, req, 'inside'));
        let video: string | undefined;
        if (req.sourceVideo) {
          // An edit (issue 11): the anchor clip goes to the user's fal storage like the images.
          const v = await prepareVideo(req.sourceVideo, findModel(req.model, 'fal')?.inputLimits.maxBytes ?? 100 * 1024 * 1024, 'fal');
          urls.video = await shared.storage.upload(new Blob([new Uint8Array(v.buffer)], { type: v.contentType }));
          video = describeVideo(v, `uploaded to ${urls.video}`);
        }
        const input = buildFalInput(req, urls);
        ctx.onPayload?.({ endpoint: req.model, input, ...(video ? { sourceVideo: video } : {}) });
        const c = client({ 'Idempotency-Key': ctx.idempotencyKey });
        const res = await c.queue.submit(req.model, { input, abortSignal: ctx.signal });
        return { remoteId: encodeRemoteId(res.request_id, req.model), raw: res };
      } catch (err) {
        throw toProviderError(err, 'fal');
      }
    },

    async poll(remoteId, { signal }): Promise<PollResult> {
      const { requestId, endpoint } = decodeRemoteId(remoteId);
      let status;
      try {
        status = await shared.queue.status(endpoint, { requestId, logs: false, abortSignal: signal });
      } catch (err) { throw toProviderError(err, 'fal'); }
      if (status.status === 'IN_QUEUE') return { state: 'queued', progress: 0 };
      if (status.status === 'IN_PROGRESS') return { state: 'running' };
      try {
        const result = await shared.queue.result(endpoint, { requestId, abortSignal: signal });
        const data = result.data as { video?: { url?: string }; images?: Array<{ url?: string }>; seed?: unknown };
        const outputUrl = data.video?.url ?? data.images?.[0]?.url;
        const seedReturned = typeof data.seed === 'number' && Number.isInteger(data.seed) ? data.seed : null;
        if (!outputUrl) return { state: 'failed', error: { code: 'fal_no_output', message: 'fal completed the request without an output URL', retryable: false } };
        return { state: 'succeeded', progress: 1, outputUrl, seedReturned };
      } catch (err) {
        const pe = toProviderError(err, 'fal');
        // COMPLETED + an error on the result fetch is how fal reports a failed request.
        if (pe instanceof ProviderError && pe.status !== null && !TRANSIENT.has(pe.status)) {
          return { state: 'failed', error: { code: `fal_${pe.status}`, message: pe.message, retryable: false } };
        }
        throw pe;
      }
    },

    async download(_remoteId, outputUrl, destPath, { signal, offset }) {
      await downloadToFile({ provider: 'fal', url: outputUrl, destPath, signal, offset, fetchImpl: opts.fetchImpl });
    },

    async cancel(remoteId) {
      const { requestId, endpoint } = decodeRemoteId(remoteId);
      try {
        await shared.queue.cancel(endpoint, { requestId });
      } catch (err) {
        const pe = toProviderError(err, 'fal');
        // 400 ALREADY_COMPLETED: nothing left to stop.
        if (pe instanceof ProviderError && pe.status === 400) return;
        throw pe;
      }
    },

    async reconcile(_key: string, hint: ReconcileHint) {
      const payload = hint.payload as { endpoint?: string; input?: unknown } | null;
      if (!payload?.endpoint) throw new InputError('no recorded fal payload to reconcile with', 'payload', hint.payload);
      const f = createGuardedFetch({ provider: 'fal', mode: 'throw', fetchImpl: opts.fetchImpl });
      const matches: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 20; page++) {
        const q = new URLSearchParams({ endpoint_id: payload.endpoint, start: new Date(hint.since.getTime() - 5 * 60_000).toISOString(), expand: 'payloads', limit: '100' });
        if (cursor) q.set('cursor', cursor);
        const target = `https://api.fal.ai/v1/models/requests/by-endpoint?${q}`;
        const res = await f(baseUrl ?? target, {
          headers: { Authorization: `Key ${credentials}`, ...(baseUrl ? { 'x-fal-target-url': target } : {}) },
          signal: hint.signal,
        });
        const body = await res.json() as { items?: Array<{ request_id: string; json_input?: unknown }>; next_cursor?: string | null; has_more?: boolean };
        for (const it of body.items ?? []) {
          if (!hint.exclude.has(encodeRemoteId(it.request_id, payload.endpoint)) && sameJson(it.json_input, payload.input)) matches.push(it.request_id);
        }
        if (!body.has_more || !body.next_cursor) break;
        cursor = body.next_cursor;
      }
      if (matches.length > 1) throw new ProviderError({ provider: 'fal', status: null, message: `fal lists ${matches.length} requests matching this take's input; cannot tell which is ours` });
      return matches[0] ? encodeRemoteId(matches[0], payload.endpoint) : null;
    },
  };
}

export { appIdOf, sameJson };
