/**
 * fal endpoint input builders (PROVIDERS.md "fal"): which fields each endpoint takes and how a
 * provider-neutral GenerationRequest maps onto them. Pure, so the mapping is unit-tested.
 */
import { InputError } from '../../domain/errors.ts';
import type { GenerationRequest } from '../adapter.ts';
import { pickDuration } from '../remote/pick-duration.ts';
import { buildFalReferenceInput, FAL_REFERENCE_MODELS, type FalRefUrls } from './fal-reference-inputs.ts';

/** Uploaded image (and source video) URLs by role, produced by the adapter before the input is built. */
export type FalImageUrls = FalRefUrls;

/** Model ids buildFalInput maps (adapter-coverage.ts gates on this list). */
export const FAL_MAPPED = [
  'fal-ai/veo3.1/image-to-video', 'fal-ai/veo3.1/first-last-frame-to-video', 'fal-ai/veo3.1/reference-to-video', 'fal-ai/veo3.1',
  'fal-ai/kling-video/v2.1/pro/image-to-video', 'fal-ai/flux-pulid', ...FAL_REFERENCE_MODELS,
] as const;

export { pickDuration };

function aspect(req: GenerationRequest): '16:9' | '9:16' | '1:1' {
  if (req.width === req.height) return '1:1';
  return req.width > req.height ? '16:9' : '9:16';
}

function resolution(req: GenerationRequest): '720p' | '1080p' {
  return Math.min(req.width, req.height) > 720 ? '1080p' : '720p';
}

const need = (url: string | undefined, field: string, model: string): string => {
  if (!url) throw new InputError(`${model} needs a ${field} image; the request has none`, field, undefined);
  return url;
};

/** Build the JSON input for one fal endpoint. `extra` is merged last (user overrides). */
export function buildFalInput(req: GenerationRequest, urls: FalImageUrls): Record<string, unknown> {
  const m = req.model;
  const neg = req.negativePrompt ? { negative_prompt: req.negativePrompt } : {};
  const seed = req.seed !== undefined ? { seed: req.seed } : {};
  let input: Record<string, unknown> | undefined = buildFalReferenceInput(req, urls);
  if (input) {
    // mapped by fal-reference-inputs.ts
  } else if (m === 'fal-ai/veo3.1/image-to-video') {
    input = { prompt: req.prompt, image_url: need(urls.start, 'start', m), duration: `${pickDuration(req.seconds, [4, 6, 8])}s`, resolution: resolution(req), aspect_ratio: aspect(req) === '9:16' ? '9:16' : '16:9', ...neg };
  } else if (m === 'fal-ai/veo3.1/first-last-frame-to-video') {
    input = { prompt: req.prompt, first_frame_url: need(urls.start, 'start', m), last_frame_url: need(urls.end ?? urls.start, 'end', m), duration: `${pickDuration(req.seconds, [4, 6, 8])}s`, resolution: resolution(req), aspect_ratio: aspect(req) === '9:16' ? '9:16' : '16:9', ...neg, ...seed };
  } else if (m === 'fal-ai/veo3.1/reference-to-video') {
    if (urls.references.length === 0) throw new InputError(`${m} needs 1–3 reference images; the request has none`, 'referenceImages', []);
    input = { prompt: req.prompt, image_urls: urls.references.slice(0, 3), duration: '8s', resolution: resolution(req), aspect_ratio: aspect(req) === '9:16' ? '9:16' : '16:9', ...neg };
  } else if (m === 'fal-ai/veo3.1') {
    input = { prompt: req.prompt, duration: `${pickDuration(req.seconds, [4, 6, 8])}s`, resolution: resolution(req), aspect_ratio: aspect(req) === '9:16' ? '9:16' : '16:9', ...neg, ...seed };
  } else if (m.startsWith('fal-ai/kling-video/')) {
    input = { prompt: req.prompt, image_url: need(urls.start, 'start', m), ...(urls.end ? { tail_image_url: urls.end } : {}), duration: String(pickDuration(req.seconds, [5, 10])), ...neg };
  } else if (m === 'fal-ai/flux-pulid') {
    input = { prompt: req.prompt, reference_image_url: need(urls.references[0] ?? urls.start, 'reference', m), image_size: { width: req.width, height: req.height }, ...neg, ...seed };
  } else {
    throw new InputError(`fal model ${JSON.stringify(m)} has no input mapping; supported: ${FAL_MAPPED.join(', ')}`, 'model', m);
  }
  return { ...input, ...(req.extra ?? {}) };
}

/** fal status/result URLs drop the endpoint's sub-path: `fal-ai/veo3.1/image-to-video` → `fal-ai/veo3.1`. */
export function appIdOf(endpoint: string): string {
  return endpoint.split('/').slice(0, 2).join('/');
}

/** Remote ids carry the endpoint (status needs it): `<request_id>@<endpoint>`. */
export function encodeRemoteId(requestId: string, endpoint: string): string { return `${requestId}@${endpoint}`; }
export function decodeRemoteId(remoteId: string): { requestId: string; endpoint: string } {
  const at = remoteId.indexOf('@');
  if (at <= 0) throw new InputError(`not a fal remote id: ${JSON.stringify(remoteId)}`, 'remoteId', remoteId);
  return { requestId: remoteId.slice(0, at), endpoint: remoteId.slice(at + 1) };
}
