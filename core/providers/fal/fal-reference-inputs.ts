/**
 * fal inputs for the reference-to-video and video-edit endpoints (PROVIDERS.md 2026-11-29): Kling
 * O1/O3 (`image_urls` named @Image1…, `elements` named @Element1: a frontal image plus angle
 * refs), Seedance 2.0 (`image_urls` ≤ 9), Wan 2.7 (`reference_image_urls` ≈ 5, seed) and the Kling
 * O1 video edit (`video_url` + prompt). Pure, so the mapping is unit-tested. References arrive
 * ordered by role priority (the pipeline's reference-budget.ts); the prompt names each one, so
 * the model knows what an image is for.
 */
import { InputError } from '../../domain/errors.ts';
import type { GenerationRequest } from '../adapter.ts';
import { pickDuration } from '../remote/pick-duration.ts';

/** Uploaded URLs by role, made by the adapter before the input is built. */
export interface FalRefUrls { start?: string; end?: string; references: string[]; video?: string }

export const FAL_REFERENCE_MODELS = [
  'fal-ai/kling-video/o1/reference-to-video', 'fal-ai/kling-video/o3/pro/reference-to-video',
  'bytedance/seedance-2.0/reference-to-video', 'fal-ai/wan/v2.7/reference-to-video', 'fal-ai/kling-video/o1/video-to-video/edit',
] as const;

const KLING_MAX_IMAGES = 7;
const KLING_MAX_WITH_VIDEO = 4;

function aspect(req: GenerationRequest): '16:9' | '9:16' | '1:1' {
  if (req.width === req.height) return '1:1';
  return req.width > req.height ? '16:9' : '9:16';
}

function resolution(req: GenerationRequest): '720p' | '1080p' {
  return Math.min(req.width, req.height) > 720 ? '1080p' : '720p';
}

/**
 * Kling's split: the character references become ONE element (the first is its frontal image,
 * up to 3 more are angles); every other reference goes to `image_urls`. Within `max` images in all.
 */
export function klingReferences(urls: readonly string[], roles: readonly string[] | undefined, max: number): { elements: Array<{ frontal_image_url: string; reference_image_urls?: string[] }>; imageUrls: string[]; named: string[] } {
  const picked = urls.slice(0, max);
  const character = picked.filter((_, i) => roles?.[i] === 'character').slice(0, 4);
  const others = picked.filter((_, i) => roles?.[i] !== 'character');
  const elements = character.length > 0 ? [{ frontal_image_url: character[0]!, ...(character.length > 1 ? { reference_image_urls: character.slice(1) } : {}) }] : [];
  const named = [
    ...(elements.length ? ['@Element1 is the character'] : []),
    ...others.map((_, i) => `@Image${i + 1} is the look's ${roles?.[picked.indexOf(others[i]!)] ?? 'reference'} reference`),
  ];
  return { elements, imageUrls: others, named };
}

const withNames = (prompt: string, named: string[]) => (named.length ? `${prompt} (${named.join('; ')})` : prompt);

/** The JSON input for one of FAL_REFERENCE_MODELS, or undefined for another endpoint. */
export function buildFalReferenceInput(req: GenerationRequest, urls: FalRefUrls): Record<string, unknown> | undefined {
  const m = req.model;
  const refs = urls.references;
  const neg = req.negativePrompt ? { negative_prompt: req.negativePrompt } : {};
  if (m === 'fal-ai/kling-video/o1/video-to-video/edit') {
    if (!urls.video) throw new InputError(`${m} edits a video; the request has no source video`, 'sourceVideo', undefined);
    // Guidance first (the anchor frame with the change applied), then look references; ≤4 with a video.
    const images = [...(urls.start ? [urls.start] : []), ...refs].slice(0, KLING_MAX_WITH_VIDEO);
    const named = urls.start ? ['@Image1 is the first frame with the change applied'] : [];
    return { prompt: withNames(req.prompt, named), video_url: urls.video, ...(images.length ? { image_urls: images } : {}), keep_audio: false };
  }
  if (m === 'fal-ai/kling-video/o1/reference-to-video' || m === 'fal-ai/kling-video/o3/pro/reference-to-video') {
    const frames = m.includes('/o3/') ? [urls.start, urls.end].filter(Boolean).length : 0;
    const k = klingReferences(refs, req.referenceRoles, KLING_MAX_IMAGES - frames);
    if (k.elements.length === 0 && k.imageUrls.length === 0) throw new InputError(`${m} needs reference images; the request has none`, 'referenceImages', []);
    return {
      prompt: withNames(req.prompt, k.named), duration: String(pickDuration(req.seconds, [5, 10])), aspect_ratio: aspect(req),
      ...(k.imageUrls.length ? { image_urls: k.imageUrls } : {}), ...(k.elements.length ? { elements: k.elements } : {}),
      ...(m.includes('/o3/') && urls.start ? { start_image_url: urls.start } : {}), ...(m.includes('/o3/') && urls.end ? { end_image_url: urls.end } : {}),
      ...neg,
    };
  }
  if (m === 'bytedance/seedance-2.0/reference-to-video') {
    if (refs.length === 0) throw new InputError(`${m} needs 1–9 reference images; the request has none`, 'referenceImages', []);
    const images = refs.slice(0, 9);
    return {
      prompt: withNames(req.prompt, images.map((_, i) => `@Image${i + 1} is the look's ${req.referenceRoles?.[i] ?? 'reference'} reference`)),
      image_urls: images, duration: String(pickDuration(req.seconds, [5, 10])), aspect_ratio: aspect(req), resolution: resolution(req),
    };
  }
  if (m === 'fal-ai/wan/v2.7/reference-to-video') {
    if (refs.length === 0) throw new InputError(`${m} needs reference images; the request has none`, 'referenceImages', []);
    return {
      prompt: req.prompt, reference_image_urls: refs.slice(0, 5), duration: Math.min(10, Math.max(2, Math.ceil(req.seconds - 1e-9))),
      aspect_ratio: aspect(req), resolution: resolution(req), ...neg, ...(req.seed !== undefined ? { seed: req.seed } : {}),
    };
  }
  return undefined;
}
