/**
 * The variation matrix planner (issue 3, DESIGN.md §1): N clips (8–20) as 2–4 anchors over
 * distinct framings, variants with exactly 1–2 typed deltas, and seasonal swaps that change only
 * motif and props. Deltas are spread (each anchor's variants use different kinds, no duplicate
 * clip) and the plan is deterministic for a seed. Output order is the timeline order: anchors,
 * then each anchor's variants, then seasonal swaps.
 */
import { CAMERA_MOTIONS, FRAMINGS, type Canon, type Framing } from '../domain/canon.ts';
import type { LookFile } from '../domain/look.ts';
import { STRENGTH_PRESETS, type Delta, type DeltaKind, type PlannedShot } from '../domain/shot.ts';
import { InputError } from '../domain/errors.ts';
import { buildDeltaCatalog, MOTIONS_BY_FRAMING, NEIGHBOUR_FRAMING } from './delta-catalog.ts';
import { createRng } from './seeded-random.ts';
import { MATRIX_LIMITS, matrixShape } from './tiers.ts';
import { shotKey, validateMatrix } from './validate-matrix.ts';

export interface PlanMatrixInput {
  look: LookFile;
  canon: Canon;
  /** Clip count, 8–20; defaults to the look's batch setting. */
  clips?: number;
  /** Anchor count, 2–4; defaults to the look's batch setting. */
  anchors?: number;
  seed?: number;
}

type VariantKind = Exclude<DeltaKind, 'motif'>;
const SINGLES: VariantKind[] = ['palette', 'prop', 'scene', 'camera'];
const PAIRS: [VariantKind, VariantKind][] = [['palette', 'camera'], ['prop', 'scene'], ['palette', 'prop'], ['scene', 'camera'], ['prop', 'camera'], ['palette', 'scene']];

function anchorFramings(canon: Canon, count: number): Framing[] {
  const chosen = [canon.camera.framing, ...FRAMINGS.filter((f) => f !== canon.camera.framing)].slice(0, count);
  // Timeline reads wide → detail, like an edit that establishes before it goes close.
  return FRAMINGS.filter((f) => chosen.includes(f));
}

/**
 * Plan the matrix for a look.
 * @throws InputError when the clip or anchor count is outside the matrix limits
 */
