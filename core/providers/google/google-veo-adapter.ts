/**
 * Google Veo through the Gemini API (`@google/genai` 2.x): `models.generateVideos` (REST
 * `POST /v1beta/models/{model}:predictLongRunning`), `operations.getVideosOperation` (GET the
 * operation) until `done`, then the video file downloaded from its URI with the key header
 * (PROVIDERS.md "Google Veo"). Inline image bytes, no upload. No seed on the Gemini API.
 *
 * Retries: the SDK retries only when `httpOptions.retryOptions` is set (it is not) and the client
 * gets a guarded fetch: one attempt per call, the job runner owns backoff.
 * Base URL: CONTINUITY_GOOGLE_BASE_URL (the SDK's httpOptions.baseUrl); key GEMINI_API_KEY.
 */
import { GenerateVideosOperation, GoogleGenAI, VideoGenerationReferenceType } from '@google/genai';
import { InputError } from '../../domain/errors.ts';
import { ProviderError, type CreateContext, type GenerationRequest, type PollResult, type ProviderAdapter } from '../adapter.ts';
import { resolveBaseUrl, resolveKey, type KeySources } from '../keys.ts';
import { downloadToFile } from '../remote/download-to-file.ts';
import { createGuardedFetch, toProviderError } from '../remote/guarded-fetch.ts';
import { prepareImage } from '../remote/prepare-image.ts';
import { buildVeoParams, type InlineImage } from './veo-inputs.ts';

export interface GoogleVeoOptions extends KeySources {
  /** Overrides CONTINUITY_GOOGLE_BASE_URL. */
  baseUrl?: string;
  pollIntervalMs?: number;
  fetchImpl?: typeof fetch;
}

interface VeoOperation {
  name?: string;
  done?: boolean;
  error?: { code?: number; message?: string; status?: string };
  response?: { generatedVideos?: Array<{ video?: { uri?: string } }>; raiMediaFilteredCount?: number; raiMediaFilteredReasons?: string[] };
}

/** What an operation means for the job runner. Pure. */
export function veoPollResult(op: VeoOperation): PollResult {
  if (!op.done) return { state: 'running' };
  if (op.error) return { state: 'failed', error: { code: `google_${op.error.status ?? op.error.code ?? 'error'}`, message: op.error.message ?? 'the operation failed', retryable: false } };
  const uri = op.response?.generatedVideos?.[0]?.video?.uri;
  if (!uri) {
    const filtered = op.response?.raiMediaFilteredReasons?.join('; ');
    return { state: 'failed', error: { code: filtered ? 'google_rai_filtered' : 'google_no_output', message: filtered ? `Veo filtered the output: ${filtered}` : 'the operation finished without a video', retryable: false } };
  }
  return { state: 'succeeded', progress: 1, outputUrl: uri, seedReturned: null };
}

