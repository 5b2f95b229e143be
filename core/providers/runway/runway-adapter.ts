/**
 * Runway adapter (@runwayml/sdk): gen4.5 / gen4_turbo image_to_video with a seed, aleph2
 * video_to_video edits (issue 11: the anchor clip + the one-change instruction + the changed
 * frame as a keyframe, seed), gen4_image keyframes with tagged references; GET task poll, DELETE
 * task cancel (PROVIDERS.md "Runway"). Images and the source video go as base64 data URIs
 * (≤ 5 MB; images letterboxed to the generated ratio and re-encoded to fit).
 *
 * Retries: the SDK retries 408/409/429/5xx twice by default and sends no idempotency key, so the
 * client runs with `maxRetries: 0` and a guarded fetch (one attempt per call; the job runner owns
 * backoff and Retry-After). Runway has no task list, so an unknown create outcome cannot be
 * reconciled: the job waits for a person's decision instead of being sent again.
 * Base URL: CONTINUITY_RUNWAY_BASE_URL (the SDK's own RUNWAYML_BASE_URL is not read: one name).
 */
import RunwayML from '@runwayml/sdk';
import { InputError } from '../../domain/errors.ts';
import { ProviderError, type CreateContext, type GenerationRequest, type PollResult, type ProviderAdapter } from '../adapter.ts';
import { resolveBaseUrl, resolveKey, type KeySources } from '../keys.ts';
import { downloadToFile } from '../remote/download-to-file.ts';
import { createGuardedFetch, toProviderError } from '../remote/guarded-fetch.ts';
import { prepareImage } from '../remote/prepare-image.ts';
import { describeVideo, prepareVideo } from '../remote/prepare-video.ts';
import { buildRunwayBody, buildRunwayEditBody, buildRunwayImageBody, RUNWAY_IMAGE_MAX_BYTES } from './runway-inputs.ts';

export interface RunwayAdapterOptions extends KeySources {
  /** Overrides CONTINUITY_RUNWAY_BASE_URL. */
  baseUrl?: string;
  pollIntervalMs?: number;
  fetchImpl?: typeof fetch;
}

interface RunwayTask {
  id: string;
  status: 'PENDING' | 'THROTTLED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  progress?: number;
  output?: string[];
  failure?: string;
  failureCode?: string;
}

/** What a Runway task status means for the job runner. Pure. */
export function runwayPollResult(t: RunwayTask): PollResult {
  switch (t.status) {
    case 'PENDING': case 'THROTTLED': return { state: 'queued', progress: 0 };
    case 'RUNNING': return { state: 'running', progress: typeof t.progress === 'number' ? t.progress : undefined };
    case 'SUCCEEDED': {
      const url = t.output?.[0];
      if (!url) return { state: 'failed', error: { code: 'runway_no_output', message: 'Runway reported SUCCEEDED without an output URL', retryable: false } };
      return { state: 'succeeded', progress: 1, outputUrl: url, seedReturned: null };
    }
    case 'CANCELLED': return { state: 'canceled' };
    case 'FAILED': {
      const code = t.failureCode ?? 'UNKNOWN';
      // SAFETY.* is the moderation system refusing the input or output: the same request fails again.
      // Only INTERNAL.* (Runway's own failure) may succeed on another take.
      const retryable = code.startsWith('INTERNAL');
      const why = code.startsWith('SAFETY') ? ' (refused by Runway moderation: not retryable; change the prompt or the start image)' : '';
      return { state: 'failed', error: { code: `runway_${code}`, message: `${t.failure ?? 'task failed'} [${code}]${why}`, retryable } };
    }
    default: return { state: 'failed', error: { code: 'runway_unknown_status', message: `unknown task status ${JSON.stringify((t as { status: unknown }).status)}`, retryable: false } };
  }
}

