/**
 * Plan a look and store its shots exactly as core/pipeline's runLookBatch would (same row ids,
 * same plan JSON), so a later run with `resume` keeps the rows, their takes and their verdicts.
 */
import { InputError } from '../domain/errors.ts';
import { planLoadedLook, type LookPlan } from '../plan/plan-look.ts';
import { storedEdits } from '../plan/shot-edits.ts';
import { shotRowId } from '../pipeline/run-look.ts';
import { getCanonVersion, saveLook } from '../store/looks-repo.ts';
import type { Project } from '../store/open-project.ts';
import { listShots, replaceLookShots, type ShotRow } from '../store/shots-repo.ts';
import { loadedLookFromProject } from './loaded-look.ts';
import { requireLook } from './views.ts';

export async function planAndStore(project: Project, lookId: string, clips: number, seed: number): Promise<{ plan: LookPlan; rows: ShotRow[] }> {
  const row = requireLook(project, lookId);
  const c = getCanonVersion(project.db, lookId);
  if (!c) throw new InputError('This look has no canon yet: draft it on the Brief & canon screen first.', 'canon', null);
  // The plan's clip count and seed become the look's batch settings, so a run re-plans identically.
  saveLook(project.db, { id: row.id, look: { ...row.look, batch: { ...row.look.batch, clips, seed } }, dir: row.dir });
  const loaded = loadedLookFromProject(project, lookId, { requireReferences: true });
  const existing = listShots(project.db, lookId);
  // Edited shots (the shot editor, a remix) stay as edited when the plan is the same one.
  const plan = await planLoadedLook(loaded, { clips, seed, canon: { canon: c.canon, version: c.version, source: 'edited' }, shotEdits: storedEdits(existing) });
  const wanted = plan.shots.map((shot) => ({ id: shotRowId(lookId, shot.id), plan: shot, position: shot.index }));
  const same = existing.length === wanted.length && existing.every((r, i) => r.id === wanted[i]!.id && JSON.stringify(r.plan) === JSON.stringify(wanted[i]!.plan));
  // Re-planning the identical matrix keeps rendered takes; a different plan replaces the shots.
  return { plan, rows: same ? existing : replaceLookShots(project.db, lookId, wanted) };
}
