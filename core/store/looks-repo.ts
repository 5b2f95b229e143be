/**
 * Looks, their reference images and their canon versions. Callers validate domain objects with
 * core/domain schemas before saving; the repository stores and returns them as typed JSON.
 */
import type { Canon } from '../domain/canon.ts';
import { InputError } from '../domain/errors.ts';
import type { LookFile, ReferenceRole } from '../domain/look.ts';
import type { Db } from './migrate.ts';
import { fromJson, newId, nowIso, toJson } from './row-helpers.ts';

export interface LookRow { id: string; name: string; look: LookFile; dir: string | null; createdAt: string; updatedAt: string }

interface LookDbRow { id: string; name: string; look_json: string; dir: string | null; created_at: string; updated_at: string }
const toLook = (r: LookDbRow): LookRow => ({ id: r.id, name: r.name, look: JSON.parse(r.look_json) as LookFile, dir: r.dir, createdAt: r.created_at, updatedAt: r.updated_at });

/** Insert a look, or update it when `id` exists. The name must be unique across the project. */
export function saveLook(db: Db, input: { id?: string; look: LookFile; dir?: string | null }): LookRow {
  const id = input.id ?? newId();
  const t = nowIso();
  try {
    db.prepare(`INSERT INTO looks (id, name, look_json, dir, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, look_json = excluded.look_json, dir = excluded.dir, updated_at = excluded.updated_at`)
      .run(id, input.look.name, JSON.stringify(input.look), input.dir ?? null, t, t);
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new InputError(`a look named ${JSON.stringify(input.look.name)} already exists in this project`, 'name', input.look.name);
    throw err;
  }
  return getLook(db, id)!;
}

export function getLook(db: Db, id: string): LookRow | undefined {
  const r = db.prepare('SELECT * FROM looks WHERE id = ?').get(id) as LookDbRow | undefined;
  return r && toLook(r);
}

export function getLookByName(db: Db, name: string): LookRow | undefined {
  const r = db.prepare('SELECT * FROM looks WHERE name = ?').get(name) as LookDbRow | undefined;
  return r && toLook(r);
}

export function listLooks(db: Db): LookRow[] {
  return (db.prepare('SELECT * FROM looks ORDER BY created_at, name').all() as LookDbRow[]).map(toLook);
}

/** Delete a look and (by cascade) its references, canon versions, sessions, shots and takes. */
export function deleteLook(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM looks WHERE id = ?').run(id).changes > 0;
}

export interface ReferenceRow {
  id: string; lookId: string; assetSha256: string; role: ReferenceRole; approved: boolean;
  label: string | null; analysis: unknown; position: number;
}
export interface ReferenceInput { id?: string; assetSha256: string; role: ReferenceRole; approved?: boolean; label?: string | null; analysis?: unknown }

interface RefDbRow { id: string; look_id: string; asset_sha256: string; role: string; approved: number; label: string | null; analysis_json: string | null; position: number }
const toRef = (r: RefDbRow): ReferenceRow => ({
  id: r.id, lookId: r.look_id, assetSha256: r.asset_sha256, role: r.role as ReferenceRole, approved: r.approved === 1,
  label: r.label, analysis: fromJson(r.analysis_json), position: r.position,
});

/** Replace a look's references with `refs`, in order, in one transaction. */
export function setReferences(db: Db, lookId: string, refs: ReferenceInput[]): ReferenceRow[] {
  const insert = db.prepare(`INSERT INTO look_references (id, look_id, asset_sha256, role, approved, label, analysis_json, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    db.prepare('DELETE FROM look_references WHERE look_id = ?').run(lookId);
    refs.forEach((r, i) => insert.run(r.id ?? newId(), lookId, r.assetSha256, r.role, r.approved === false ? 0 : 1, r.label ?? null, toJson(r.analysis), i));
  }).immediate();
  return listReferences(db, lookId);
}

/** Append one reference at the end. */
export function addReference(db: Db, lookId: string, ref: ReferenceInput): ReferenceRow {
  const id = ref.id ?? newId();
  db.transaction(() => {
    const { next } = db.prepare('SELECT COALESCE(MAX(position) + 1, 0) AS next FROM look_references WHERE look_id = ?').get(lookId) as { next: number };
    db.prepare(`INSERT INTO look_references (id, look_id, asset_sha256, role, approved, label, analysis_json, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, lookId, ref.assetSha256, ref.role, ref.approved === false ? 0 : 1, ref.label ?? null, toJson(ref.analysis), next);
  }).immediate();
  return toRef(db.prepare('SELECT * FROM look_references WHERE id = ?').get(id) as RefDbRow);
}

export function listReferences(db: Db, lookId: string): ReferenceRow[] {
  return (db.prepare('SELECT * FROM look_references WHERE look_id = ? ORDER BY position').all(lookId) as RefDbRow[]).map(toRef);
}

export function setReferenceApproved(db: Db, referenceId: string, approved: boolean): void {
  db.prepare('UPDATE look_references SET approved = ? WHERE id = ?').run(approved ? 1 : 0, referenceId);
}

/** Store analysis results (palette, histogram…) for one reference. */
export function setReferenceAnalysis(db: Db, referenceId: string, analysis: unknown): void {
  db.prepare('UPDATE look_references SET analysis_json = ? WHERE id = ?').run(toJson(analysis), referenceId);
}

export interface CanonVersionRow { lookId: string; version: number; canon: Canon; source: string; createdAt: string }
interface CanonDbRow { look_id: string; version: number; canon_json: string; source: string; created_at: string }
const toCanon = (r: CanonDbRow): CanonVersionRow => ({ lookId: r.look_id, version: r.version, canon: JSON.parse(r.canon_json) as Canon, source: r.source, createdAt: r.created_at });

/** Save `canon` as the look's next version (1, 2, 3…) and return that version number. */
export function saveCanonVersion(db: Db, lookId: string, canon: Canon, source: string): number {
  return db.transaction(() => {
    const { next } = db.prepare('SELECT COALESCE(MAX(version) + 1, 1) AS next FROM canon_versions WHERE look_id = ?').get(lookId) as { next: number };
    db.prepare('INSERT INTO canon_versions (look_id, version, canon_json, source, created_at) VALUES (?, ?, ?, ?, ?)').run(lookId, next, JSON.stringify(canon), source, nowIso());
    return next;
  }).immediate();
}

/** One canon version, or the latest when `version` is omitted. */
export function getCanonVersion(db: Db, lookId: string, version?: number): CanonVersionRow | undefined {
  const r = (version === undefined
    ? db.prepare('SELECT * FROM canon_versions WHERE look_id = ? ORDER BY version DESC LIMIT 1').get(lookId)
    : db.prepare('SELECT * FROM canon_versions WHERE look_id = ? AND version = ?').get(lookId, version)) as CanonDbRow | undefined;
  return r && toCanon(r);
}

export function listCanonVersions(db: Db, lookId: string): CanonVersionRow[] {
  return (db.prepare('SELECT * FROM canon_versions WHERE look_id = ? ORDER BY version').all(lookId) as CanonDbRow[]).map(toCanon);
}

/** Change one reference's role (the board's role tags). */
export function setReferenceRole(db: Db, referenceId: string, role: ReferenceRole): void {
  db.prepare('UPDATE look_references SET role = ? WHERE id = ?').run(role, referenceId);
}

/** Remove one reference from a look. The asset file stays: takes may still name its hash. */
export function deleteReference(db: Db, referenceId: string): boolean {
  return db.prepare('DELETE FROM look_references WHERE id = ?').run(referenceId).changes > 0;
}
