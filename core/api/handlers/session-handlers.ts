/**
 * sessions.*: continuity sessions, stored by core/pipeline's session store (a sessions row + shot
 * rows of kind "sequence") and edited with core/continuity's pure operations, which also mark
 * dependants stale. Rendering a session is `runs.session` (run-handlers.ts).
 */
import { InputError } from '../../domain/errors.ts';
import { addShot, deleteShot, editShotSettings, moveShot, updateShot, type ContinuitySession } from '../../continuity/session.ts';
import { getCanonVersion, listReferences } from '../../store/looks-repo.ts';
import type { Project } from '../../store/open-project.ts';
import { deleteSession, listSessions } from '../../store/sessions-repo.ts';
import { getShot, listSessionShots } from '../../store/shots-repo.ts';
import { createProjectSession, loadSession, saveSession } from '../../pipeline/session-store.ts';
import { newId } from '../../store/row-helpers.ts';
import type { Handlers } from '../dispatch.ts';
import { requireProject, type StudioContext } from '../studio-context.ts';
import type { SessionView } from '../types.ts';
import { requireLook, shotView } from '../views.ts';

type Group = Pick<Handlers, 'sessions.list' | 'sessions.create' | 'sessions.delete' | 'sessions.addShot' | 'sessions.removeShot' | 'sessions.reorder' | 'sessions.setStyleReference' | 'sessions.setPrimaryReference' | 'sessions.setStrength' | 'sessions.setMode' | 'sessions.setCharacterReference' | 'sessions.updateShot'>;

const styleRefs = (project: Project, lookId: string) => listReferences(project.db, lookId).filter((r) => r.approved && r.role !== 'product');

function view(project: Project, sessionId: string): SessionView {
  const { session, lookId } = loadSession(project, sessionId);
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
    const { session, lookId } = loadSession(project, sessionId);
    saveSession(project, fn(session, lookId, project));
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
      return view(project, createProjectSession(project, { lookId, name }).id);
    },
    'sessions.delete': async ({ sessionId }) => { const { project } = requireProject(ctx); loadSession(project, sessionId); deleteSession(project.db, sessionId); return null; },
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
    'sessions.updateShot': async ({ sessionId, shotId, label, framing, motion, action }) => edit(sessionId, (s) => {
      const patch = Object.fromEntries(Object.entries({ label, framing, motion, action }).filter(([, v]) => v !== undefined));
      if (Object.keys(patch).length === 0) throw new InputError('Nothing to change: give the shot a name, framing, camera motion or action.', 'shotId', shotId);
      return editShotSettings(s, shotId, patch);
    }),
    'sessions.setCharacterReference': async ({ sessionId, shotId, referenceId }) => edit(sessionId, (s) => updateShot(s, shotId, { characterReference: referenceId })),
  };
}
