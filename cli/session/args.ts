/**
 * Argument parsing shared by the `continuity session` subcommands. Every error names the option
 * and the value (exit 2).
 */
import { existsSync } from 'node:fs';
import { InputError } from '../../core/domain/errors.ts';
import { CAMERA_MOTIONS, FRAMINGS, type CameraMotion, type Framing } from '../../core/domain/canon.ts';
import { STRENGTH_PRESETS, type StrengthPreset } from '../../core/domain/shot.ts';
import type { ContinuitySession, SessionMode, StyleReference } from '../../core/continuity/session.ts';
import { findSession, findSessionShot, loadSession, type StoredSession } from '../../core/pipeline/session-store.ts';
import { openProject, type Project } from '../../core/store/open-project.ts';
import { DB_FILE } from '../../core/store/open-project.ts';
import { join, resolve } from 'node:path';

/** --strength: a preset name (loose 0.4, balanced 0.6, strict 0.8, exact 0.95) or a number 0..1. */
export function parseStrength(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const key = raw.trim().toLowerCase();
  if (key in STRENGTH_PRESETS) return STRENGTH_PRESETS[key as StrengthPreset];
  const n = Number(key);
  if (key === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new InputError(`--strength must be loose, balanced, strict, exact or a number from 0 to 1, got ${JSON.stringify(raw)}`, 'strength', raw);
  }
  return n;
}

export function parseMode(raw: string | undefined): SessionMode | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'frame-bridge' || raw === 'style-match') return raw;
  throw new InputError(`--mode must be frame-bridge (continue from the previous shot's last frame) or style-match (new angle), got ${JSON.stringify(raw)}`, 'mode', raw);
}

export function parseFraming(raw: string | undefined): Framing | undefined {
  if (raw === undefined) return undefined;
  if ((FRAMINGS as readonly string[]).includes(raw)) return raw as Framing;
  throw new InputError(`--framing must be one of ${FRAMINGS.join(', ')}, got ${JSON.stringify(raw)}`, 'framing', raw);
}

export function parseMotion(raw: string | undefined): CameraMotion | undefined {
  if (raw === undefined) return undefined;
  if ((CAMERA_MOTIONS as readonly string[]).includes(raw)) return raw as CameraMotion;
  throw new InputError(`--motion must be one of ${CAMERA_MOTIONS.join(', ')}, got ${JSON.stringify(raw)}`, 'motion', raw);
}

/** A 1-based position within 1..max. */
export function parsePosition(name: string, raw: string | undefined, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new InputError(`--${name} must be a position from 1 to ${max}, got ${JSON.stringify(raw)}`, name, raw);
  return n;
}

/**
 * --primary: `ref:N` (the look's reference N, 1-based) or `SHOT@first|last|SECONDS` (a frame of
 * that shot's current take; SHOT as for any shot argument, resolved in `session` when given).
 */
export function parsePrimary(raw: string | undefined, session?: ContinuitySession): StyleReference | undefined {
  if (raw === undefined) return undefined;
  const ref = /^ref:(\d+)$/.exec(raw);
  if (ref) {
    const n = Number(ref[1]);
    if (n < 1) throw new InputError(`--primary ref:N counts from 1, got ${JSON.stringify(raw)}`, 'primary', raw);
    return { kind: 'reference', index: n - 1 };
  }
  const frame = /^(.+)@(first|last|\d+(?:\.\d+)?)$/.exec(raw);
  if (!frame) throw new InputError(`--primary must be ref:N (a look reference) or SHOT@first|last|SECONDS (a frame of a take), got ${JSON.stringify(raw)}`, 'primary', raw);
  const at = frame[2] === 'first' || frame[2] === 'last' ? frame[2] : Number(frame[2]);
  const shotId = session ? findSessionShot(session, frame[1]!).id : frame[1]!;
  return { kind: 'take-frame', shotId, at };
}

/** Open an existing project folder (never creates one: a typo must not make an empty project). */
export function openExistingProject(dir: string | undefined, sub: string): Project {
  if (!dir) throw new InputError(`session ${sub}: missing PROJECT folder. Run "continuity session ${sub} --help".`, 'PROJECT');
  if (!existsSync(join(resolve(dir), DB_FILE))) throw new InputError(`not a project folder (no ${DB_FILE}): ${resolve(dir)}. Create one with "continuity session create ${dir} --look LOOK.json --name NAME".`, 'PROJECT', dir);
  return openProject(dir);
}

/** PROJECT SESSION → the open project and the stored session; the project must be closed by the caller. */
export function openSession(positionals: string[], sub: string): { project: Project; stored: StoredSession; rest: string[] } {
  const [dir, sessionRef, ...rest] = positionals;
  const project = openExistingProject(dir, sub);
  try {
    if (!sessionRef) throw new InputError(`session ${sub}: missing SESSION (its name or id). Run "continuity session list ${dir}" to see them.`, 'SESSION');
    return { project, stored: loadSession(project, findSession(project, sessionRef).id), rest };
  } catch (err) {
    project.close();
    throw err;
  }
}

export function noExtra(sub: string, extra: string[]): void {
  if (extra.length) throw new InputError(`session ${sub}: unexpected argument ${JSON.stringify(extra[0])}. Run "continuity session ${sub} --help".`, 'argument', extra[0]);
}
