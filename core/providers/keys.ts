/**
 * Provider keys and base URLs: from the environment or an injected key store (the desktop app's
 * safeStorage vault). Keys are registered with the logger so they are masked wherever they
 * might be printed; they never go to SQLite, prompt packs or exports.
 */
import { registerSecret } from '../log/logger.ts';

export interface KeyStore { get(provider: string): string | undefined }

const KEY_ENV: Record<string, string[]> = {
  fal: ['FAL_KEY'],
  replicate: ['REPLICATE_API_TOKEN'],
  openai: ['OPENAI_API_KEY'],
  runway: ['RUNWAYML_API_SECRET'],
  luma: ['LUMAAI_API_KEY'],
  google: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
};

const BASE_URL_ENV: Record<string, string> = {
  fal: 'CONTINUITY_FAL_BASE_URL',
  replicate: 'CONTINUITY_REPLICATE_BASE_URL',
  openai: 'OPENAI_BASE_URL',
  runway: 'CONTINUITY_RUNWAY_BASE_URL',
  luma: 'CONTINUITY_LUMA_BASE_URL',
  google: 'CONTINUITY_GOOGLE_BASE_URL',
};

export interface KeySources { env?: NodeJS.ProcessEnv; store?: KeyStore }

/** The key for a provider: key store first (the user's explicit choice), then the environment. */
export function resolveKey(provider: string, src: KeySources = {}): string | undefined {
  const env = src.env ?? process.env;
  let key = src.store?.get(provider);
  if (!key) {
    if (provider === 'fal' && env.FAL_KEY_ID && env.FAL_KEY_SECRET) key = `${env.FAL_KEY_ID}:${env.FAL_KEY_SECRET}`;
    for (const name of KEY_ENV[provider] ?? []) { if (!key && env[name]) key = env[name]; }
  }
  registerSecret(key);
  return key || undefined;
}

/** The overridden base URL for a provider (proxies, compatible endpoints, tests), if any. */
export function resolveBaseUrl(provider: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const name = BASE_URL_ENV[provider];
  const v = name ? env[name] : undefined;
  return v ? v.replace(/\/+$/, '') : undefined;
}

/** Names of the environment variables for a provider's key and base URL (for help texts). */
export function envNames(provider: string): { key: string[]; baseUrl: string | undefined } {
  return { key: KEY_ENV[provider] ?? [], baseUrl: BASE_URL_ENV[provider] };
}

/** "set · …abcd" / "not set": all the UI may ever see of a key. */
export function describeKey(key: string | undefined): string {
  return key ? `set · …${key.slice(-4)}` : 'not set';
}