export function planMatrix({ look, canon, clips = look.batch.clips, anchors = look.batch.anchors, seed = look.batch.seed }: PlanMatrixInput): PlannedShot[] {
  if (!Number.isInteger(clips) || clips < MATRIX_LIMITS.minClips || clips > MATRIX_LIMITS.maxClips) {
    throw new InputError(`clips must be a whole number from ${MATRIX_LIMITS.minClips} to ${MATRIX_LIMITS.maxClips}, got ${clips}`, 'clips', clips);
  }
  if (!Number.isInteger(anchors) || anchors < MATRIX_LIMITS.minAnchors || anchors > MATRIX_LIMITS.maxAnchors) {
    throw new InputError(`anchors must be a whole number from ${MATRIX_LIMITS.minAnchors} to ${MATRIX_LIMITS.maxAnchors}, got ${anchors}`, 'anchors', anchors);
  }
  const rng = createRng(seed);
  // The batch's chosen person appears in every shot but product details (DESIGN.md §4 mechanism 3).
  const characterFor = (framing: Framing): string | null => (framing === 'detail' ? null : look.batch.characterReference ?? null);
  const catalog = buildDeltaCatalog(look, canon);
  const shape = matrixShape(clips, anchors);
  const seasonalCount = Math.min(shape.seasonal, catalog.seasons.length);
  const variantCount = clips - shape.anchors - seasonalCount;

  const anchorShots: PlannedShot[] = anchorFramings(canon, shape.anchors).map((framing, i) => {
    const motion = i === 0 && framing === canon.camera.framing ? canon.camera.motion : MOTIONS_BY_FRAMING[framing][rng.int(2)]!;
    return {
      id: `a${i + 1}`, index: i, kind: 'anchor', parentId: null, framing, motion, deltas: [],
      continuityMode: 'native', styleStrength: STRENGTH_PRESETS.strict, styleReferenceId: null, characterReference: characterFor(framing),
      label: `anchor ${i + 1}: ${framing}, ${motion}`,
    };
  });

  // Per-kind candidate queues, shuffled once for the seed, drawn round-robin so values spread.
  const queues = { palette: rng.shuffle(catalog.palette), prop: rng.shuffle(catalog.prop), scene: rng.shuffle(catalog.scene) };
  const cursor: Record<VariantKind, number> = { palette: 0, prop: 0, scene: 0, camera: 0 };
  const singles = rng.shuffle(SINGLES);
  const pairs = rng.shuffle(PAIRS);
  const keys = new Set<string>(anchorShots.map(shotKey));

  const cameraCandidates = (anchor: PlannedShot): Extract<Delta, { kind: 'camera' }>[] =>
    rng.shuffle(CAMERA_MOTIONS.filter((m) => m !== anchor.motion)).flatMap((motion) => [
      { kind: 'camera' as const, label: motion, motion },
      { kind: 'camera' as const, label: `${motion}, ${NEIGHBOUR_FRAMING[anchor.framing]}`, motion, framing: NEIGHBOUR_FRAMING[anchor.framing] },
    ]);

  const draw = (kind: VariantKind, anchor: PlannedShot, cams: Delta[], offset: number): Delta | undefined => {
    const pool: Delta[] = kind === 'camera' ? cams : queues[kind];
    if (pool.length === 0) return undefined;
    return pool[(cursor[kind] + offset) % pool.length];
  };

  const variants: PlannedShot[] = [];
  let global = 0;
  anchorShots.forEach((anchor, a) => {
    const count = Math.floor(variantCount / shape.anchors) + (a < variantCount % shape.anchors ? 1 : 0);
    const cams = cameraCandidates(anchor);
    for (let j = 0; j < count; j++, global++) {
      // Every third variant carries two deltas; singles rotate so an anchor's variants differ in kind.
      const plans: VariantKind[][] = global % 3 === 2
        ? [...pairs.slice(global % pairs.length), ...pairs.slice(0, global % pairs.length), ...singles.map((k) => [k])]
        : [...singles.map((_, i) => [singles[(a + j + i) % singles.length]!]), ...pairs];
      let shot: PlannedShot | undefined;
      search: for (const plan of plans) {
        for (let offset = 0; offset < 40; offset++) {
          const deltas = plan.map((k) => draw(k, anchor, cams, offset));
          if (deltas.some((d) => !d)) continue search;
          const camera = deltas.find((d) => d!.kind === 'camera') as Extract<Delta, { kind: 'camera' }> | undefined;
          const candidate: PlannedShot = {
            id: `${anchor.id}-v${j + 1}`, index: 0, kind: 'variant', parentId: anchor.id,
            framing: camera?.framing ?? anchor.framing, motion: camera?.motion ?? anchor.motion,
            deltas: deltas as Delta[], continuityMode: 'style-match', styleStrength: STRENGTH_PRESETS.balanced,
            styleReferenceId: anchor.id, characterReference: characterFor(camera?.framing ?? anchor.framing),
            label: `${anchor.id} variant: ${(deltas as Delta[]).map((d) => d.label).join(' + ')}`,
          };
          if (keys.has(shotKey(candidate))) continue;
          keys.add(shotKey(candidate));
          for (const k of plan) cursor[k] += offset + 1;
          shot = candidate;
          break search;
        }
      }
      if (!shot) throw new InputError(`cannot plan ${clips} distinct clips for look ${JSON.stringify(look.name)}: not enough distinct deltas (add brand colours, product shots or props)`, 'clips', clips);
      variants.push(shot);
    }
  });

  const seasons = rng.shuffle(catalog.seasons).slice(0, seasonalCount);
  const seasonal: PlannedShot[] = seasons.map((s, k) => {
    const anchor = anchorShots[k % anchorShots.length]!;
    return {
      id: `${anchor.id}-s${Math.floor(k / anchorShots.length) + 1}`, index: 0, kind: 'seasonal', parentId: anchor.id,
      framing: anchor.framing, motion: anchor.motion, deltas: [s.motif, s.prop],
      continuityMode: 'style-match', styleStrength: STRENGTH_PRESETS.strict, styleReferenceId: anchor.id, characterReference: characterFor(anchor.framing),
      label: `${anchor.id} ${s.season} swap: ${s.motif.motif} + ${s.prop.prop}`,
    };
  });

  const ordered = [...anchorShots, ...variants, ...seasonal].map((s, index) => ({ ...s, index }));
  validateMatrix(ordered);
  return ordered;
}
