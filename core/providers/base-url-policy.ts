/**
 * Where provider keys may be sent. A base-URL override (CONTINUITY_FAL_BASE_URL, OPENAI_BASE_URL,
 * …) carries the user's key to whatever host it names, so it must be https; plain http is
 * allowed only to this machine's loopback (the tests' fake providers). Anything else is an
 * InputError naming the variable and the value, before a request is made.
 */
import { InputError } from '../domain/errors.ts';

const LOOPBACK = new Set(['127.0.0.1', '[::1]', '::1', 'localhost']);

/** True for 127.0.0.1, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname.toLowerCase());
}

/**
 * Check an override and return it without trailing slashes.
 * @throws InputError for a malformed URL, a scheme other than https (http only for loopback),
 *   or credentials embedded in the URL
 */
export function checkBaseUrl(value: string, varName: string): string {
  let url: URL;
  try { url = new URL(value); } catch {
    throw new InputError(`${varName} is not a URL: ${JSON.stringify(value)}`, varName, value);
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new InputError(`${varName} must be an https:// URL (plain http only to 127.0.0.1, ::1 or localhost), got ${JSON.stringify(value)}: provider keys are sent there`, varName, value);
  }
  if (url.username || url.password) throw new InputError(`${varName} must not carry a user name or password, got ${JSON.stringify(url.host)} with credentials`, varName, url.host);
  return value.replace(/\/+$/, '');
}

/** The host (with port) a base URL sends requests to, or null when it is not a URL. */
export function hostOf(baseUrl: string | null | undefined): string | null {
  if (!baseUrl) return null;
  try { return new URL(baseUrl).host; } catch { return null; }
}
