/**
 * Where input images go for models that fetch them by public URL (Luma ray-2: the lumaai SDK has
 * no upload and its keyframes are `{type: "image", url}`). Nothing is uploaded unless the user
 * named a host; the one host offered is their own fal storage (`CONTINUITY_LUMA_IMAGE_HOST=fal`,
 * with a fal key). Gating and the Luma adapter both ask this, so the reason reads the same
 * everywhere.
 */
import { PROVIDER_ENV } from './provider-env.ts';
import type { ProviderId } from './registry.ts';

export const IMAGE_HOSTS = ['fal'] as const;

export interface ImageHostChoice {
  ready: boolean;
  /** The variable's value as set, or undefined. */
  value: string | undefined;
  /** Ready: what the images go through. Not ready: exactly what the user must provide. */
  why: string;
}

type Env = Record<string, string | undefined>;
interface StoreLike { get(provider: string): string | undefined }

/** The image host configured for a provider that needs public image URLs. */
export function imageHostChoice(provider: ProviderId, env: Env, store?: StoreLike): ImageHostChoice {
  const name = PROVIDER_ENV[provider].imageHostVar;
  if (!name) return { ready: true, value: undefined, why: `${provider} takes images directly` };
  const value = env[name]?.trim() || undefined;
  const need = `${provider} fetches keyframe images (and clips to edit) from public URLs and its API has no upload: set ${name}=fal, or choose "My fal storage" as the Luma image host in Settings, to upload them to your own fal storage (needs FAL_KEY; they become public URLs, recorded on every take)`;
  if (!value) return { ready: false, value, why: need };
  if (!(IMAGE_HOSTS as readonly string[]).includes(value)) return { ready: false, value, why: `${name}=${JSON.stringify(value)} is not a known image host (known: ${IMAGE_HOSTS.join(', ')}); ${need}` };
  const falKey = store?.get('fal') || env.FAL_KEY || (env.FAL_KEY_ID && env.FAL_KEY_SECRET);
  if (!falKey) return { ready: false, value, why: `${name}=fal needs a fal key to upload with: set FAL_KEY (or add it in Settings → Providers)` };
  return { ready: true, value, why: `start images uploaded to your fal storage (public URLs) for ${provider} to fetch` };
}
