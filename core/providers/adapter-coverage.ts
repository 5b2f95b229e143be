/**
 * Which registered models an adapter in this build can actually drive. A provider may have an
 * adapter yet not map every model it offers: gating says "no adapter" for those, never a
 * made-up reason. The lists come from the adapters' own input builders.
 */
import { FAL_MAPPED } from './fal/fal-inputs.ts';
import { LUMA_VIDEO_MODELS } from './luma/luma-inputs.ts';
import type { ModelCapability, ProviderId } from './registry.ts';
import { RUNWAY_MAPPED } from './runway/runway-inputs.ts';


/** Per provider: every model (`all`: schema-driven or single-protocol adapters) or the mapped ids. */
export const ADAPTER_COVERAGE: Record<ProviderId, 'all' | 'none' | readonly string[]> = {
  local: 'all',
  fal: FAL_MAPPED,
  replicate: 'all',
  openai: 'all',
  runway: RUNWAY_MAPPED,
  luma: LUMA_VIDEO_MODELS,
  google: 'all',
};

/** True when an adapter in this build can run this model. */
export function hasAdapter(m: Pick<ModelCapability, 'provider' | 'id'>): boolean {
  const c = ADAPTER_COVERAGE[m.provider];
  return c === 'all' || (c !== 'none' && c.includes(m.id));
}

/** Providers with an adapter at all. */
export function providerHasAdapter(p: ProviderId): boolean {
  return ADAPTER_COVERAGE[p] !== 'none';
}
