/**
 * Provider keys and base URLs: from the environment or an injected key store (the desktop app's
 * safeStorage vault). Keys are registered with the logger so they are masked wherever they
 * might be printed; they never go to SQLite, prompt packs or exports.
 */
import { registerSecret } from '../log/logger.ts';
import { checkBaseUrl } from './base-url-policy.ts';
import { PROVIDER_ENV } from './provider-env.ts';
import type { ProviderId } from './registry.ts';

const envOf = (provider: string) => PROVIDER_ENV[provider as ProviderId] as (typeof PROVIDER_ENV)[ProviderId] | undefined;

export interface KeyStore { get(provider: string): string | undefined }

export interface KeySources { env?: NodeJS.ProcessEnv; store?: KeyStore }

/** The key for a provider: key store first (the user's explicit choice), then the environment. */
export function resolveKey(provider: string, src: KeySources = {}): string | undefined {
  const env = src.env ?? process.env;
  let key = src.store?.get(provider);
  if (!key) {
    if (provider === 'fal' && env.FAL_KEY_ID && env.FAL_KEY_SECRET) key = `${env.FAL_KEY_ID}:${env.FAL_KEY_SECRET}`;
    const e = envOf(provider);
    for (const name of [e?.keyVar, ...(e?.altKeyVars ?? [])]) { if (!key && name && env[name]) key = env[name]; }
  }
  registerSecret(key);
  return key || undefined;
}

/**
 * The overridden base URL for a provider (proxies, compatible endpoints, tests), if any.
 * @throws InputError unless it is https (or http to loopback): the key would be sent there
 */
export function resolveBaseUrl(provider: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const name = envOf(provider)?.baseUrlVar;
  const v = name ? env[name]?.trim() : undefined;
  return v && name ? checkBaseUrl(v, name) : undefined;
}
