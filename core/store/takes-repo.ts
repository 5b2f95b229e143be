/**
 * Takes: one generation attempt of a shot, numbered 1, 2, 3… per shot, with its outputs (asset
 * hashes), gate scores and review verdict.
 */
import { InputError } from '../domain/errors.ts';
import type { Db } from './migrate.ts';
import { fromJson, newId, nowIso, toJson } from './row-helpers.ts';

export type TakeReview = 'pending' | 'approved' | 'rejected';

/** Who or what gave a review verdict (STYLE.md "Records": a gate pass is not a person's approval). */
export type ReviewBy = 'gate' | 'person';
export interface ReviewDecision {
  by: ReviewBy;
  /** What was done: e.g. "review screen: approve" or "gate pass in a headless run (continuity run)". */
  action: string;
  /** ISO time; defaults to now. */
  at?: string;
}

export interface TakeRow {
  id: string; shotId: string; attempt: number; state: string; pack: unknown; mechanism: string | null;
  outputSha256: string | null; gradedSha256: string | null; lutSha256: string | null;
  score: number | null; pass: boolean | null; reasons: unknown; review: TakeReview; createdAt: string; updatedAt: string;
  /** Who decided `review`, when and how; null while pending (and for verdicts stored before migration 003). */
  reviewBy: ReviewBy | null; reviewAt: string | null; reviewAction: string | null;
}

interface TakeDbRow {
  id: string; shot_id: string; attempt: number; state: string; pack_json: string | null; mechanism: string | null;
  output_sha256: string | null; graded_sha256: string | null; lut_sha256: string | null;
  score: number | null; pass: number | null; reasons_json: string | null; review: string; created_at: string; updated_at: string;
  review_by: string | null; review_at: string | null; review_action: string | null;
}
const toTake = (r: TakeDbRow): TakeRow => ({
  id: r.id, shotId: r.shot_id, attempt: r.attempt, state: r.state, pack: fromJson(r.pack_json), mechanism: r.mechanism,
  outputSha256: r.output_sha256, gradedSha256: r.graded_sha256, lutSha256: r.lut_sha256,
  score: r.score, pass: r.pass === null ? null : r.pass === 1, reasons: fromJson(r.reasons_json),
  review: r.review as TakeReview, createdAt: r.created_at, updatedAt: r.updated_at,
  reviewBy: r.review_by as ReviewBy | null, reviewAt: r.review_at, reviewAction: r.review_action,
});

/** Insert the shot's next take (attempt = previous + 1, decided inside the transaction). */
export function insertTake(db: Db, input: { id?: string; shotId: string; state?: string; pack?: unknown; mechanism?: string | null }): TakeRow {
  const id = input.id ?? newId();
  db.transaction(() => {
    const { next } = db.prepare('SELECT COALESCE(MAX(attempt) + 1, 1) AS next FROM takes WHERE shot_id = ?').get(input.shotId) as { next: number };
    const t = nowIso();
    db.prepare(`INSERT INTO takes (id, shot_id, attempt, state, pack_json, mechanism, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, input.shotId, next, input.state ?? 'planned', toJson(input.pack), input.mechanism ?? null, t, t);
  }).immediate();
  return getTake(db, id)!;
}

export function getTake(db: Db, id: string): TakeRow | undefined {
  const r = db.prepare('SELECT * FROM takes WHERE id = ?').get(id) as TakeDbRow | undefined;
  return r && toTake(r);
}

export function listTakes(db: Db, shotId: string): TakeRow[] {
  return (db.prepare('SELECT * FROM takes WHERE shot_id = ? ORDER BY attempt').all(shotId) as TakeDbRow[]).map(toTake);
}

export interface TakePatch {
  state?: string; pack?: unknown; mechanism?: string | null;
  outputSha256?: string | null; gradedSha256?: string | null; lutSha256?: string | null;
}

const PATCH_COLUMNS: Record<keyof TakePatch, string> = {
  state: 'state', pack: 'pack_json', mechanism: 'mechanism', outputSha256: 'output_sha256', gradedSha256: 'graded_sha256', lutSha256: 'lut_sha256',
};

/** Update the given fields (others untouched). */
export function updateTake(db: Db, id: string, patch: TakePatch): TakeRow {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [key, column] of Object.entries(PATCH_COLUMNS) as Array<[keyof TakePatch, string]>) {
    if (!(key in patch)) continue;
    sets.push(`${column} = ?`);
    values.push(key === 'pack' ? toJson(patch.pack) : (patch[key] ?? null));
  }
  sets.push('updated_at = ?');
  values.push(nowIso(), id);
  const changed = db.prepare(`UPDATE takes SET ${sets.join(', ')} WHERE id = ?`).run(...values).changes;
  if (!changed) throw new InputError(`take not found: ${id}`, 'takeId', id);
  return getTake(db, id)!;
}

/** Record the quality gate's verdict. */
export function setTakeScores(db: Db, id: string, scores: { score: number | null; pass: boolean | null; reasons?: unknown }): void {
  const changed = db.prepare('UPDATE takes SET score = ?, pass = ?, reasons_json = ?, updated_at = ? WHERE id = ?')
    .run(scores.score, scores.pass === null ? null : scores.pass ? 1 : 0, toJson(scores.reasons), nowIso(), id).changes;
  if (!changed) throw new InputError(`take not found: ${id}`, 'takeId', id);
}

/**
 * Record a review verdict with who or what gave it. `pending` clears the decision; any other
 * verdict needs one (InputError otherwise), so no approval is ever stored without its author.
 */
export function setTakeReview(db: Db, id: string, review: TakeReview, decision?: ReviewDecision): void {
  if (review !== 'pending' && review !== 'approved' && review !== 'rejected') throw new InputError(`review must be pending, approved or rejected, got ${JSON.stringify(review)}`, 'review', review);
  if (review !== 'pending' && !decision) throw new InputError(`take ${id}: the verdict "${review}" needs who gave it (the gate or a person)`, 'review', review);
  if (decision && decision.by !== 'gate' && decision.by !== 'person') throw new InputError(`review "by" must be gate or person, got ${JSON.stringify(decision.by)}`, 'by', decision.by);
  const d = review === 'pending' ? null : decision!;
  const t = nowIso();
  const changed = db.prepare('UPDATE takes SET review = ?, review_by = ?, review_at = ?, review_action = ?, updated_at = ? WHERE id = ?')
    .run(review, d?.by ?? null, d ? d.at ?? t : null, d?.action ?? null, t, id).changes;
  if (!changed) throw new InputError(`take not found: ${id}`, 'takeId', id);
}

/** Make `takeId` the shot's current take (or clear it with null). The take must belong to the shot. */
export function setCurrentTake(db: Db, shotId: string, takeId: string | null): void {
  db.transaction(() => {
    if (takeId !== null) {
      const take = db.prepare('SELECT shot_id FROM takes WHERE id = ?').get(takeId) as { shot_id: string } | undefined;
      if (!take) throw new InputError(`take not found: ${takeId}`, 'takeId', takeId);
      if (take.shot_id !== shotId) throw new InputError(`take ${takeId} belongs to shot ${take.shot_id}, not ${shotId}`, 'takeId', takeId);
    }
    const changed = db.prepare('UPDATE shots SET current_take_id = ?, updated_at = ? WHERE id = ?').run(takeId, nowIso(), shotId).changes;
    if (!changed) throw new InputError(`shot not found: ${shotId}`, 'shotId', shotId);
  }).immediate();
}
