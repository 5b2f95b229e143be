/**
 * The provider adapter for a remote run, with the key from the app's key store or the
 * environment and the base URL from the environment (CONTINUITY_FAL_BASE_URL, …) and the poll interval
 * (CONTINUITY_POLL_INTERVAL_MS, never below the provider's minimum). Throws an
 * InputError naming the missing key before anything is planned or paid.
 */
import { InputError } from '../domain/errors.ts';
import type { ProviderAdapter } from '../providers/adapter.ts';
import { createFalAdapter } from '../providers/fal/fal-adapter.ts';
import type { KeyStore } from '../providers/keys.ts';
import { createOpenAIVideosAdapter } from '../providers/openai/openai-videos-adapter.ts';
import { createReplicateAdapter } from '../providers/replicate/replicate-adapter.ts';
import { pollIntervalFromEnv } from '../providers/poll-interval.ts';
import { createRunwayAdapter } from '../providers/runway/runway-adapter.ts';
import { createLumaAdapter } from '../providers/luma/luma-adapter.ts';
import { createGoogleVeoAdapter } from '../providers/google/google-veo-adapter.ts';

export function remoteAdapterFor(provider: string, env: NodeJS.ProcessEnv, store?: KeyStore): ProviderAdapter {
  // CONTINUITY_POLL_INTERVAL_MS, clamped to the provider's documented minimum.
  const sources = { env, store, pollIntervalMs: pollIntervalFromEnv(provider, env) };
  switch (provider) {
    case 'fal': return createFalAdapter(sources);
    case 'replicate': return createReplicateAdapter(sources);
    case 'openai': return createOpenAIVideosAdapter(sources);
    case 'runway': return createRunwayAdapter(sources);
    case 'luma': return createLumaAdapter(sources);
    case 'google': return createGoogleVeoAdapter(sources);
    default:
      throw new InputError(`provider ${JSON.stringify(provider)} has no adapter in this build; use local, fal, replicate, openai, runway, luma or google`, 'provider', provider);
  }
}
