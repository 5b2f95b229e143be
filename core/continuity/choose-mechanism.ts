/**
 * Which continuity mechanism a shot uses (DESIGN.md §4), in priority order:
 * native reference → frame bridge → identity keyframe → style keyframe, with seed persistence
 * riding along wherever the model takes a seed. Pure: the caller records the result on the take.
 *
 * Gating is a product guarantee: every shot carries a visual anchor. A model with no image input
 * never reaches here (gateModel refuses it), and if it somehow does, this throws rather than
 * falling back to text-only prompting.
 */
import { InputError } from '../domain/errors.ts';
import type { Mechanism, PlannedShot } from '../domain/shot.ts';

/** The part of a model's capabilities the choice depends on (a structural subset of the registry entry). */
export interface MechanismModelInputs {
  id: string;
  provider: string;
  startImage: boolean;
  /** Max reference images the model takes natively; 0 when none. */
  referenceImages: number;
  seed: boolean;
}

export interface MechanismContext {
  shot: Pick<PlannedShot, 'id' | 'kind' | 'continuityMode' | 'characterReference'>;
  model: MechanismModelInputs;
  /** The previous take's exact last frame exists (sessions: the shot before this one was rendered). */
  previousTakeAvailable: boolean;
  /** Mechanisms already tried and failed for this shot (escalation: "next mechanism"). */
  exclude?: Mechanism[];
  /** The look's seed was used on this same provider + model (seeds are never carried across providers). */
  seedInheritable: boolean;
}

export interface MechanismChoice {
  mechanism: Exclude<Mechanism, 'seed-persistence'>;
  alsoUsed: Mechanism[];
  /** Ordered candidates after this one, for escalation. */
  fallbacks: Exclude<Mechanism, 'seed-persistence'>[];
  why: string;
}

/** Candidates in priority order for this shot and model, before exclusions. */
export function mechanismCandidates(ctx: MechanismContext): Exclude<Mechanism, 'seed-persistence'>[] {
  const { shot, model } = ctx;
  const out: Exclude<Mechanism, 'seed-persistence'>[] = [];
  const wantsBridge = shot.continuityMode === 'frame-bridge' && ctx.previousTakeAvailable;
  if (model.referenceImages > 0 && shot.continuityMode !== 'frame-bridge') out.push('native-reference');
  if (wantsBridge && model.startImage) out.push('frame-bridge');
  if (shot.characterReference && model.startImage) out.push('identity-keyframe');
  if (model.startImage) out.push('style-keyframe');
  // A bridge requested as a later escalation step still beats a keyframe for a frame-bridge shot.
  if (model.referenceImages > 0 && shot.continuityMode === 'frame-bridge') out.push('native-reference');
  return out;
}

/** Pick the highest-fidelity mechanism this model supports for the shot. */
export function chooseMechanism(ctx: MechanismContext): MechanismChoice {
  const candidates = mechanismCandidates(ctx);
  if (candidates.length === 0) {
    throw new InputError(
      `model "${ctx.model.id}" (${ctx.model.provider}) takes no image input, so shot ${ctx.shot.id} would have no visual anchor. ` +
      'Continuity work needs an image-capable model; there is no text-only fallback.',
      'model', ctx.model.id,
    );
  }
  const usable = candidates.filter((m) => !ctx.exclude?.includes(m));
  // Every candidate already failed: stay on the best one rather than dropping the anchor.
  const [mechanism, ...fallbacks] = usable.length ? usable : [candidates[0]!];
  const alsoUsed: Mechanism[] = ctx.model.seed && ctx.seedInheritable ? ['seed-persistence'] : [];
  return { mechanism: mechanism!, alsoUsed, fallbacks, why: explain(mechanism!, ctx) };
}

function explain(m: Exclude<Mechanism, 'seed-persistence'>, ctx: MechanismContext): string {
  switch (m) {
    case 'native-reference': return `${ctx.model.id} takes up to ${ctx.model.referenceImages} reference images natively`;
    case 'frame-bridge': return 'continues the previous take from its exact last frame';
    case 'identity-keyframe': return 'new angle with a character: identity keyframe from the character reference';
    case 'style-keyframe': return 'new angle: style keyframe from the look reference at the shot\'s style strength';
    // Remix is chosen by the pipeline for variants (core/pipeline/remix-source.ts), never from candidates.
    case 'remix': return 'made from the parent anchor\'s take with the declared change';
  }
}
