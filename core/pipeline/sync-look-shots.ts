/**
 * Store a freshly planned matrix for a look without destroying work nobody asked to destroy
 * (issues 11 and 16: "nothing destroyed silently"). One rule for every caller (the CLI's run,
 * the app's plan and run):
 * - the same plan (the planner's shots equal the stored planner shots; edits compared by their
 *   planner original, see core/plan/shot-edits.ts) keeps every stored row, its takes and its
 *   verdicts, and so keeps the shots a person added (a remix of an anchor, `added` on the plan);
 * - a changed plan (a canon edit, another seed) is merged by shot id: a shot the new plan still
 *   has keeps its row and takes, gets the new plan and is marked stale when its take was made for
 *   the old one; new shots are added; a shot the new plan drops is deleted only when it has no
 *   take, or when the caller explicitly asked to replace (`replace`: the app's Re-plan after its
 *   confirmation, `continuity run --replan`); otherwise the plan is refused, naming what would go.
 * A person's added shot stays while its anchor is in the plan.
 */
import { InputError } from '../domain/errors.ts';
import type { PlannedShot } from '../domain/shot.ts';
import { isAddedShot, plannerShot } from '../plan/shot-edits.ts';
import type { Db } from '../store/migrate.ts';
import { deleteShot, insertShot, listShots, replaceLookShots, setShotPosition, setShotsStale, updateShotPlan, type ShotRow } from '../store/shots-repo.ts';
import { listTakes } from '../store/takes-repo.ts';

export interface WantedShot { id: string; plan: PlannedShot; position: number }

const samePlanned = (a: PlannedShot, b: PlannedShot) => JSON.stringify(plannerShot(a)) === JSON.stringify(plannerShot(b));

/** Rows of the look after syncing to `wanted`; throws InputError when it would delete takes unasked. */
export function syncLookShots(db: Db, lookId: string, wanted: WantedShot[], opts: { replace: boolean; how: string }): ShotRow[] {
  const existing = listShots(db, lookId);
  const planned = existing.filter((r) => !isAddedShot(r.plan));
  if (planned.length === wanted.length && planned.every((r, i) => r.id === wanted[i]!.id && samePlanned(r.plan, wanted[i]!.plan))) return existing;
  if (opts.replace) return replaceLookShots(db, lookId, wanted);

  const wantedIds = new Set(wanted.map((w) => w.id));
  const plannedIds = new Set(wanted.map((w) => w.plan.id));
  const keeps = (r: ShotRow) => (isAddedShot(r.plan) ? r.plan.parentId !== null && plannedIds.has(r.plan.parentId) : wantedIds.has(r.id));
  const dropped = existing.filter((r) => !keeps(r));
  const withTakes = dropped.filter((r) => listTakes(db, r.id).length > 0);
  if (withTakes.length > 0) {
    const takes = withTakes.reduce((n, r) => n + listTakes(db, r.id).length, 0);
    throw new InputError(
      `The look's plan changed (clip count, seed, canon or look), and storing it would delete ${takes} take${takes === 1 ? '' : 's'} of ${withTakes.length} shot${withTakes.length === 1 ? '' : 's'} `
      + `(${withTakes.map((r) => r.plan.id).join(', ')}). Nothing was changed. ${opts.how}`,
      'plan', { shots: withTakes.map((r) => r.id), takes },
    );
  }
  const byId = new Map(existing.map((r) => [r.id, r]));
  db.transaction(() => {
    for (const r of dropped) deleteShot(db, r.id);
    const stale: string[] = [];
    for (const w of wanted) {
      const old = byId.get(w.id);
      if (!old) { insertShot(db, lookId, w); continue; }
      if (samePlanned(old.plan, w.plan) && old.position === w.position) continue;
      if (!samePlanned(old.plan, w.plan)) {
        updateShotPlan(db, w.id, w.plan);
        // The takes stay in the shot's history; the one on screen was made for the old plan.
        if (old.currentTakeId) stale.push(w.id);
      }
      setShotPosition(db, w.id, w.position);
    }
    // Added shots follow the planned ones, in the order they were added.
    let next = Math.max(-1, ...wanted.map((w) => w.position)) + 1;
    for (const r of existing.filter((x) => isAddedShot(x.plan) && keeps(x))) setShotPosition(db, r.id, next++);
    if (stale.length) setShotsStale(db, stale, true);
  }).immediate();
  return listShots(db, lookId);
}
