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
