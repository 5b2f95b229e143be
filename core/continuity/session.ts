/**
 * Continuity sessions (DESIGN.md §1, issue 4 item 2): an ordered list of shots where each shot
 * continues the previous one (frame bridge: same angle; style match: new angle) or inherits its
 * style from any earlier shot (`styleReferenceId`: flashbacks, cutaways).
 *
 * Pure operations returning a new session; persistence is the store's job. Regenerating a shot
 * marks every later shot that depends on it stale, and says why, instead of silently keeping
 * clips that no longer continue from what is on screen.
 */
import { z } from 'zod';
import { InputError } from '../domain/errors.ts';
import { CameraMotionSchema, FramingSchema } from '../domain/canon.ts';
import { STRENGTH_PRESETS } from '../domain/shot.ts';

export const SessionModeSchema = z.enum(['frame-bridge', 'style-match']);
export type SessionMode = z.infer<typeof SessionModeSchema>;

export const StyleReferenceSchema = z.discriminatedUnion('kind', [
  /** One of the look's reference images, by index into the look's references. */
  z.object({ kind: z.literal('reference'), index: z.number().int().min(0) }),
  /** A frame of any take: 'first' | 'last' | seconds. */
  z.object({ kind: z.literal('take-frame'), shotId: z.string(), at: z.union([z.literal('first'), z.literal('last'), z.number().min(0)]) }),
]);
export type StyleReference = z.infer<typeof StyleReferenceSchema>;

export const SessionShotSchema = z.object({
  id: z.string().min(1),
  label: z.string().default(''),
  framing: FramingSchema,
  motion: CameraMotionSchema,
  mode: SessionModeSchema,
  styleReferenceId: z.string().nullable().default(null),
  styleStrength: z.number().min(0).max(1).default(STRENGTH_PRESETS.balanced),
  characterReference: z.string().nullable().default(null),
  /** Extra action for this shot, appended to the canon's beats in the prompt. */
  action: z.string().default(''),
  stale: z.boolean().default(false),
  staleReason: z.string().nullable().default(null),
  rendered: z.boolean().default(false),
});
export type SessionShot = z.infer<typeof SessionShotSchema>;

export const SessionSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  primaryStyleReference: StyleReferenceSchema.default({ kind: 'reference', index: 0 }),
  shots: z.array(SessionShotSchema),
});
export type ContinuitySession = z.infer<typeof SessionSchema>;
export type NewSessionShot = z.input<typeof SessionShotSchema>;

function indexOf(session: ContinuitySession, shotId: string): number {
  const i = session.shots.findIndex((s) => s.id === shotId);
  if (i < 0) throw new InputError(`session "${session.name}" has no shot "${shotId}"`, 'shotId', shotId);
  return i;
}

/** Checks the rules that make a session renderable; throws naming the shot and the rule. */
export function validateSession(session: ContinuitySession): void {
  const seen = new Set<string>();
  session.shots.forEach((shot, i) => {
    if (seen.has(shot.id)) throw new InputError(`shot ${i + 1} reuses the id "${shot.id}"`, 'id', shot.id);
    if (shot.styleReferenceId !== null && !seen.has(shot.styleReferenceId)) {
      throw new InputError(`shot ${i + 1} ("${shot.id}") inherits style from "${shot.styleReferenceId}", which is not an earlier shot`, 'styleReferenceId', shot.styleReferenceId);
    }
    seen.add(shot.id);
  });
}

export function addShot(session: ContinuitySession, shot: NewSessionShot, at = session.shots.length): ContinuitySession {
  const parsed = SessionShotSchema.parse(shot);
  const shots = [...session.shots];
  shots.splice(Math.max(0, Math.min(at, shots.length)), 0, parsed);
  const next = { ...session, shots };
  validateSession(next);
  return markDependentsStale(next, at, `shot "${parsed.id}" was inserted before it`);
}

