/**
 * The keyframe model per kind (PROVIDERS.md): PuLID on fal for faces, IP-Adapter on Replicate for
 * style. Data, shared by the remote keyframe maker (which runs them) and the plan's estimate
 * (which prices them).
 */
import type { ProviderId } from './registry.ts';

export const KEYFRAME_MODELS = {
  identity: { provider: 'fal', model: 'fal-ai/flux-pulid' },
  style: { provider: 'replicate', model: 'lucataco/ip-adapter-sdxl' },
} as const satisfies Record<'identity' | 'style', { provider: ProviderId; model: string }>;
