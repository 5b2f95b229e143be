/**
 * The matrix rules (issue 3), checked on any plan, planned or hand-edited. A violation is an
 * InputError that says which clip broke which rule: `clip 5 (a2-v1): a variant needs 1–2 deltas, has 3`.
 */
import { PlannedShotSchema, type DeltaKind, type PlannedShot } from '../domain/shot.ts';
import { InputError } from '../domain/errors.ts';
import { MATRIX_LIMITS } from './tiers.ts';

const VARIANT_KINDS: readonly DeltaKind[] = ['palette', 'prop', 'scene', 'camera'];
const SEASONAL_KINDS: readonly DeltaKind[] = ['motif', 'prop'];

/** What makes two clips the same clip: parent, kind, framing, motion and the deltas. */
export function shotKey(s: PlannedShot): string {
  const deltas = s.deltas.map((d) => JSON.stringify(d, Object.keys(d).sort())).sort();
  return JSON.stringify([s.kind, s.parentId, s.framing, s.motion, deltas]);
}

export interface ValidateMatrixOptions {
  /** Check the clip-count limits (off for partial plans being edited). Default true. */
  checkCount?: boolean;
}

/**
 * Check every matrix rule.
 * @throws InputError naming the clip (index and id) and the rule it broke
 */
export function validateMatrix(shots: readonly PlannedShot[], opts: ValidateMatrixOptions = {}): void {
  const fail = (s: PlannedShot | undefined, i: number, rule: string): never => {
    const who = s ? `clip ${i} (${s.id})` : 'matrix';
    throw new InputError(`${who}: ${rule}`, s ? `shots[${i}]` : 'shots', s?.id);
  };
  if (opts.checkCount !== false && (shots.length < MATRIX_LIMITS.minClips || shots.length > MATRIX_LIMITS.maxClips)) {
    fail(undefined, -1, `a look batch has ${MATRIX_LIMITS.minClips}–${MATRIX_LIMITS.maxClips} clips, got ${shots.length}`);
  }
  const byId = new Map<string, { shot: PlannedShot; index: number }>();
  const keys = new Map<string, string>();
  const anchorFramings = new Map<string, string>();
  const variantsOf = new Map<string, number>();
  let phase = 0; // 0 anchors, 1 variants, 2 seasonal: the timeline order
  shots.forEach((s, i) => {
    const parsed = PlannedShotSchema.safeParse(s);
    if (!parsed.success) fail(s, i, `is not a valid shot: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
    if (s.index !== i) fail(s, i, `index must equal its position ${i}, got ${s.index}`);
    if (byId.has(s.id)) fail(s, i, `duplicate id ${JSON.stringify(s.id)} (also clip ${byId.get(s.id)!.index})`);
    const key = shotKey(s);
    if (keys.has(key)) fail(s, i, `duplicate clip: same parent, framing, motion and deltas as ${keys.get(key)}`);
    keys.set(key, s.id);
    const kinds = s.deltas.map((d) => d.kind);
    if (new Set(kinds).size !== kinds.length) fail(s, i, `two deltas of the same kind (${kinds.join(', ')})`);
    const rank = s.kind === 'anchor' ? 0 : s.kind === 'variant' ? 1 : s.kind === 'seasonal' ? 2 : -1;
    if (rank < 0) fail(s, i, `kind ${JSON.stringify(s.kind)} does not belong in a look matrix (anchor, variant or seasonal)`);
    if (rank < phase) fail(s, i, `order must be anchors, then variants, then seasonal swaps; a ${s.kind} comes after a later kind`);
    phase = rank;
    const parent = s.parentId ? byId.get(s.parentId)?.shot : undefined;
    if (s.kind === 'anchor') {
      if (s.parentId !== null) fail(s, i, `an anchor has no parent, got ${JSON.stringify(s.parentId)}`);
      if (s.deltas.length) fail(s, i, `an anchor has no deltas, has ${s.deltas.length}`);
      const other = anchorFramings.get(s.framing);
      if (other) fail(s, i, `anchors use distinct framings; ${s.framing} is already used by ${other}`);
      anchorFramings.set(s.framing, s.id);
    } else {
      if (!parent || parent.kind !== 'anchor') fail(s, i, `a ${s.kind} must derive from an earlier anchor, parent is ${JSON.stringify(s.parentId)}`);
      if (s.deltas.length < 1 || s.deltas.length > 2) fail(s, i, `a ${s.kind} needs 1–2 deltas, has ${s.deltas.length}`);
      const allowed = s.kind === 'variant' ? VARIANT_KINDS : SEASONAL_KINDS;
      const bad = kinds.find((k) => !allowed.includes(k));
      if (bad) fail(s, i, `a ${s.kind} may only carry ${allowed.join('/')} deltas, has a ${bad} delta`);
      if (s.kind === 'seasonal' && !kinds.includes('motif')) fail(s, i, 'a seasonal swap needs a motif delta');
      const camera = s.deltas.find((d) => d.kind === 'camera');
      const motion = camera && camera.kind === 'camera' ? camera.motion : parent!.motion;
      const framing = camera && camera.kind === 'camera' && camera.framing ? camera.framing : parent!.framing;
      if (s.motion !== motion || s.framing !== framing) {
        fail(s, i, `framing/motion may only change through a camera delta: expected ${framing}/${motion}, got ${s.framing}/${s.motion}`);
      }
      if (s.kind === 'variant') variantsOf.set(parent!.id, (variantsOf.get(parent!.id) ?? 0) + 1);
    }
    byId.set(s.id, { shot: s, index: i });
  });
  const anchors = shots.filter((s) => s.kind === 'anchor');
  if (opts.checkCount !== false && (anchors.length < MATRIX_LIMITS.minAnchors || anchors.length > MATRIX_LIMITS.maxAnchors)) {
    fail(undefined, -1, `a look batch has ${MATRIX_LIMITS.minAnchors}–${MATRIX_LIMITS.maxAnchors} anchors, got ${anchors.length}`);
  }
  for (const a of anchors) {
    if (!variantsOf.get(a.id)) fail(a, a.index, 'every anchor needs at least one variant, this one has none');
  }
}
