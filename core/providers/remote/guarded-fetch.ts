/**
 * A `fetch` for the provider SDKs that makes exactly ONE network attempt per SDK call and reports
 * what really happened (status, Retry-After, transport failure) as a ProviderError, so the job
 * runner — not the SDK — decides about retries (DESIGN.md §6: creates are never retried blind).
 *
 * Why a fetch wrapper: @fal-ai/client's queue.submit hard-codes its own retry policy (3 retries on
 * 429/502/503/504 and on connection resets) and ignores `config.retry`; replicate-javascript
 * retries POST on 429 and retries ANY thrown fetch error (a reset after the server accepted a
 * create would bill twice). Their retry loops are keyed on what fetch returns, so we shape that:
 *  - mode 'throw' (fal, openai): any failure becomes a ProviderError thrown from fetch. fal only
 *    retries its own ApiError or errors whose cause chain carries a transport code; ours has
 *    neither, so it is rethrown at once. openai runs with maxRetries 0 anyway.
 *  - mode 'respond' (replicate): a thrown error would be retried, so failures are returned as a
 *    synthetic HTTP 499 response (not retried by replicate for GET or POST) carrying the real
 *    status in `x-continuity-status`; `toProviderError` reads it back.
 */
import { CanceledError, InputError, isCanceled } from '../../domain/errors.ts';
import { ProviderError, parseRetryAfter } from '../adapter.ts';

export const REAL_STATUS_HEADER = 'x-continuity-status';
const SYNTHETIC_STATUS = 499;

export interface GuardedFetchOptions {
  provider: string;
  mode: 'throw' | 'respond';
  /** Headers added to every request (e.g. Idempotency-Key on a create). */
  headers?: Record<string, string>;
  fetchImpl?: typeof fetch;
}

/** Codes where the request certainly never reached the server. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function transportCode(err: unknown): string {
  let cur: unknown = err;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return 'unknown';
}

function methodOf(input: RequestInfo | URL, init?: RequestInit): string {
  return (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
}

function urlOf(input: RequestInfo | URL): string {
  return input instanceof Request ? input.url : String(input);
}

/** Build the guarded fetch (see the file comment for why each mode exists). */
export function createGuardedFetch(opts: GuardedFetchOptions): typeof fetch {
  const base = opts.fetchImpl ?? fetch;
  const guarded = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const method = methodOf(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    for (const [k, v] of Object.entries(opts.headers ?? {})) headers.set(k, v);
    let res: Response;
    try {
      res = await base(input, { ...init, headers });
    } catch (err) {
      if (isCanceled(err) || init?.signal?.aborted) throw new CanceledError(`${opts.provider} request canceled`);
      const code = transportCode(err);
      const outcomeUnknown = method !== 'GET' && !NOT_SENT.has(code);
      const message = `${opts.provider}: ${method} ${redactUrl(urlOf(input))} failed before a response (${code})` +
        (outcomeUnknown ? '; the provider may have accepted it' : '');
      if (opts.mode === 'respond') {
        return new Response(JSON.stringify({ detail: message, transport: code, outcome_unknown: outcomeUnknown }), {
          status: SYNTHETIC_STATUS, headers: { 'content-type': 'application/json', [REAL_STATUS_HEADER]: outcomeUnknown ? 'transport-unknown' : 'transport' },
        });
      }
      throw new ProviderError({ provider: opts.provider, message, status: null, outcomeUnknown });
    }
    if (res.ok) return res;
    const body = await res.text().catch(() => '');
    const retryAfter = res.headers.get('retry-after');
    if (opts.mode === 'respond') {
      const h = new Headers(res.headers);
      h.set(REAL_STATUS_HEADER, String(res.status));
      h.delete('content-length');
      return new Response(body, { status: SYNTHETIC_STATUS, headers: h });
    }
    throw new ProviderError({
      provider: opts.provider, status: res.status, retryAfterMs: parseRetryAfter(retryAfter), body,
      message: `${opts.provider}: ${method} ${redactUrl(urlOf(input))} → HTTP ${res.status}${summarise(body)}`,
    });
  };
  return guarded as typeof fetch;
}

function summarise(body: string): string {
  const t = body.trim();
  if (!t) return '';
  try {
    const j = JSON.parse(t) as { detail?: unknown; error?: unknown; message?: unknown; title?: unknown };
    const d = j.detail ?? j.message ?? j.error ?? j.title;
    const s = typeof d === 'string' ? d : JSON.stringify(d);
    return `: ${s.slice(0, 300)}`;
  } catch {
    return `: ${t.slice(0, 300)}`;
  }
}

/** Drop query strings (signed URLs carry tokens) from URLs shown in errors. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q) + '?…';
}

/**
 * Turn whatever an SDK threw into a ProviderError (or a CanceledError): finds our own error in
 * the cause chain (openai wraps fetch errors), or reads a replicate ApiError's response, whose
 * synthetic 499 carries the real status in `x-continuity-status`.
 */
export function toProviderError(err: unknown, provider: string): Error {
  if (isCanceled(err)) return err as Error;
  // Our own check refused the request (a size the protocol cannot make, a value the model's schema
  // refuses): nothing left this machine and the same request fails the same way, so it is not a
  // send that failed in transit (which the job runner tries again) but a bad input, said once.
  if (err instanceof InputError) return err;
  let cur: unknown = err;
  for (let i = 0; i < 6 && cur && typeof cur === 'object'; i++) {
    if (cur instanceof ProviderError || cur instanceof CanceledError) return cur;
    cur = (cur as { cause?: unknown }).cause;
  }
  const response = (err as { response?: unknown } | null)?.response;
  if (response instanceof Response) {
    const real = response.headers.get(REAL_STATUS_HEADER);
    const msg = err instanceof Error ? err.message : String(err);
    if (real === 'transport' || real === 'transport-unknown') {
      // our synthetic body's `detail` already says what failed; the SDK wraps it in its own text
      const detail = /"detail":"((?:[^"\\]|\\.)*)"/.exec(msg)?.[1]?.replace(/\\"/g, '"');
      return new ProviderError({ provider, status: null, outcomeUnknown: real === 'transport-unknown', message: detail ?? `${provider}: ${msg}` });
    }
    const status = real ? Number(real) : response.status;
    return new ProviderError({ provider, status, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')), message: `${provider}: ${msg.replace(/status 499[^:]*/, `status ${status}`)}` });
  }
  const status = (err as { status?: unknown } | null)?.status;
  const msg = err instanceof Error ? err.message : String(err);
  if (typeof status === 'number') return new ProviderError({ provider, status, message: `${provider}: ${msg}` });
  return new ProviderError({ provider, status: null, message: `${provider}: ${msg}`, cause: err });
}
