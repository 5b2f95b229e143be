/** Continuity sessions: an ordered list of shots continuing each other (DESIGN.md §1). */
import type { Db } from './migrate.ts';
import { fromJson, newId, nowIso, toJson } from './row-helpers.ts';

export interface SessionRow { id: string; lookId: string | null; name: string; primaryStyleRef: unknown; createdAt: string }
interface SessionDbRow { id: string; look_id: string | null; name: string; primary_style_ref_json: string | null; created_at: string }
const toSession = (r: SessionDbRow): SessionRow => ({ id: r.id, lookId: r.look_id, name: r.name, primaryStyleRef: fromJson(r.primary_style_ref_json), createdAt: r.created_at });

export function createSession(db: Db, input: { id?: string; lookId?: string | null; name: string; primaryStyleRef?: unknown }): SessionRow {
  const id = input.id ?? newId();
  db.prepare('INSERT INTO sessions (id, look_id, name, primary_style_ref_json, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(id, input.lookId ?? null, input.name, toJson(input.primaryStyleRef), nowIso());
  return getSession(db, id)!;
}

export function getSession(db: Db, id: string): SessionRow | undefined {
  const r = db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as SessionDbRow | undefined;
  return r && toSession(r);
}

export function listSessions(db: Db, lookId?: string): SessionRow[] {
  const rows = lookId === undefined
    ? db.prepare('SELECT * FROM sessions ORDER BY created_at').all()
    : db.prepare('SELECT * FROM sessions WHERE look_id = ? ORDER BY created_at').all(lookId);
  return (rows as SessionDbRow[]).map(toSession);
}

export function setSessionStyleRef(db: Db, id: string, primaryStyleRef: unknown): void {
  db.prepare('UPDATE sessions SET primary_style_ref_json = ? WHERE id = ?').run(toJson(primaryStyleRef), id);
}

export function deleteSession(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM sessions WHERE id = ?').run(id).changes > 0;
}
