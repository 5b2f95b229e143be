/**
 * Declared changes as the app's delta editor sends them ({kind, value}), parsed by the same
 * function as `continuity remix --delta KIND:VALUE` (core/plan/parse-delta.ts) against the
 * look's delta catalog, and checked against the shot's kind (issue 11: a seasonal swap changes
 * only motifs and props; an anchor declares none).
 */
import { InputError } from '../domain/errors.ts';
import type { Delta, ShotKind } from '../domain/shot.ts';
import { buildDeltaCatalog } from '../plan/delta-catalog.ts';
import { parseDelta } from '../plan/parse-delta.ts';
import { getCanonVersion } from '../store/looks-repo.ts';
import type { Project } from '../store/open-project.ts';
import { requireLook } from './views.ts';

export interface DeltaInput { kind: Delta['kind']; value: string }

/** `KIND:VALUE` text for parseDelta (the CLI's form). */
export const deltaText = (d: DeltaInput) => `${d.kind}:${d.value}`;

export function parseShotDeltas(project: Project, lookId: string, kind: ShotKind, input: DeltaInput[]): Delta[] {
  const canon = getCanonVersion(project.db, lookId);
  if (!canon) throw new InputError('This look has no canon yet: draft it on the Brief & canon screen first.', 'canon', null);
  if (kind === 'anchor' && input.length) throw new InputError('An anchor declares no changes; pick one of its variants to change it.', 'deltas', input.map((d) => d.kind));
  if (kind === 'seasonal' && input.some((d) => d.kind !== 'motif' && d.kind !== 'prop')) {
    throw new InputError(`A seasonal swap changes only motifs and props, got ${input.map((d) => d.kind).join(' + ')}.`, 'deltas', input.map((d) => d.kind));
  }
  if (kind === 'variant' && (input.length < 1 || input.length > 2)) throw new InputError(`A variant declares 1 or 2 changes, got ${input.length}.`, 'deltas', input.length);
  const catalog = buildDeltaCatalog(requireLook(project, lookId).look, canon.canon);
  return input.map((d) => parseDelta(deltaText(d), catalog));
}
