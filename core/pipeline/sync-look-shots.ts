/**
 * Store a freshly planned matrix for a look without destroying work nobody asked to destroy
 * (issues 11 and 16: "nothing destroyed silently"). One rule for every caller (the CLI's run,
 * the app's plan and run):
 * - the same plan (the planner's shots equal the stored planner shots; edits compared by their
 *   planner original, see core/plan/shot-edits.ts) keeps every stored row, its takes and its
 *   verdicts, and so keeps the shots a person added (a remix of an anchor, `added` on the plan);
 * - a different plan replaces the look's shots only when the caller explicitly asked for it
 *   (`replace`: the app's Re-plan after its confirmation, `continuity run --replan`) or when no
 *   stored shot has a take; otherwise it is refused, naming what would be deleted.
 */
import { InputError } from '../domain/errors.ts';
import type { PlannedShot } from '../domain/shot.ts';
import { isAddedShot, plannerShot } from '../plan/shot-edits.ts';
import type { Db } from '../store/migrate.ts';
import { listShots, replaceLookShots, type ShotRow } from '../store/shots-repo.ts';
import { listTakes } from '../store/takes-repo.ts';

export interface WantedShot { id: string; plan: PlannedShot; position: number }

/** Rows of the look after syncing to `wanted`; throws InputError when it would delete takes unasked. */
export function syncLookShots(db: Db, lookId: string, wanted: WantedShot[], opts: { replace: boolean; how: string }): ShotRow[] {
  const existing = listShots(db, lookId);
  const planned = existing.filter((r) => !isAddedShot(r.plan));
  const same = planned.length === wanted.length
    && planned.every((r, i) => r.id === wanted[i]!.id && JSON.stringify(plannerShot(r.plan)) === JSON.stringify(plannerShot(wanted[i]!.plan)));
  if (same) return existing;
  if (!opts.replace) {
    const withTakes = existing.filter((r) => listTakes(db, r.id).length > 0);
    if (withTakes.length > 0) {
      const takes = withTakes.reduce((n, r) => n + listTakes(db, r.id).length, 0);
      throw new InputError(
        `The look's plan changed (clip count, seed, canon or look), and storing it would delete ${takes} take${takes === 1 ? '' : 's'} of ${withTakes.length} shot${withTakes.length === 1 ? '' : 's'} `
        + `(${withTakes.map((r) => r.plan.id).join(', ')}). Nothing was changed. ${opts.how}`,
        'plan', { shots: withTakes.map((r) => r.id), takes },
      );
    }
  }
  return replaceLookShots(db, lookId, wanted);
}
