/**
 * Runway image_to_video request bodies (PROVIDERS.md "Runway", @runwayml/sdk 4.x types): which
 * fields gen4.5 / gen4_turbo take and how a provider-neutral GenerationRequest maps onto them.
 * Pure, so the mapping is unit-tested; the adapter only adds the prepared data URI.
 */
import { InputError } from '../../domain/errors.ts';
import type { GenerationRequest } from '../adapter.ts';

/** Output ratios the SDK's Gen4_5 / Gen4Turbo types accept ("W:H" in pixels). */
export const RUNWAY_RATIOS = ['1280:720', '720:1280', '1104:832', '832:1104', '960:960', '1584:672'] as const;
export type RunwayRatio = (typeof RUNWAY_RATIOS)[number];

/** Runway's image-to-video models we map (registry ids). */
export const RUNWAY_VIDEO_MODELS = ['gen4.5', 'gen4_turbo'] as const;
/** Every Runway model the adapter maps: image-to-video, the aleph2 edit, gen4_image keyframes. */
export const RUNWAY_MAPPED = [...RUNWAY_VIDEO_MODELS, 'aleph2', 'gen4_image'] as const;

/** A data URI may be at most 5 MB (SDK docs); base64 grows bytes by 4/3, plus the header. */
export const RUNWAY_DATA_URI_MAX = 5 * 1024 * 1024;
export const RUNWAY_IMAGE_MAX_BYTES = Math.floor((RUNWAY_DATA_URI_MAX - 64) * 3 / 4);

/** The ratio for the size the conform plan chose (always one of the registry's Runway sizes). */
export function runwayRatio(width: number, height: number): RunwayRatio {
  const r = `${width}:${height}`;
  if (!(RUNWAY_RATIOS as readonly string[]).includes(r)) {
    throw new InputError(`Runway makes ${RUNWAY_RATIOS.join(', ')}; the request asks for ${width}x${height}`, 'size', `${width}x${height}`);
  }
  return r as RunwayRatio;
}

/** Whole seconds in 2–10, never shorter than asked (conform trims the rest locally). */
export function runwayDuration(seconds: number): number {
  return Math.min(10, Math.max(2, Math.ceil(seconds - 1e-9)));
}

export interface RunwayBody {
  model: 'gen4.5' | 'gen4_turbo';
  promptImage: string;
  promptText: string;
  ratio: RunwayRatio;
  duration: number;
  seed?: number;
}

/** The JSON body of `POST /v1/image_to_video`. `promptImage` is the prepared data URI. */
export function buildRunwayBody(req: GenerationRequest, promptImage: string): RunwayBody {
  if (!(RUNWAY_VIDEO_MODELS as readonly string[]).includes(req.model)) {
    throw new InputError(`Runway model ${JSON.stringify(req.model)} has no input mapping; supported: ${RUNWAY_VIDEO_MODELS.join(', ')}`, 'model', req.model);
  }
  const seed = req.seed !== undefined ? { seed: req.seed } : {};
  return {
    model: req.model as RunwayBody['model'], promptImage, promptText: req.prompt.slice(0, 1000),
    ratio: runwayRatio(req.width, req.height), duration: runwayDuration(req.seconds), ...seed,
  };
}

export interface RunwayEditBody {
  model: 'aleph2';
  videoUri: string;
  promptText: string;
  keyframes?: Array<{ at: number; uri: string }>;
  seed?: number;
}

/**
 * The body of `POST /v1/video_to_video` (aleph2): the anchor clip as `videoUri`, the one-change
 * instruction, and the anchor frame with the change applied as a keyframe at the start (`at: 0`).
 */
export function buildRunwayEditBody(req: GenerationRequest, videoUri: string, keyframeUri: string | undefined): RunwayEditBody {
  return {
    model: 'aleph2', videoUri, promptText: req.prompt.slice(0, 1000),
    ...(keyframeUri ? { keyframes: [{ at: 0, uri: keyframeUri }] } : {}),
    ...(req.seed !== undefined ? { seed: req.seed } : {}),
  };
}

/** gen4_image output ratios (the SDK's list) we generate at: the nearest aspect to the request. */
const GEN4_IMAGE_RATIOS = ['1920:1080', '1080:1920', '1280:720', '720:1280', '1024:1024'] as const;

export interface RunwayImageBody {
  model: 'gen4_image';
  promptText: string;
  ratio: (typeof GEN4_IMAGE_RATIOS)[number];
  referenceImages: Array<{ uri: string; tag: string }>;
  seed?: number;
}

/**
 * The body of `POST /v1/text_to_image` (gen4_image) for a keyframe: up to 3 tagged references,
 * each named `@tag` in the prompt so the model knows what to take from it: the first is the
 * keyframe's source (the character for an identity keyframe, the style image otherwise), the
 * second the look's colour anchor.
 */
export function buildRunwayImageBody(req: GenerationRequest, refUris: string[], kind: 'identity' | 'style'): RunwayImageBody {
  if (refUris.length === 0) throw new InputError('Runway gen4_image keyframes need a reference image; the request has none', 'referenceImages', []);
  const target = req.width / req.height;
  const ratio = GEN4_IMAGE_RATIOS.reduce((best, r) => {
    const [w, h] = r.split(':').map(Number) as [number, number];
    const [bw, bh] = best.split(':').map(Number) as [number, number];
    return Math.abs(Math.log(w / h / target)) < Math.abs(Math.log(bw / bh / target)) ? r : best;
  }, GEN4_IMAGE_RATIOS[0] as RunwayImageBody['ratio']);
  // Tags: 3–16 characters, a letter first, letters/digits/underscores (SDK docs).
  const tags = [kind === 'identity' ? 'character' : 'style_ref', 'look_ref', 'ref3'];
  const refs = refUris.slice(0, 3).map((uri, i) => ({ uri, tag: tags[i]! }));
  const lead = kind === 'identity' ? '@character is the person: keep their face and identity' : '@style_ref sets the look: palette, light, texture';
  const extra = [refs[1] ? '@look_ref sets the palette, light and texture' : '', refs[2] ? '@ref3 is a further reference' : ''].filter(Boolean).join('; ');
  return {
    model: 'gen4_image', promptText: `${lead}${extra ? `; ${extra}` : ''}. ${req.prompt}`.slice(0, 1000), ratio, referenceImages: refs,
    ...(req.seed !== undefined ? { seed: req.seed } : {}),
  };
}
