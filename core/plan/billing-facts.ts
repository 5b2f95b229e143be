/**
 * What a batch is billed for beyond `clips × seconds` (issue 12 item 10): the longer generation a
 * model makes when it cannot make the batch's duration (Luma 5 s for a 4 s clip, Runway Turbo 5 s,
 * Kling 5 s — conform trims locally), and the paid keyframes the shots' mechanisms call for
 * (identity → PuLID, style → IP-Adapter, or the look's `keyframeModel`, as the remote keyframe maker runs them). An upper bound:
 * a keyframe is made locally, free, when its provider has no key, and that is said in the note.
 */
import { chooseMechanism } from '../continuity/choose-mechanism.ts';
import type { PlannedShot } from '../domain/shot.ts';
import { conformPlan, type ConformTarget } from '../providers/conform-plan.ts';
import { keyframeModelFor } from '../providers/keyframe-models.ts';
import { findModel } from '../providers/registry.ts';
import type { KeyframeCount } from './estimate-cost.ts';

/** Generation seconds and keyframe counts for a batch on `provider/model`. Pure. */
export function billingFacts(provider: string, model: string, shots: readonly PlannedShot[], target: ConformTarget, keyframeModel?: string): { generateSeconds?: number; keyframes?: KeyframeCount[] } {
  const m = findModel(model, provider);
  if (!m || m.kind !== 'video' || m.provider === 'local') return {};
  let generateSeconds: number | undefined;
  try { generateSeconds = conformPlan(m, target).generate.seconds; } catch { generateSeconds = undefined; }
  const inputs = { id: m.id, provider: m.provider, startImage: m.inputs.startImage, referenceImages: m.inputs.referenceImages?.max ?? 0, seed: m.inputs.seed !== 'none' };
  const counts = { identity: 0, style: 0 };
  for (const shot of shots) {
    try {
      const { mechanism } = chooseMechanism({ shot, model: inputs, previousTakeAvailable: shot.continuityMode === 'frame-bridge', seedInheritable: false });
      if (mechanism === 'identity-keyframe') counts.identity += 1;
      if (mechanism === 'style-keyframe') counts.style += 1;
    } catch { /* a model with no image input: gating refuses it before any money is spent */ }
  }
  const keyframes = (['identity', 'style'] as const).map((k) => {
    const km = keyframeModelFor(k, keyframeModel);
    return { key: `${km.provider}/${km.model}`, count: counts[k] };
  });
  return { generateSeconds, keyframes };
}
