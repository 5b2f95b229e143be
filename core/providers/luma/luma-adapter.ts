/**
 * Luma Dream Machine adapter (`lumaai`, ray-2): `POST /generations/video` with keyframes
 * frame0/frame1, edits by `POST /generations/video/modify` (issue 11), `GET /generations/{id}` poll, `DELETE /generations/{id}` as cancel (PROVIDERS.md
 * "Luma"). No seed: the API has no such field.
 *
 * Images: a keyframe is `{type: "image", url}` that Luma's servers fetch, and the SDK offers no
 * upload, so every start image needs a PUBLIC URL. Nothing is uploaded anywhere unless the user
 * chose an image host (CONTINUITY_LUMA_IMAGE_HOST=fal: their own fal storage); gating refuses
 * Luma without one and says so. Each payload records where the image went.
 *
 * Retries: the SDK retries 408/409/429/5xx twice by default with no idempotency key: the client
 * runs with `maxRetries: 0` and a guarded fetch; the job runner owns backoff. A create whose
 * outcome is unknown is looked up in `GET /generations` by its echoed request (reconcile).
 * Base URL: CONTINUITY_LUMA_BASE_URL (…/dream-machine/v1).
 */
import LumaAI from 'lumaai';
import { InputError } from '../../domain/errors.ts';
import { ProviderError, type CreateContext, type GenerationRequest, type PollResult, type ProviderAdapter, type ReconcileHint } from '../adapter.ts';
import { resolveBaseUrl, resolveKey, type KeySources } from '../keys.ts';
import { downloadToFile } from '../remote/download-to-file.ts';
import { createFalImageHost, type ImageHost } from '../remote/fal-image-host.ts';
import { createGuardedFetch, toProviderError } from '../remote/guarded-fetch.ts';
import { prepareImage } from '../remote/prepare-image.ts';
import { sameJson } from '../remote/same-json.ts';
import { imageHostChoice } from '../image-host.ts';
import { prepareVideo } from '../remote/prepare-video.ts';
import { buildLumaBody, buildLumaModifyBody, extendFromOf } from './luma-inputs.ts';

export interface LumaAdapterOptions extends KeySources {
  /** Overrides CONTINUITY_LUMA_BASE_URL. */
  baseUrl?: string;
  pollIntervalMs?: number;
  fetchImpl?: typeof fetch;
  /** Overrides the host chosen by CONTINUITY_LUMA_IMAGE_HOST (tests). */
  imageHost?: ImageHost;
}

interface LumaGeneration { id?: string; state?: 'queued' | 'dreaming' | 'completed' | 'failed'; failure_reason?: string; assets?: { video?: string } }

/** What a Luma generation state means for the job runner. Pure. */
export function lumaPollResult(g: LumaGeneration): PollResult {
  switch (g.state) {
    case 'queued': return { state: 'queued', progress: 0 };
    case 'dreaming': return { state: 'running' };
    case 'completed':
      if (!g.assets?.video) return { state: 'failed', error: { code: 'luma_no_output', message: 'Luma reported completed without a video URL', retryable: false } };
      return { state: 'succeeded', progress: 1, outputUrl: g.assets.video, seedReturned: null };
    case 'failed': return { state: 'failed', error: { code: 'luma_failed', message: g.failure_reason ?? 'generation failed (no reason given)', retryable: false } };
    default: return { state: 'failed', error: { code: 'luma_unknown_state', message: `unknown generation state ${JSON.stringify(g.state)}`, retryable: false } };
  }
}