/** Create the adapter. Throws InputError without a key. */
export function createGoogleVeoAdapter(opts: GoogleVeoOptions = {}): ProviderAdapter {
  const apiKey = resolveKey('google', opts);
  if (!apiKey) throw new InputError('Google Veo needs a Gemini API key: set GEMINI_API_KEY (or add it in Settings → Providers).', 'GEMINI_API_KEY', undefined);
  const baseUrl = opts.baseUrl ?? resolveBaseUrl('google', opts.env);
  const client = (headers?: Record<string, string>) => new GoogleGenAI({
    apiKey, vertexai: false,
    httpOptions: { ...(baseUrl ? { baseUrl } : {}), fetch: createGuardedFetch({ provider: 'google', mode: 'throw', headers, fetchImpl: opts.fetchImpl }) },
  });
  const shared = client();
  const fail = (err: unknown) => toProviderError(err, 'google');

  const inline = async (path: string, req: GenerationRequest, fit: 'letterbox' | 'inside'): Promise<InlineImage & { sha256: string }> => {
    const img = await prepareImage(path, { fit, width: req.width, height: req.height, maxBytes: 20 * 1024 * 1024, maxPixels: 3840 * 2160 });
    return { imageBytes: img.buffer.toString('base64'), mimeType: img.contentType, sha256: img.sha256 };
  };
  const strip = (i: InlineImage): InlineImage => ({ imageBytes: i.imageBytes, mimeType: i.mimeType });

  return {
    provider: 'google',
    // Google's own samples poll Veo operations every 10 s.
    pollIntervalMs: opts.pollIntervalMs ?? 10_000,

    async create(req: GenerationRequest, ctx: CreateContext) {
      const start = req.startImage ? await inline(req.startImage, req, 'letterbox') : undefined;
      const end = req.endImage ? await inline(req.endImage, req, 'letterbox') : undefined;
      const refs = [];
      for (const r of req.referenceImages ?? []) refs.push(await inline(r, req, 'inside'));
      if (!start && refs.length === 0) throw new InputError(`Veo ${req.model}: the request has neither a start image nor reference images`, 'startImage', undefined);
      const { params, notes } = buildVeoParams(req, { start: start && strip(start), end: end && strip(end), references: refs.map(strip) });
      const describe = (i: { sha256: string; mimeType: string } | undefined) => (i ? `sha256:${i.sha256} (${i.mimeType}, inline bytes)` : undefined);
      ctx.onPayload?.({
        model: params.model, prompt: params.source.prompt, config: { ...params.config, lastFrame: undefined, referenceImages: undefined },
        images: { start: params.source.image ? describe(start) : undefined, lastFrame: params.config.lastFrame ? describe(end) : undefined, references: params.config.referenceImages ? refs.map(describe) : [] },
        seed: 'not sent: the Gemini API rejects seed (Agent Platform only)', notes,
      });
      try {
        const op = await client({ 'Idempotency-Key': ctx.idempotencyKey }).models.generateVideos({
          ...params,
          config: { ...params.config, referenceImages: params.config.referenceImages?.map((r) => ({ image: r.image, referenceType: VideoGenerationReferenceType.ASSET })), abortSignal: ctx.signal },
        });
        if (!op.name) throw new ProviderError({ provider: 'google', status: null, message: 'Gemini accepted generateVideos but returned no operation name', outcomeUnknown: true });
        return { remoteId: op.name, raw: { name: op.name } };
      } catch (err) { throw fail(err); }
    },

    async poll(remoteId, { signal }): Promise<PollResult> {
      const operation = new GenerateVideosOperation();
      operation.name = remoteId;
      let op: VeoOperation;
      try { op = await shared.operations.getVideosOperation({ operation, config: { abortSignal: signal } }) as VeoOperation; } catch (err) { throw fail(err); }
      return veoPollResult(op);
    },

    async download(_remoteId, outputUrl, destPath, { signal }) {
      // The file URI needs the key (REST: GET {uri} with x-goog-api-key); the SDK's files.download
      // only understands https://generativelanguage URIs, so the transport is ours.
      await downloadToFile({ provider: 'google', url: outputUrl, destPath, signal, headers: { 'x-goog-api-key': apiKey }, fetchImpl: opts.fetchImpl });
    },

    async cancel(remoteId) {
      // Long-running operations answer `POST {name}:cancel`; Veo may not honour it (404/501: nothing to stop).
      const f = createGuardedFetch({ provider: 'google', mode: 'throw', fetchImpl: opts.fetchImpl });
      const base = (baseUrl ?? 'https://generativelanguage.googleapis.com').replace(/\/+$/, '');
      try {
        await f(`${base}/v1beta/${remoteId}:cancel`, { method: 'POST', headers: { 'x-goog-api-key': apiKey, 'content-type': 'application/json' }, body: '{}' });
      } catch (err) {
        if (err instanceof ProviderError && err.status !== null && [404, 405, 501].includes(err.status)) return;
        throw err;
      }
    },
  };
}