/** Move a shot; shots whose predecessor changed are stale (their bridge no longer matches). */
export function moveShot(session: ContinuitySession, shotId: string, to: number): ContinuitySession {
  const from = indexOf(session, shotId);
  const shots = [...session.shots];
  const [moved] = shots.splice(from, 1);
  const target = Math.max(0, Math.min(to, shots.length));
  shots.splice(target, 0, moved!);
  const next = { ...session, shots };
  validateSession(next);
  return markDependentsStale(next, Math.min(from, target), `the shot order changed`);
}

/** Delete a shot; shots that inherited style from it fall back to continuing the previous shot. */
export function deleteShot(session: ContinuitySession, shotId: string): ContinuitySession {
  const i = indexOf(session, shotId);
  const shots = session.shots.filter((s) => s.id !== shotId).map((s) => (s.styleReferenceId === shotId ? { ...s, styleReferenceId: null } : s));
  return markDependentsStale({ ...session, shots }, i, `shot "${shotId}" was deleted`);
}

export function updateShot(session: ContinuitySession, shotId: string, patch: Partial<Omit<SessionShot, 'id'>>): ContinuitySession {
  const i = indexOf(session, shotId);
  const shots = session.shots.map((s, j) => (j === i ? SessionShotSchema.parse({ ...s, ...patch }) : s));
  const next = { ...session, shots };
  validateSession(next);
  return next;
}

/**
 * A person's edit of one shot's settings (CLI `session set`, the app's shot settings): the shot,
 * when rendered, is stale because its settings changed, and so is every rendered shot that
 * continues from it; shots before it are not.
 */
export function editShotSettings(session: ContinuitySession, shotId: string, patch: Partial<Omit<SessionShot, 'id'>>): ContinuitySession {
  const i = indexOf(session, shotId);
  const shot = session.shots[i]!;
  const next = updateShot(session, shotId, { ...patch, ...(shot.rendered ? { stale: true, staleReason: 'its settings changed' } : {}) });
  const downstream = new Set(dependentsOf(next, shotId));
  return { ...next, shots: next.shots.map((x) => (downstream.has(x.id) && x.rendered && !x.stale ? { ...x, stale: true, staleReason: `shot ${i + 1} changed and this shot continues from it` } : x)) };
}

/**
 * Which shot (if any) this shot takes its style from: its `styleReferenceId`, else the shot before
 * it, else null (the first shot takes the session's primary style reference).
 */
export function styleSourceOf(session: ContinuitySession, shotId: string): string | null {
  const i = indexOf(session, shotId);
  const shot = session.shots[i]!;
  if (shot.styleReferenceId) return shot.styleReferenceId;
  return i > 0 ? session.shots[i - 1]!.id : null;
}

/** Shots whose rendering depends on `shotId`: bridges/style matches after it, and style inheritors. */
export function dependentsOf(session: ContinuitySession, shotId: string): string[] {
  const affected = new Set<string>([shotId]);
  for (const shot of session.shots) {
    if (affected.has(shot.id)) continue;
    const source = styleSourceOf(session, shot.id);
    if (source && affected.has(source)) affected.add(shot.id);
  }
  affected.delete(shotId);
  return [...affected];
}

/** After a shot is regenerated: it is fresh, and everything downstream of it is stale. */
export function markRegenerated(session: ContinuitySession, shotId: string): { session: ContinuitySession; staled: string[] } {
  indexOf(session, shotId);
  const staled = dependentsOf(session, shotId).filter((id) => session.shots.find((s) => s.id === id)?.rendered);
  const reason = `shot "${shotId}" was regenerated; this shot continues from it`;
  const shots = session.shots.map((s) => {
    if (s.id === shotId) return { ...s, stale: false, staleReason: null, rendered: true };
    if (staled.includes(s.id)) return { ...s, stale: true, staleReason: reason };
    return s;
  });
  return { session: { ...session, shots }, staled };
}

function markDependentsStale(session: ContinuitySession, fromIndex: number, why: string): ContinuitySession {
  const shots = session.shots.map((s, j) => (j >= fromIndex && s.rendered && !s.stale ? { ...s, stale: true, staleReason: why } : s));
  // A shot at fromIndex that was just inserted is unrendered and so stays clean.
  return { ...session, shots };
}
