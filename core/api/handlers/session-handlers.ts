/**
 * sessions.*: continuity sessions persisted as a sessions row + shot rows (kind "sequence"),
 * edited with core/continuity's pure operations (which also mark dependants stale).
 */
import { InputError } from '../../domain/errors.ts';
import type { PlannedShot } from '../../domain/shot.ts';
import { addShot, deleteShot, moveShot, updateShot, type ContinuitySession, type StyleReference } from '../../continuity/session.ts';
import { getCanonVersion, listReferences } from '../../store/looks-repo.ts';
import type { Project } from '../../store/open-project.ts';
import { createSession, deleteSession, getSession, listSessions, setSessionStyleRef } from '../../store/sessions-repo.ts';
import { deleteShot as deleteShotRow, getShot, insertShot, listSessionShots, updateShotPlan, setShotsStale, setShotPosition } from '../../store/shots-repo.ts';
import { newId } from '../../store/row-helpers.ts';
import type { Handlers } from '../dispatch.ts';
import { requireProject, type StudioContext } from '../studio-context.ts';
import type { SessionView } from '../types.ts';
import { requireLook, shotView } from '../views.ts';

type Group = Pick<Handlers, 'sessions.list' | 'sessions.create' | 'sessions.delete' | 'sessions.addShot' | 'sessions.removeShot' | 'sessions.reorder' | 'sessions.setStyleReference' | 'sessions.setPrimaryReference' | 'sessions.setStrength' | 'sessions.setMode' | 'sessions.setCharacterReference'>;

const styleRefs = (project: Project, lookId: string) => listReferences(project.db, lookId).filter((r) => r.approved && r.role !== 'product');

function load(project: Project, sessionId: string): { session: ContinuitySession; lookId: string } {
  const row = getSession(project.db, sessionId);
  if (!row || !row.lookId) throw new InputError(`session not found: ${sessionId}`, 'sessionId', sessionId);
  const shots = listSessionShots(project.db, sessionId).map((r) => ({
    id: r.id, label: r.plan.label, framing: r.plan.framing, motion: r.plan.motion,
    mode: r.plan.continuityMode === 'frame-bridge' ? 'frame-bridge' as const : 'style-match' as const,
    styleReferenceId: r.plan.styleReferenceId, styleStrength: r.plan.styleStrength, characterReference: r.plan.characterReference,
    action: '', stale: r.stale, staleReason: null, rendered: Boolean(r.currentTakeId),
  }));
  const primary = (row.primaryStyleRef ?? { kind: 'reference', index: 0 }) as StyleReference;
  return { session: { id: row.id, name: row.name, primaryStyleReference: primary, shots }, lookId: row.lookId };
}

function save(project: Project, lookId: string, s: ContinuitySession): void {
  const db = project.db;
  db.transaction(() => {
    const existing = new Map(listSessionShots(db, s.id).map((r) => [r.id, r]));
    for (const [id] of existing) if (!s.shots.some((x) => x.id === id)) deleteShotRow(db, id);
    s.shots.forEach((x, index) => {
      const plan: PlannedShot = {
        id: x.id, index, kind: 'sequence', parentId: null, framing: x.framing, motion: x.motion, deltas: [], continuityMode: x.mode,
        styleStrength: x.styleStrength, styleReferenceId: x.styleReferenceId, characterReference: x.characterReference, label: x.label || `shot ${index + 1}`,
      };
      if (existing.has(x.id)) {
        updateShotPlan(db, x.id, plan);
        setShotPosition(db, x.id, index);
      } else insertShot(db, lookId, { id: x.id, plan, sessionId: s.id, position: index });
      setShotsStale(db, [x.id], x.stale);
    });
    setSessionStyleRef(db, s.id, s.primaryStyleReference);
  }).immediate();
}

function view(project: Project, sessionId: string): SessionView {
  const { session, lookId } = load(project, sessionId);
  const p = session.primaryStyleReference;
  const refs = styleRefs(project, lookId);
  const primaryReference: SessionView['primaryReference'] = p.kind === 'reference'
    ? { kind: 'reference', referenceId: refs[p.index]?.id ?? null, label: refs[p.index]?.label ?? 'first approved reference' }
    : { kind: 'take-frame', shotId: p.shotId, at: p.at, label: `${p.at} frame of ${getShot(project.db, p.shotId)?.plan.label ?? p.shotId}` };
  return { id: session.id, lookId, name: session.name, primaryReference, shots: listSessionShots(project.db, sessionId).map((r) => shotView(project, r)) };
}

