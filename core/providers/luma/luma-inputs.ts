/**
 * Luma Dream Machine (`lumaai`, ray-2) request bodies: keyframes frame0/frame1 as image URLs,
 * duration "5s" | "9s", aspect ratio and resolution from the generated size; no seed field exists.
 * Pure, so the mapping is unit-tested.
 */
import { InputError } from '../../domain/errors.ts';
import type { GenerationRequest } from '../adapter.ts';
import { pickDuration } from '../remote/pick-duration.ts';

export const LUMA_VIDEO_MODELS = ['ray-2', 'ray-flash-2'] as const;
const ASPECTS = ['1:1', '16:9', '9:16', '4:3', '3:4', '21:9', '9:21'] as const;
type Aspect = (typeof ASPECTS)[number];

export interface LumaBody {
  model: 'ray-2' | 'ray-flash-2';
  prompt: string;
  aspect_ratio: Aspect;
  duration: '5s' | '9s';
  resolution: '540p' | '720p' | '1080p';
  keyframes: { frame0: { type: 'image'; url: string } | { type: 'generation'; id: string }; frame1?: { type: 'image'; url: string } };
}

/** The Luma generation a request extends (`extra.extendFrom`), or undefined. */
export function extendFromOf(req: GenerationRequest): string | undefined {
  const v = req.extra?.extendFrom;
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function frame0(req: GenerationRequest, url: string | undefined): LumaBody['keyframes']['frame0'] {
  const id = extendFromOf(req);
  if (id) return { type: 'generation', id };
  if (!url) throw new InputError(`Luma ${req.model} needs a start image or a generation to extend (keyframes.frame0); the request has neither`, 'startImage', undefined);
  return { type: 'image', url };
}

function aspectOf(w: number, h: number): Aspect {
  const r = w / h;
  return ASPECTS.reduce((best, a) => {
    const [x, y] = a.split(':').map(Number) as [number, number];
    const [bx, by] = best.split(':').map(Number) as [number, number];
    return Math.abs(Math.log(x / y / r)) < Math.abs(Math.log(bx / by / r)) ? a : best;
  }, '16:9' as Aspect);
}

/**
 * The JSON body of `POST /generations/video`. URLs are the hosted start (and end) images; with
 * `extra.extendFrom` (a Luma generation id) frame0 is that generation: Luma extends its own clip
 * instead of starting from an uploaded still (no image host needed for frame0).
 */
export function buildLumaBody(req: GenerationRequest, urls: { start?: string; end?: string }): LumaBody {
  if (!(LUMA_VIDEO_MODELS as readonly string[]).includes(req.model)) {
    throw new InputError(`Luma model ${JSON.stringify(req.model)} has no input mapping; supported: ${LUMA_VIDEO_MODELS.join(', ')}`, 'model', req.model);
  }
  const short = Math.min(req.width, req.height);
  return {
    model: req.model as LumaBody['model'], prompt: req.prompt, aspect_ratio: aspectOf(req.width, req.height),
    duration: `${pickDuration(req.seconds, [5, 9])}s` as LumaBody['duration'],
    resolution: short >= 1080 ? '1080p' : short >= 720 ? '720p' : '540p',
    keyframes: { frame0: frame0(req, urls.start), ...(urls.end ? { frame1: { type: 'image' as const, url: urls.end } } : {}) },
  };
}

export interface LumaModifyBody {
  generation_type: 'modify_video';
  model: 'ray-2' | 'ray-flash-2';
  media: { url: string };
  /** adhere_1: the closest to the source (one declared change, the rest kept). */
  mode: 'adhere_1';
  prompt: string;
  first_frame?: { url: string };
}

/**
 * The body of `POST /generations/video/modify` (issue 11): the hosted anchor clip, the one-change
 * instruction, and the anchor frame with the change applied as `first_frame` when there is one.
 */
export function buildLumaModifyBody(req: GenerationRequest, urls: { video: string; firstFrame?: string }): LumaModifyBody {
  if (!(LUMA_VIDEO_MODELS as readonly string[]).includes(req.model)) {
    throw new InputError(`Luma model ${JSON.stringify(req.model)} has no modify mapping; supported: ${LUMA_VIDEO_MODELS.join(', ')}`, 'model', req.model);
  }
  return {
    generation_type: 'modify_video', model: req.model as LumaModifyBody['model'], media: { url: urls.video }, mode: 'adhere_1', prompt: req.prompt,
    ...(urls.firstFrame ? { first_frame: { url: urls.firstFrame } } : {}),
  };
}
