/**
 * The one table of where each provider's key and base-URL override come from in the environment
 * (keys.ts resolves them, gating.ts reports them, the app's settings show the names).
 */
import type { ProviderId } from './registry.ts';

export interface ProviderEnv {
  keyVar: string | null;
  /** Other names the provider's own SDK accepts for the key. */
  altKeyVars?: string[];
  baseUrlVar: string | null;
  defaultBaseUrl: string | null;
  /** For APIs that fetch input images by public URL: the variable naming the image host (image-host.ts). */
  imageHostVar?: string;
}

export const PROVIDER_ENV: Record<ProviderId, ProviderEnv> = {
  local: { keyVar: null, baseUrlVar: null, defaultBaseUrl: null },
  fal: { keyVar: 'FAL_KEY', baseUrlVar: 'CONTINUITY_FAL_BASE_URL', defaultBaseUrl: 'https://queue.fal.run' },
  replicate: { keyVar: 'REPLICATE_API_TOKEN', baseUrlVar: 'CONTINUITY_REPLICATE_BASE_URL', defaultBaseUrl: 'https://api.replicate.com/v1' },
  // The openai SDK itself honours OPENAI_BASE_URL, so we use the same name.
  openai: { keyVar: 'OPENAI_API_KEY', baseUrlVar: 'OPENAI_BASE_URL', defaultBaseUrl: 'https://api.openai.com/v1' },
  runway: { keyVar: 'RUNWAYML_API_SECRET', baseUrlVar: 'CONTINUITY_RUNWAY_BASE_URL', defaultBaseUrl: 'https://api.dev.runwayml.com' },
  luma: { keyVar: 'LUMAAI_API_KEY', baseUrlVar: 'CONTINUITY_LUMA_BASE_URL', defaultBaseUrl: 'https://api.lumalabs.ai/dream-machine/v1', imageHostVar: 'CONTINUITY_LUMA_IMAGE_HOST' },
  google: { keyVar: 'GEMINI_API_KEY', altKeyVars: ['GOOGLE_API_KEY'], baseUrlVar: 'CONTINUITY_GOOGLE_BASE_URL', defaultBaseUrl: 'https://generativelanguage.googleapis.com' },
};
