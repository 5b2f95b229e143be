/**
 * What the prompt compiler needs to know about a model. The full capability registry lives in
 * core/providers/registry.ts; this is the slice the compiler uses, so the compiler does not
 * depend on provider code. Defaults for known models; the registry may pass its own.
 */
export interface PromptModelProfile {
  /** Hard limit on the positive prompt (and negative prompt), characters. */
  maxPromptChars: number;
  /** Whether the model accepts a separate negative prompt. */
  negativePrompt: boolean;
}

export const LOCAL_ANIMATIC_PROFILE: PromptModelProfile = { maxPromptChars: 2000, negativePrompt: true };

/** Conservative defaults by model id (provider docs; adjust when the registry knows better). */
const KNOWN: Record<string, PromptModelProfile> = {
  'local-animatic': LOCAL_ANIMATIC_PROFILE,
  'fal-ai/veo3.1/image-to-video': { maxPromptChars: 2000, negativePrompt: true },
  'fal-ai/veo3.1/first-last-frame-to-video': { maxPromptChars: 2000, negativePrompt: true },
  'fal-ai/veo3.1/reference-to-video': { maxPromptChars: 2000, negativePrompt: true },
  'fal-ai/kling-video/v2.1/pro/image-to-video': { maxPromptChars: 2500, negativePrompt: true },
  'sora-2': { maxPromptChars: 2000, negativePrompt: false },
  'gen4.5': { maxPromptChars: 1000, negativePrompt: false },
  'ray-2': { maxPromptChars: 1500, negativePrompt: false },
};

/** The profile for a model id; unknown models get a cautious 1000 chars and no negative prompt. */
export function promptProfileFor(model: string): PromptModelProfile {
  return KNOWN[model] ?? KNOWN[model.split('/').slice(-1)[0] ?? ''] ?? { maxPromptChars: 1000, negativePrompt: false };
}
