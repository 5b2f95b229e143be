/**
 * Continuity sessions in a project (issue 4 item 2): one `sessions` row (name, look, primary style
 * reference) plus one `shots` row per shot with `session_id` set, ordered by `position`. A shot's
 * plan_json is a PlannedShot of kind "sequence" whose continuityMode is the session mode
 * ("frame-bridge" | "style-match"), so the look pipeline's types carry it unchanged; the two
 * session-only fields (extra action, why it is stale) ride along under `session`.
 *
 * Edits go through core/continuity's pure functions (which also mark dependants stale) and are
 * written back with saveSession in one transaction, so a session survives closing the project.
 * "Rendered" is never stored twice: it is whether the shot row has a current take.
 */
import { InputError } from '../domain/errors.ts';
import type { PlannedShot } from '../domain/shot.ts';
import { SessionSchema, StyleReferenceSchema, type ContinuitySession, type SessionShot, type StyleReference } from '../continuity/session.ts';
import type { Project } from '../store/open-project.ts';
import { getLook } from '../store/looks-repo.ts';
import { createSession, getSession, listSessions, setSessionStyleRef, type SessionRow } from '../store/sessions-repo.ts';
import { deleteShot as deleteShotRow, insertShot, listSessionShots, setShotPosition, setShotsStale, updateShotPlan, type ShotRow } from '../store/shots-repo.ts';

/** What plan_json holds for a session shot. */
export type SessionPlannedShot = PlannedShot & { session?: { action: string; staleReason: string | null } };

export interface StoredSession {
  session: ContinuitySession;
  lookId: string;
  /** Shot rows in session order (same order as session.shots). */
  rows: ShotRow[];
}

const DEFAULT_PRIMARY: StyleReference = { kind: 'reference', index: 0 };

/** The PlannedShot the pipeline renders for a session shot at `index` (0-based). */
export function sessionPlannedShot(shot: SessionShot, index: number): SessionPlannedShot {
  return {
    id: shot.id, index, kind: 'sequence', parentId: null, framing: shot.framing, motion: shot.motion, deltas: [],
    continuityMode: shot.mode, styleStrength: shot.styleStrength, styleReferenceId: shot.styleReferenceId,
    characterReference: shot.characterReference, label: shot.label || `shot ${index + 1}`,
    session: { action: shot.action, staleReason: shot.stale ? shot.staleReason : null },
  };
}

function shotFromRow(row: ShotRow): SessionShot {
  const plan = row.plan as SessionPlannedShot;
  return {
    id: row.id, label: plan.label, framing: plan.framing, motion: plan.motion,
    // Rows written by older code may say "native"/"none": those continue by style match.
    mode: plan.continuityMode === 'frame-bridge' ? 'frame-bridge' : 'style-match',
    styleReferenceId: plan.styleReferenceId ?? null, styleStrength: plan.styleStrength, characterReference: plan.characterReference ?? null,
    action: plan.session?.action ?? '', stale: row.stale,
    staleReason: row.stale ? plan.session?.staleReason ?? 'its inputs changed since it was rendered' : null,
    rendered: Boolean(row.currentTakeId),
  };
}

/** Create an empty session for a look. The primary style reference defaults to the look's first reference. */
export function createProjectSession(project: Project, input: { lookId: string; name: string; primaryStyleReference?: StyleReference }): ContinuitySession {
  if (!getLook(project.db, input.lookId)) throw new InputError(`no look with id ${JSON.stringify(input.lookId)} in this project`, 'lookId', input.lookId);
  const name = input.name.trim();
  if (!name) throw new InputError('a session needs a name, got an empty string', 'name', input.name);
  const primary = StyleReferenceSchema.parse(input.primaryStyleReference ?? DEFAULT_PRIMARY);
  const row = createSession(project.db, { lookId: input.lookId, name, primaryStyleRef: primary });
  return loadSession(project, row.id).session;
}

