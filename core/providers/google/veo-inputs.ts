/**
 * Veo on the Gemini API (`@google/genai` generateVideos): source {prompt, image as inline bytes},
 * config {durationSeconds 4|6|8, aspectRatio, resolution, negativePrompt, lastFrame,
 * referenceImages ≤ 3 ASSET}. Never a seed: the SDK throws "seed parameter is only supported in
 * … Agent Platform mode" on the Gemini API. Pure, so the mapping is unit-tested.
 */
import type { GenerationRequest } from '../adapter.ts';
import { pickDuration } from '../remote/pick-duration.ts';

export interface InlineImage { imageBytes: string; mimeType: string }

export interface VeoParams {
  model: string;
  source: { prompt: string; image?: InlineImage };
  config: {
    numberOfVideos: 1;
    durationSeconds: 4 | 6 | 8;
    aspectRatio: '16:9' | '9:16';
    resolution: '720p' | '1080p';
    negativePrompt?: string;
    lastFrame?: InlineImage;
    referenceImages?: Array<{ image: InlineImage; referenceType: 'ASSET' }>;
  };
}

/**
 * Build generateVideos parameters. Reference images are not combinable with a start or last
 * frame on Veo 3.1: when references are sent, the start frame becomes the first reference.
 */
export function buildVeoParams(req: GenerationRequest, images: { start?: InlineImage; end?: InlineImage; references: InlineImage[] }): { params: VeoParams; notes: string[] } {
  const notes: string[] = [];
  const refs = images.references.slice(0, 3);
  if (images.references.length > 3) notes.push(`${images.references.length - 3} reference image(s) over Veo's limit of 3 left out`);
  const config: VeoParams['config'] = {
    numberOfVideos: 1,
    durationSeconds: pickDuration(req.seconds, [4, 6, 8]) as 4 | 6 | 8,
    aspectRatio: req.height > req.width ? '9:16' : '16:9',
    resolution: Math.min(req.width, req.height) >= 1080 ? '1080p' : '720p',
    ...(req.negativePrompt ? { negativePrompt: req.negativePrompt } : {}),
  };
  const source: VeoParams['source'] = { prompt: req.prompt };
  if (refs.length > 0) {
    config.referenceImages = refs.map((image) => ({ image, referenceType: 'ASSET' as const }));
    if (images.start || images.end) notes.push('Veo takes reference images without a start or last frame: the frames were not sent');
  } else {
    if (images.start) source.image = images.start;
    if (images.end) config.lastFrame = images.end;
  }
  return { params: { model: req.model, source, config }, notes };
}
