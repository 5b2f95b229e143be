/** Shots of a look (the matrix) or of a continuity session, in order. */
import type { PlannedShot } from '../domain/shot.ts';
import type { Db } from './migrate.ts';
import { newId, nowIso } from './row-helpers.ts';

export interface ShotRow {
  id: string; lookId: string; sessionId: string | null; position: number; plan: PlannedShot;
  status: string; stale: boolean; currentTakeId: string | null; updatedAt: string;
}
export interface ShotInput { id?: string; plan: PlannedShot; status?: string; sessionId?: string | null; position?: number }

interface ShotDbRow { id: string; look_id: string; session_id: string | null; position: number; plan_json: string; status: string; stale: number; current_take_id: string | null; updated_at: string }
const toShot = (r: ShotDbRow): ShotRow => ({
  id: r.id, lookId: r.look_id, sessionId: r.session_id, position: r.position, plan: JSON.parse(r.plan_json) as PlannedShot,
  status: r.status, stale: r.stale === 1, currentTakeId: r.current_take_id, updatedAt: r.updated_at,
});

const INSERT = `INSERT INTO shots (id, look_id, session_id, position, plan_json, status, stale, current_take_id, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, 0, NULL, ?)`;

/** Insert one shot; id defaults to plan.id, position to plan.index. */
export function insertShot(db: Db, lookId: string, shot: ShotInput): ShotRow {
  const id = shot.id ?? shot.plan.id ?? newId();
  db.prepare(INSERT).run(id, lookId, shot.sessionId ?? null, shot.position ?? shot.plan.index, JSON.stringify(shot.plan), shot.status ?? 'planned', nowIso());
  return getShot(db, id)!;
}

/** Replace every shot of a look that is not in a session (a re-plan), in one transaction. */
export function replaceLookShots(db: Db, lookId: string, shots: ShotInput[]): ShotRow[] {
  db.transaction(() => {
    db.prepare('DELETE FROM shots WHERE look_id = ? AND session_id IS NULL').run(lookId);
    for (const s of shots) insertShot(db, lookId, s);
  }).immediate();
  return listShots(db, lookId);
}

export function getShot(db: Db, id: string): ShotRow | undefined {
  const r = db.prepare('SELECT * FROM shots WHERE id = ?').get(id) as ShotDbRow | undefined;
  return r && toShot(r);
}

/** Shots of a look outside any session (the matrix), by position. */
export function listShots(db: Db, lookId: string): ShotRow[] {
  return (db.prepare('SELECT * FROM shots WHERE look_id = ? AND session_id IS NULL ORDER BY position').all(lookId) as ShotDbRow[]).map(toShot);
}

export function listSessionShots(db: Db, sessionId: string): ShotRow[] {
  return (db.prepare('SELECT * FROM shots WHERE session_id = ? ORDER BY position').all(sessionId) as ShotDbRow[]).map(toShot);
}

export function updateShotPlan(db: Db, id: string, plan: PlannedShot): void {
  db.prepare('UPDATE shots SET plan_json = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(plan), nowIso(), id);
}

export function setShotStatus(db: Db, id: string, status: string): void {
  db.prepare('UPDATE shots SET status = ?, updated_at = ? WHERE id = ?').run(status, nowIso(), id);
}

/** Mark shots stale (their inputs changed: canon edit, reference swap) or fresh, in one transaction. */
export function setShotsStale(db: Db, ids: string[], stale: boolean): void {
  const stmt = db.prepare('UPDATE shots SET stale = ?, updated_at = ? WHERE id = ?');
  const t = nowIso();
  db.transaction(() => { for (const id of ids) stmt.run(stale ? 1 : 0, t, id); }).immediate();
}

export function deleteShot(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM shots WHERE id = ?').run(id).changes > 0;
}

/** Move a shot to another position (session reorder). */
export function setShotPosition(db: Db, id: string, position: number): void {
  db.prepare('UPDATE shots SET position = ?, updated_at = ? WHERE id = ?').run(position, nowIso(), id);
}