/** Load a session with its shots; InputError naming the id when it does not exist. */
export function loadSession(project: Project, sessionId: string): StoredSession {
  const row = getSession(project.db, sessionId);
  if (!row) throw new InputError(`session not found: ${JSON.stringify(sessionId)}`, 'sessionId', sessionId);
  if (!row.lookId) throw new InputError(`session ${JSON.stringify(row.name)} is not attached to a look`, 'sessionId', sessionId);
  const rows = listSessionShots(project.db, sessionId);
  const parsedPrimary = StyleReferenceSchema.safeParse(row.primaryStyleRef ?? DEFAULT_PRIMARY);
  const session = SessionSchema.parse({
    id: row.id, name: row.name, primaryStyleReference: parsedPrimary.success ? parsedPrimary.data : DEFAULT_PRIMARY, shots: rows.map(shotFromRow),
  });
  return { session, lookId: row.lookId, rows };
}

/**
 * Write the session back: rows for removed shots are deleted (with their takes), new shots are
 * inserted, every shot's plan, position and stale flag updated, in one transaction.
 */
export function saveSession(project: Project, session: ContinuitySession): StoredSession {
  const db = project.db;
  const row = getSession(db, session.id);
  if (!row?.lookId) throw new InputError(`session not found: ${JSON.stringify(session.id)}`, 'sessionId', session.id);
  const lookId = row.lookId;
  db.transaction(() => {
    const existing = new Map(listSessionShots(db, session.id).map((r) => [r.id, r]));
    for (const id of existing.keys()) if (!session.shots.some((s) => s.id === id)) deleteShotRow(db, id);
    session.shots.forEach((shot, index) => {
      const plan = sessionPlannedShot(shot, index);
      if (existing.has(shot.id)) {
        updateShotPlan(db, shot.id, plan);
        setShotPosition(db, shot.id, index);
      } else {
        insertShot(db, lookId, { id: shot.id, plan, sessionId: session.id, position: index });
      }
      setShotsStale(db, [shot.id], shot.stale);
    });
    setSessionStyleRef(db, session.id, session.primaryStyleReference);
    if (row.name !== session.name) db.prepare('UPDATE sessions SET name = ? WHERE id = ?').run(session.name, session.id);
  }).immediate();
  return loadSession(project, session.id);
}

/**
 * Find a session by id, or by name when the name is unique in the project (CLI convenience).
 * InputError lists the sessions when nothing matches.
 */
export function findSession(project: Project, idOrName: string): SessionRow {
  const byId = getSession(project.db, idOrName);
  if (byId) return byId;
  const all = listSessions(project.db);
  const named = all.filter((s) => s.name === idOrName);
  if (named.length === 1) return named[0]!;
  if (named.length > 1) throw new InputError(`${named.length} sessions are named ${JSON.stringify(idOrName)}; use the session id (${named.map((s) => s.id).join(', ')})`, 'session', idOrName);
  const known = all.length ? `; sessions in this project: ${all.map((s) => JSON.stringify(s.name)).join(', ')}` : '; this project has no sessions yet (continuity session create)';
  throw new InputError(`no session ${JSON.stringify(idOrName)} in this project${known}`, 'session', idOrName);
}

/**
 * A shot of the session by id, 1-based position ("2") or unique label. InputError names the
 * session and lists what exists.
 */
export function findSessionShot(session: ContinuitySession, ref: string): SessionShot {
  const byId = session.shots.find((s) => s.id === ref);
  if (byId) return byId;
  if (/^\d+$/.test(ref)) {
    const shot = session.shots[Number(ref) - 1];
    if (shot) return shot;
    throw new InputError(`session ${JSON.stringify(session.name)} has ${session.shots.length} shot(s); there is no shot number ${ref}`, 'shot', ref);
  }
  const labelled = session.shots.filter((s) => s.label === ref);
  if (labelled.length === 1) return labelled[0]!;
  throw new InputError(`session ${JSON.stringify(session.name)} has no shot ${JSON.stringify(ref)} (use its number 1–${session.shots.length}, its id or its label)`, 'shot', ref);
}
