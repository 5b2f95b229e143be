/**
 * The one bridge module (STYLE.md "State and errors"): the typed `window.studio`, a helper that
 * unwraps `{ok, value} | {ok, error}` into values or a thrown StudioError, and the single place
 * that subscribes to engine events and forwards them to the slices. Nothing else in the
 * renderer touches window.studio's transport.
 */
import type { StudioApi } from '../core/api/contract-bridge.ts';
import type { ApiError, Result } from '../core/api/contract.ts';

declare global {
  interface Window { studio: StudioApi }
}

export class StudioError extends Error {
  constructor(readonly error: ApiError) { super(error.message); this.name = 'StudioError'; }
}

export function studio(): StudioApi {
  if (!window.studio) throw new Error('window.studio is missing: the preload / host shim did not load');
  return window.studio;
}

/** Await a command and return its value, throwing StudioError with the engine's message. */
export async function call<T>(pending: Promise<Result<T>>): Promise<T> {
  const r = await pending;
  if (!r.ok) throw new StudioError(r.error);
  return r.value;
}

export function errorText(err: unknown): string {
  if (err instanceof StudioError) return err.error.message;
  return err instanceof Error ? err.message : String(err);
}

export function assetUrl(ref: { sha256: string; ext: string } | null | undefined): string | undefined {
  return ref ? studio().assets.url(ref.sha256, ref.ext) : undefined;
}
