/**
 * OpenAI `/v1/videos` protocol adapter (openai SDK ≥ 6.2). OpenAI shut Sora 2 and the Videos API
 * down on 2026-09-24 (gating refuses the retired default); this stays for compatible endpoints
 * set in OPENAI_BASE_URL. Multipart create with `input_reference` letterboxed to EXACTLY the
 * requested size (the protocol answers 400 otherwise), poll, download content, remix.
 *
 * Retries: the SDK retries 408/409/429/5xx twice by default and sends no idempotency key, so a
 * timed-out create could bill twice: the client runs with `maxRetries: 0` everywhere and a
 * guarded fetch; the job runner owns backoff for polls and downloads.
 */
import OpenAI, { toFile } from 'openai';
import { InputError } from '../../domain/errors.ts';
import type { CreateContext, GenerationRequest, PollResult, ProviderAdapter, ReconcileHint } from '../adapter.ts';
import { resolveBaseUrl, resolveKey, type KeySources } from '../keys.ts';
import { rangeHeader, saveResponseBody } from '../remote/download-to-file.ts';
import { createGuardedFetch, toProviderError } from '../remote/guarded-fetch.ts';
import { prepareImage } from '../remote/prepare-image.ts';
import { pickDuration } from '../remote/pick-duration.ts';

export const VIDEO_SIZES = ['1280x720', '720x1280', '1024x1792', '1792x1024'] as const;
type VideoSize = (typeof VIDEO_SIZES)[number];

export interface OpenAIVideosOptions extends KeySources {
  /** Overrides OPENAI_BASE_URL. */
  baseUrl?: string;
  pollIntervalMs?: number;
  fetchImpl?: typeof fetch;
}

/** Body fields of a create, minus the file (what reconcile matches on). */
export function videoCreateFields(req: GenerationRequest): { prompt: string; model: string; seconds: '4' | '8' | '12'; size: VideoSize } {
  const size = `${req.width}x${req.height}`;
  if (!(VIDEO_SIZES as readonly string[]).includes(size)) {
    throw new InputError(`the /v1/videos protocol makes ${VIDEO_SIZES.join(', ')}; the batch asks for ${size}. Pick one of those sizes or let conform scale locally.`, 'size', size);
  }
  return { prompt: req.prompt, model: req.model, seconds: String(pickDuration(req.seconds, [4, 8, 12])) as '4' | '8' | '12', size: size as VideoSize };
}

/** Create the adapter. Throws InputError without a key. */
export function createOpenAIVideosAdapter(opts: OpenAIVideosOptions = {}): ProviderAdapter {
  const apiKey = resolveKey('openai', opts);
  if (!apiKey) throw new InputError('the OpenAI videos protocol needs a key: set OPENAI_API_KEY (or add it in Settings → Providers).', 'OPENAI_API_KEY', undefined);
  const baseURL = opts.baseUrl ?? resolveBaseUrl('openai', opts.env);
  const client = new OpenAI({
    apiKey, ...(baseURL ? { baseURL } : {}), maxRetries: 0, timeout: 120_000,
    fetch: createGuardedFetch({ provider: 'openai', mode: 'throw', fetchImpl: opts.fetchImpl }),
  });
  const fail = (err: unknown) => toProviderError(err, 'openai');

  return {
    provider: 'openai',
    pollIntervalMs: opts.pollIntervalMs ?? 10_000,

    async create(req: GenerationRequest, ctx: CreateContext) {
      const remixFrom = typeof req.extra?.remixFrom === 'string' ? req.extra.remixFrom : null;
      try {
        if (remixFrom) {
          ctx.onPayload?.({ remixFrom, prompt: req.prompt });
          const v = await client.videos.remix(remixFrom, { prompt: req.prompt }, { headers: { 'Idempotency-Key': ctx.idempotencyKey }, signal: ctx.signal, maxRetries: 0 });
          return { remoteId: v.id, raw: v };
        }
        const fields = videoCreateFields(req);
        let input_reference;
        let refSha: string | null = null;
        if (req.startImage) {
          const img = await prepareImage(req.startImage, { fit: 'letterbox', width: req.width, height: req.height, format: 'jpeg' });
          refSha = img.sha256;
          input_reference = await toFile(img.buffer, 'input_reference.jpg', { type: img.contentType });
        }
        ctx.onPayload?.({ ...fields, inputReferenceSha256: refSha });
        const v = await client.videos.create({ ...fields, ...(input_reference ? { input_reference } : {}) }, {
          headers: { 'Idempotency-Key': ctx.idempotencyKey }, signal: ctx.signal, maxRetries: 0,
        });
        return { remoteId: v.id, raw: v };
      } catch (err) { throw fail(err); }
    },

    async poll(remoteId, { signal }): Promise<PollResult> {
      let v;
      try { v = await client.videos.retrieve(remoteId, { signal }); } catch (err) { throw fail(err); }
      const progress = typeof v.progress === 'number' ? v.progress / 100 : undefined;
      switch (v.status) {
        case 'queued': return { state: 'queued', progress };
        case 'in_progress': return { state: 'running', progress };
        case 'completed': return { state: 'succeeded', progress: 1, outputUrl: `${client.baseURL.replace(/\/$/, '')}/videos/${v.id}/content?variant=video`, seedReturned: null };
        case 'failed': return { state: 'failed', error: { code: v.error?.code ?? 'openai_failed', message: v.error?.message ?? 'the video job failed', retryable: false } };
        default: return { state: 'failed', error: { code: 'openai_unknown_status', message: `unknown status ${JSON.stringify(v.status)}`, retryable: false } };
      }
    },

    async download(remoteId, _outputUrl, destPath, { signal, offset }) {
      try {
        const res = await client.videos.downloadContent(remoteId, { variant: 'video' }, { signal, headers: rangeHeader(offset) });
        await saveResponseBody('openai', res, destPath, offset ?? 0, signal);
      } catch (err) { throw fail(err); }
    },

    async cancel(remoteId) {
      // The protocol has no cancel; DELETE stops a queued job and removes it.
      try { await client.videos.delete(remoteId); } catch (err) { throw fail(err); }
    },

    async reconcile(_key: string, hint: ReconcileHint) {
      const p = hint.payload as { prompt?: string; model?: string; size?: string; seconds?: string; remixFrom?: string } | null;
      if (!p?.prompt) throw new InputError('no recorded OpenAI payload to reconcile with', 'payload', hint.payload);
      const since = Math.floor(hint.since.getTime() / 1000) - 300;
      const matches: string[] = [];
      try {
        for await (const v of client.videos.list({ order: 'desc', limit: 100 }, { signal: hint.signal })) {
          if (v.created_at < since) break;
          if (hint.exclude.has(v.id) || v.prompt !== p.prompt) continue;
          const same = p.remixFrom ? v.remixed_from_video_id === p.remixFrom : v.model === p.model && v.size === p.size && String(v.seconds) === p.seconds;
          if (same) matches.push(v.id);
        }
      } catch (err) { throw fail(err); }
      if (matches.length > 1) throw new InputError(`${matches.length} videos match this take's create; cannot tell which is ours`, 'payload', p.prompt);
      return matches[0] ?? null;
    },
  };
}
