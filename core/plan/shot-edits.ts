/**
 * A person's (or a remix's) edit of a planned matrix shot, kept through re-planning: the stored
 * plan carries the planner's original beside the edit. When the planner makes that same original
 * again (same look, canon, clip count and seed), the edited shot is used instead — its prompt and
 * prompt pack are compiled from the edit — so an edit never makes the identical plan look
 * "different" and replace the look's shots and takes. A different plan drops the edit with them.
 */
import type { PlannedShot } from '../domain/shot.ts';

/** Who changed the shot and when; `original` is what the planner made. */
export interface ShotEdit { original: PlannedShot; by: string; at: string }
export type EditableShot = PlannedShot & { edit?: ShotEdit };

/** The planner's version of a stored shot (the shot itself when it was never edited). */
export function plannerShot(shot: EditableShot): PlannedShot {
  return shot.edit?.original ?? shot;
}

/** The shot with `patch` applied, remembering the planner's original and who made the change. */
export function withShotEdit(shot: EditableShot, patch: Partial<Omit<PlannedShot, 'id' | 'index' | 'kind' | 'parentId'>>, by: string, at = new Date().toISOString()): EditableShot {
  const { edit: _old, ...plain } = shot;
  return { ...plain, ...patch, edit: { original: plannerShot(shot), by, at } };
}

/**
 * For the planner (`planLoadedLook`'s `shotEdits`): each freshly planned shot, or its stored edit
 * when the stored shot was edited from exactly this plan.
 */
export function storedEdits(stored: ReadonlyArray<{ plan: EditableShot }>): (shot: PlannedShot) => PlannedShot {
  const edited = new Map(stored.filter((r) => r.plan.edit).map((r) => [r.plan.id, r.plan]));
  return (shot) => {
    const e = edited.get(shot.id);
    return e && JSON.stringify(plannerShot(e)) === JSON.stringify(shot) ? e : shot;
  };
}