/** Create the adapter. Throws InputError without a key or without an image host. */
export function createLumaAdapter(opts: LumaAdapterOptions = {}): ProviderAdapter {
  const authToken = resolveKey('luma', opts);
  if (!authToken) throw new InputError('Luma needs a key: set LUMAAI_API_KEY (or add it in Settings → Providers).', 'LUMAAI_API_KEY', undefined);
  let host = opts.imageHost;
  if (!host) {
    const choice = imageHostChoice('luma', opts.env ?? process.env, opts.store);
    if (!choice.ready) throw new InputError(choice.why, 'CONTINUITY_LUMA_IMAGE_HOST', choice.value);
    host = createFalImageHost({ env: opts.env, store: opts.store, fetchImpl: opts.fetchImpl });
  }
  const imageHost = host;
  const baseURL = opts.baseUrl ?? resolveBaseUrl('luma', opts.env);
  const client = (headers?: Record<string, string>) => new LumaAI({
    authToken, ...(baseURL ? { baseURL } : {}), maxRetries: 0, timeout: 120_000,
    fetch: createGuardedFetch({ provider: 'luma', mode: 'throw', headers, fetchImpl: opts.fetchImpl }),
  });
  const shared = client();
  const fail = (err: unknown) => toProviderError(err, 'luma');

  async function hosted(path: string, req: GenerationRequest): Promise<{ url: string; sha256: string }> {
    const img = await prepareImage(path, { fit: 'letterbox', width: req.width, height: req.height, maxBytes: 10 * 1024 * 1024 });
    return { url: await imageHost.upload(img.buffer, img.contentType), sha256: img.sha256 };
  }

  async function send(ctx: CreateContext, call: (c: LumaAI, opts: never) => Promise<{ id?: string }>) {
    try {
      const g = await call(client({ 'Idempotency-Key': ctx.idempotencyKey }), { signal: ctx.signal, maxRetries: 0 } as never);
      if (!g.id) throw new ProviderError({ provider: 'luma', status: null, message: 'Luma accepted the create but returned no generation id', outcomeUnknown: true });
      return { remoteId: g.id, raw: g };
    } catch (err) { throw fail(err); }
  }

  // An edit (issue 11): the anchor clip hosted like the keyframes, `POST /generations/video/modify`.
  async function modify(req: GenerationRequest, ctx: CreateContext) {
    let body;
    let media;
    try {
      const video = await prepareVideo(req.sourceVideo!, 100 * 1024 * 1024, 'Luma');
      const videoUrl = await imageHost.upload(video.buffer, video.contentType);
      const first = req.startImage ? await hosted(req.startImage, req) : undefined;
      body = buildLumaModifyBody(req, { video: videoUrl, firstFrame: first?.url });
      media = { host: imageHost.label, media: { sha256: video.sha256, url: videoUrl }, ...(first ? { first_frame: { sha256: first.sha256, url: first.url } } : {}) };
    } catch (err) { throw err instanceof InputError ? err : fail(err); }
    ctx.onPayload?.({ ...body, hostedImages: media });
    return send(ctx, (c, opts) => c.generations.video.modify(body, opts));
  }

  return {
    provider: 'luma',
    pollIntervalMs: opts.pollIntervalMs ?? 5000,

    async create(req: GenerationRequest, ctx: CreateContext) {
      if (req.sourceVideo) return modify(req, ctx);
      const extend = extendFromOf(req);
      if (!req.startImage && !extend) throw new InputError(`Luma ${req.model} needs a start image (keyframes.frame0); the request has none`, 'startImage', undefined);
      let body;
      let images;
      try {
        // Extending a Luma generation by id: frame0 is that generation, nothing to upload for it.
        const start = extend || !req.startImage ? undefined : await hosted(req.startImage, req);
        const end = req.endImage ? await hosted(req.endImage, req) : undefined;
        body = buildLumaBody(req, { start: start?.url, end: end?.url });
        images = { host: imageHost.label, frame0: start ? { sha256: start.sha256, url: start.url } : { extends: extend }, ...(end ? { frame1: { sha256: end.sha256, url: end.url } } : {}) };
      } catch (err) { throw err instanceof InputError ? err : fail(err); }
      ctx.onPayload?.({ ...body, hostedImages: images });
      return send(ctx, (c, opts) => c.generations.create(body, opts));
    },

    async poll(remoteId, { signal }): Promise<PollResult> {
      let g: LumaGeneration;
      try { g = await shared.generations.get(remoteId, { signal } as never) as LumaGeneration; } catch (err) { throw fail(err); }
      return lumaPollResult(g);
    },

    async download(_remoteId, outputUrl, destPath, { signal }) {
      await downloadToFile({ provider: 'luma', url: outputUrl, destPath, signal, fetchImpl: opts.fetchImpl });
    },

    async reconcile(_key: string, hint: ReconcileHint) {
      const sent = hint.payload as (Record<string, unknown> & { hostedImages?: unknown }) | null;
      if (!sent) throw new InputError('no recorded Luma payload to reconcile with', 'payload', hint.payload);
      const { hostedImages: _hosted, ...body } = sent;
      let list;
      try { list = await shared.generations.list({ limit: 100, offset: 0 }, { signal: hint.signal } as never); } catch (err) { throw fail(err); }
      const since = hint.since.getTime() - 5 * 60_000;
      const matches = (list.generations ?? []).filter((g) => g.id && !hint.exclude.has(g.id) && Date.parse(g.created_at ?? '') >= since
        && sameJson({ ...(g.request as Record<string, unknown> | undefined), generation_type: undefined }, { ...body, generation_type: undefined }));
      if (matches.length > 1) throw new ProviderError({ provider: 'luma', status: null, message: `Luma lists ${matches.length} generations matching this take's request; cannot tell which is ours` });
      return matches[0]?.id ?? null;
    },

    async cancel(remoteId) {
      // Dream Machine has no cancel; deleting the generation is the only way to stop it.
      try { await shared.generations.delete(remoteId); } catch (err) {
        const pe = fail(err);
        if (pe instanceof ProviderError && pe.status === 404) return;
        throw pe;
      }
    },
  };
}