/** Create the adapter. Throws InputError without a key. */
export function createRunwayAdapter(opts: RunwayAdapterOptions = {}): ProviderAdapter {
  const apiKey = resolveKey('runway', opts);
  if (!apiKey) throw new InputError('Runway needs a key: set RUNWAYML_API_SECRET (or add it in Settings → Providers).', 'RUNWAYML_API_SECRET', undefined);
  const baseURL = opts.baseUrl ?? resolveBaseUrl('runway', opts.env);
  const client = (headers?: Record<string, string>) => new RunwayML({
    apiKey, ...(baseURL ? { baseURL } : { baseURL: 'https://api.dev.runwayml.com' }), maxRetries: 0, timeout: 120_000,
    fetch: createGuardedFetch({ provider: 'runway', mode: 'throw', headers, fetchImpl: opts.fetchImpl }),
  });
  const shared = client();
  const fail = (err: unknown) => toProviderError(err, 'runway');

  return {
    provider: 'runway',
    // Runway asks for ≥ 5 s between polls (its SDK waits 6 s ± jitter).
    pollIntervalMs: opts.pollIntervalMs ?? 6000,

    async create(req: GenerationRequest, ctx: CreateContext) {
      const asDataUri = async (path: string, fit: 'letterbox' | 'inside') => {
        const img = await prepareImage(path, { fit, width: req.width, height: req.height, maxBytes: RUNWAY_IMAGE_MAX_BYTES });
        return { uri: `data:${img.contentType};base64,${img.buffer.toString('base64')}`, what: `sha256:${img.sha256} (${img.contentType}, ${img.width}x${img.height}, ${img.buffer.length} bytes as a data URI)` };
      };
      const send = async (call: (c: RunwayML) => Promise<{ id: string }>) => {
        try {
          const res = await call(client({ 'Idempotency-Key': ctx.idempotencyKey }));
          return { remoteId: res.id, raw: res };
        } catch (err) { throw fail(err); }
      };
      if (req.model === 'aleph2') {
        if (!req.sourceVideo) throw new InputError('Runway aleph2 edits a video; the request has no source video', 'sourceVideo', undefined);
        const video = await prepareVideo(req.sourceVideo, RUNWAY_IMAGE_MAX_BYTES, 'Runway (data URI ≤ 5 MB)');
        const keyframe = req.startImage ? await asDataUri(req.startImage, 'letterbox') : undefined;
        const body = buildRunwayEditBody(req, `data:video/mp4;base64,${video.buffer.toString('base64')}`, keyframe?.uri);
        // The recorded payload names the video and keyframe by hash, not by megabytes of base64.
        ctx.onPayload?.({ ...body, videoUri: describeVideo(video, 'as a data URI'), ...(keyframe ? { keyframes: [{ at: 0, uri: keyframe.what }] } : {}) });
        return send((c) => c.videoToVideo.create(body, { signal: ctx.signal, maxRetries: 0 }));
      }
      if (req.model === 'gen4_image') {
        const refs: Array<{ uri: string; what: string }> = [];
        for (const r of (req.referenceImages ?? []).slice(0, 3)) refs.push(await asDataUri(r, 'inside'));
        const kind = req.extra?.keyframeKind === 'identity' ? 'identity' : 'style';
        const body = buildRunwayImageBody(req, refs.map((r) => r.uri), kind);
        ctx.onPayload?.({ ...body, referenceImages: body.referenceImages.map((r, i) => ({ tag: r.tag, uri: refs[i]!.what })) });
        return send((c) => c.textToImage.create(body, { signal: ctx.signal, maxRetries: 0 }));
      }
      if (!req.startImage) throw new InputError(`Runway ${req.model} needs a start image (promptImage); the request has none`, 'startImage', undefined);
      const img = await asDataUri(req.startImage, 'letterbox');
      const body = buildRunwayBody(req, img.uri);
      // The payload recorded for the take names the image by hash, not by its 5 MB of base64.
      ctx.onPayload?.({ ...body, promptImage: img.what });
      return send((c) => c.imageToVideo.create(body, { signal: ctx.signal, maxRetries: 0 }));
    },

    async poll(remoteId, { signal }): Promise<PollResult> {
      let t: RunwayTask;
      try { t = await shared.tasks.retrieve(remoteId, { signal }) as RunwayTask; } catch (err) { throw fail(err); }
      return runwayPollResult(t);
    },

    async download(_remoteId, outputUrl, destPath, { signal }) {
      await downloadToFile({ provider: 'runway', url: outputUrl, destPath, signal, fetchImpl: opts.fetchImpl });
    },

    async cancel(remoteId) {
      try { await shared.tasks.delete(remoteId); } catch (err) {
        const pe = fail(err);
        // 404: the task is gone (finished and cleaned up): nothing left to stop.
        if (pe instanceof ProviderError && pe.status === 404) return;
        throw pe;
      }
    },
  };
}
