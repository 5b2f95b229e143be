/**
 * The keyframe model per kind (PROVIDERS.md): PuLID on fal for faces, IP-Adapter on Replicate for
 * style — unless the look picks another image model that does that kind (`batch.keyframeModel`,
 * e.g. "runway:gen4_image": Runway's tagged references). Data, shared by the remote keyframe
 * maker (which runs them) and the plan's estimate (which prices them).
 */
import { InputError } from '../domain/errors.ts';
import { findModel, type ProviderId } from './registry.ts';

export type KeyframeKind = 'identity' | 'style';

export const KEYFRAME_MODELS = {
  identity: { provider: 'fal', model: 'fal-ai/flux-pulid' },
  style: { provider: 'replicate', model: 'lucataco/ip-adapter-sdxl' },
} as const satisfies Record<KeyframeKind, { provider: ProviderId; model: string }>;

/**
 * The model for one kind of keyframe: the look's pick when it does that kind, else the default.
 * @param choice "provider:model" (or "provider/model") as written in LOOK.json.
 * @throws InputError naming the value when the pick is unknown or not an image model
 */
export function keyframeModelFor(kind: KeyframeKind, choice?: string): { provider: ProviderId; model: string } {
  if (!choice) return KEYFRAME_MODELS[kind];
  const m = parseKeyframeChoice(choice);
  const does = kind === 'identity' ? m.inputs.identity : m.inputs.style;
  return does ? { provider: m.provider, model: m.id } : KEYFRAME_MODELS[kind];
}

/** The registered image model a "provider:model" pick names. */
export function parseKeyframeChoice(choice: string) {
  const colon = choice.indexOf(':');
  const m = colon > 0 ? findModel(choice.slice(colon + 1), choice.slice(0, colon)) : findModel(choice);
  if (!m || m.kind !== 'image' || !(m.inputs.identity || m.inputs.style)) {
    throw new InputError(`"keyframeModel" must name a registered keyframe image model as provider:model (e.g. runway:gen4_image, fal:fal-ai/flux-pulid), got ${JSON.stringify(choice)}`, 'keyframeModel', choice);
  }
  return m;
}