export function sessionHandlers(ctx: StudioContext): Group {
  const edit = (sessionId: string, fn: (s: ContinuitySession, lookId: string, project: Project) => ContinuitySession): SessionView => {
    const { project } = requireProject(ctx);
    const { session, lookId } = load(project, sessionId);
    save(project, lookId, fn(session, lookId, project));
    return view(project, sessionId);
  };
  return {
    'sessions.list': async ({ lookId }) => {
      const { project } = requireProject(ctx);
      requireLook(project, lookId);
      return listSessions(project.db, lookId).map((s) => view(project, s.id));
    },
    'sessions.create': async ({ lookId, name }) => {
      const { project } = requireProject(ctx);
      requireLook(project, lookId);
      const s = createSession(project.db, { lookId, name, primaryStyleRef: { kind: 'reference', index: 0 } });
      return view(project, s.id);
    },
    'sessions.delete': async ({ sessionId }) => { const { project } = requireProject(ctx); load(project, sessionId); deleteSession(project.db, sessionId); return null; },
    'sessions.addShot': async ({ sessionId, label, continuityMode }) => edit(sessionId, (s, lookId, project) => {
      const canon = getCanonVersion(project.db, lookId)?.canon;
      const mode = continuityMode === 'frame-bridge' || continuityMode === undefined ? 'frame-bridge' : 'style-match';
      return addShot(s, { id: newId(), label: label ?? `shot ${s.shots.length + 1}`, framing: canon?.camera.framing ?? 'medium', motion: canon?.camera.motion ?? 'drift', mode });
    }),
    'sessions.removeShot': async ({ sessionId, shotId }) => edit(sessionId, (s) => deleteShot(s, shotId)),
    'sessions.reorder': async ({ sessionId, shotIds }) => edit(sessionId, (s) => {
      if (shotIds.length !== s.shots.length || !s.shots.every((x) => shotIds.includes(x.id))) throw new InputError('shotIds must list every shot of the session exactly once', 'shotIds', shotIds);
      return shotIds.reduce((acc, id, to) => (acc.shots[to]?.id === id ? acc : moveShot(acc, id, to)), s);
    }),
    'sessions.setStyleReference': async ({ sessionId, shotId, styleReferenceId }) => edit(sessionId, (s) => updateShot(s, shotId, { styleReferenceId })),
    'sessions.setPrimaryReference': async ({ sessionId, reference }) => edit(sessionId, (s, lookId, project) => {
      if (reference.kind === 'take-frame') return { ...s, primaryStyleReference: reference };
      const index = styleRefs(project, lookId).findIndex((r) => r.id === reference.referenceId);
      if (index < 0) throw new InputError(`reference ${reference.referenceId} is not an approved style reference of this look`, 'referenceId', reference.referenceId);
      // Every shot continues from the anchor, so changing it makes rendered shots stale.
      return { ...s, primaryStyleReference: { kind: 'reference', index }, shots: s.shots.map((x) => (x.rendered ? { ...x, stale: true } : x)) };
    }),
    'sessions.setStrength': async ({ sessionId, shotId, styleStrength }) => edit(sessionId, (s) => updateShot(s, shotId, { styleStrength })),
    'sessions.setMode': async ({ sessionId, shotId, continuityMode }) => edit(sessionId, (s) => {
      if (continuityMode !== 'frame-bridge' && continuityMode !== 'style-match') throw new InputError(`a session shot continues by "frame-bridge" or "style-match", got ${JSON.stringify(continuityMode)}`, 'continuityMode', continuityMode);
      return updateShot(s, shotId, { mode: continuityMode });
    }),
    'sessions.setCharacterReference': async ({ sessionId, shotId, referenceId }) => edit(sessionId, (s) => updateShot(s, shotId, { characterReference: referenceId })),
  };
}
