/**
 * `continuity session create | add | set | move | delete | list`: edit a session through
 * core/continuity's pure functions (which mark dependants stale) and save it to the project.
 */
import { existsSync, statSync } from 'node:fs';
import type { CliIO } from '../command.ts';
import { parseCommandArgs } from '../command.ts';
import { InputError } from '../../core/domain/errors.ts';
import { addShot, deleteShot, editShotSettings, moveShot, type ContinuitySession, type SessionShot } from '../../core/continuity/session.ts';
import { chooseCharacterReference } from '../../core/pipeline/character-choice.ts';
import { importLookFile } from '../../core/pipeline/project-look.ts';
import { createProjectSession, findSessionShot, loadSession, saveSession } from '../../core/pipeline/session-store.ts';
import { getLookByName, listLooks } from '../../core/store/looks-repo.ts';
import { openProject, type Project } from '../../core/store/open-project.ts';
import { newId } from '../../core/store/row-helpers.ts';
import { deleteSession, listSessions } from '../../core/store/sessions-repo.ts';
import { listSessionShots } from '../../core/store/shots-repo.ts';
import { noExtra, openExistingProject, openSession, parseFraming, parseMode, parseMotion, parsePosition, parsePrimary, parseStrength } from './args.ts';
import { formatSessionList, formatSessionShots } from './format.ts';

type Sub = (argv: string[], io: CliIO) => Promise<number>;

function print(io: CliIO, json: boolean | undefined, session: ContinuitySession, message: string): number {
  io.out(json ? JSON.stringify(session, null, 2) : `${message}\n\n${formatSessionShots(session)}`);
  return 0;
}

/** A LOOK.json path is imported into the project; anything else is a look name already in it. */
async function resolveLook(project: Project, raw: string | undefined, allowOutside?: boolean): Promise<string> {
  if (!raw) throw new InputError('session create: --look is required (a LOOK.json file or the name of a look in the project)', 'look');
  if (raw.toLowerCase().endsWith('.json') && existsSync(raw) && statSync(raw).isFile()) return (await importLookFile(project, raw, { allowOutside })).lookId;
  const row = getLookByName(project.db, raw);
  if (row) return row.id;
  const names = listLooks(project.db).map((l) => JSON.stringify(l.name));
  throw new InputError(`--look ${JSON.stringify(raw)} is neither a LOOK.json file nor a look in this project${names.length ? ` (looks: ${names.join(', ')})` : ''}`, 'look', raw);
}

const create: Sub = async (argv, io) => {
  const { values, positionals } = parseCommandArgs('session create', argv, { look: { type: 'string' }, name: { type: 'string' }, primary: { type: 'string' }, json: { type: 'boolean' }, 'allow-outside': { type: 'boolean' } });
  const [dir, ...extra] = positionals;
  noExtra('create', extra);
  if (!dir) throw new InputError('session create: missing PROJECT folder (created when missing)', 'PROJECT');
  if (!values.name) throw new InputError('session create: --name is required', 'name');
  const project = openProject(dir, { create: true });
  try {
    const lookId = await resolveLook(project, values.look, values['allow-outside']);
    const session = createProjectSession(project, { lookId, name: values.name, primaryStyleReference: parsePrimary(values.primary) });
    return print(io, values.json, session, `created session "${session.name}" (${session.id})`);
  } finally { project.close(); }
};

const SHOT_OPTIONS = {
  framing: { type: 'string' }, motion: { type: 'string' }, mode: { type: 'string' }, 'style-ref': { type: 'string' },
  strength: { type: 'string' }, label: { type: 'string' }, action: { type: 'string' }, character: { type: 'string' }, json: { type: 'boolean' },
} as const;

type ShotValues = { [K in keyof typeof SHOT_OPTIONS]?: (typeof SHOT_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

/**
 * The shot fields given on the command line (undefined = not given). `--style-ref none` and
 * `--character none` clear theirs; `--character REF` must name an approved look reference.
 */
function shotPatch(values: ShotValues, session: ContinuitySession, character: (raw: string) => string): Partial<Omit<SessionShot, 'id'>> {
  const styleRef = values['style-ref'];
  const chosen = values.character;
  const patch: Partial<Omit<SessionShot, 'id'>> = {
    framing: parseFraming(values.framing), motion: parseMotion(values.motion), mode: parseMode(values.mode),
    styleStrength: parseStrength(values.strength), label: values.label, action: values.action,
    styleReferenceId: styleRef === undefined ? undefined : styleRef === 'none' ? null : findSessionShot(session, styleRef).id,
    characterReference: chosen === undefined ? undefined : chosen === 'none' ? null : character(chosen),
  };
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
}

const add: Sub = async (argv, io) => {
  const { values, positionals } = parseCommandArgs('session add', argv, { ...SHOT_OPTIONS, at: { type: 'string' } });
  const { project, stored, rest } = openSession(positionals, 'add');
  try {
    noExtra('add', rest);
    const s = stored.session;
    const patch = shotPatch(values, s, (raw) => chooseCharacterReference(project, stored.lookId, raw));
    if (!patch.framing || !patch.motion) throw new InputError('session add: --framing and --motion are required (e.g. --framing wide --motion push-in)', patch.framing ? 'motion' : 'framing');
    const at = parsePosition('at', values.at, s.shots.length + 1);
    const id = newId();
    const next = addShot(s, { mode: 'frame-bridge', ...patch, framing: patch.framing, motion: patch.motion, id, label: patch.label ?? `shot ${s.shots.length + 1}` }, at === undefined ? undefined : at - 1);
    const saved = saveSession(project, next).session;
    return print(io, values.json, saved, `added shot ${saved.shots.findIndex((x) => x.id === id) + 1} to "${saved.name}"`);
  } finally { project.close(); }
};

const set: Sub = async (argv, io) => {
  const { values, positionals } = parseCommandArgs('session set', argv, { ...SHOT_OPTIONS, primary: { type: 'string' } });
  const { project, stored, rest } = openSession(positionals, 'set');
  try {
    const [shotRef, ...extra] = rest;
    noExtra('set', extra);
    let s = stored.session;
    const primary = parsePrimary(values.primary, s);
    if (primary) {
      // Every shot continues from the anchor, so a new anchor makes every rendered shot stale.
      s = { ...s, primaryStyleReference: primary, shots: s.shots.map((x) => (x.rendered ? { ...x, stale: true, staleReason: 'the session\'s primary style reference changed' } : x)) };
    }
    if (shotRef) {
      const shot = findSessionShot(s, shotRef);
      const patch = shotPatch(values, s, (raw) => chooseCharacterReference(project, stored.lookId, raw));
      if (Object.keys(patch).length === 0) throw new InputError('session set: give at least one of --framing, --motion, --mode, --style-ref, --strength, --label, --action, --character', 'options');
      // The shot and what continues from it are stale; shots before it are not.
      s = editShotSettings(s, shot.id, patch);
    } else if (!primary) {
      throw new InputError('session set: give a SHOT to change, or --primary to change the session\'s style reference', 'SHOT');
    }
    return print(io, values.json, saveSession(project, s).session, 'saved');
  } finally { project.close(); }
};

const move: Sub = async (argv, io) => {
  const { values, positionals } = parseCommandArgs('session move', argv, { to: { type: 'string' }, json: { type: 'boolean' } });
  const { project, stored, rest } = openSession(positionals, 'move');
  try {
    const [shotRef, ...extra] = rest;
    noExtra('move', extra);
    if (!shotRef) throw new InputError('session move: missing SHOT (its number, id or label)', 'SHOT');
    const to = parsePosition('to', values.to, stored.session.shots.length);
    if (to === undefined) throw new InputError('session move: --to POSITION is required', 'to');
    const shot = findSessionShot(stored.session, shotRef);
    return print(io, values.json, saveSession(project, moveShot(stored.session, shot.id, to - 1)).session, `moved "${shot.label}" to position ${to}`);
  } finally { project.close(); }
};

const del: Sub = async (argv, io) => {
  const { values, positionals } = parseCommandArgs('session delete', argv, { session: { type: 'boolean' }, json: { type: 'boolean' } });
  const { project, stored, rest } = openSession(positionals, 'delete');
  try {
    const [shotRef, ...extra] = rest;
    noExtra('delete', extra);
    if (values.session) {
      if (shotRef) throw new InputError('session delete: give either a SHOT or --session, not both', 'SHOT', shotRef);
      deleteSession(project.db, stored.session.id);
      io.out(values.json ? JSON.stringify({ deleted: stored.session.id }) : `deleted session "${stored.session.name}" and its ${stored.session.shots.length} shot(s) with their takes`);
      return 0;
    }
    if (!shotRef) throw new InputError('session delete: missing SHOT (or --session to delete the whole session)', 'SHOT');
    const shot = findSessionShot(stored.session, shotRef);
    return print(io, values.json, saveSession(project, deleteShot(stored.session, shot.id)).session, `deleted shot "${shot.label}" and its takes`);
  } finally { project.close(); }
};

const list: Sub = async (argv, io) => {
  const { values, positionals } = parseCommandArgs('session list', argv, { json: { type: 'boolean' } });
  if (positionals.length >= 2) {
    const { project, stored, rest } = openSession(positionals, 'list');
    try {
      noExtra('list', rest);
      io.out(values.json ? JSON.stringify(stored.session, null, 2) : formatSessionShots(stored.session));
      return 0;
    } finally { project.close(); }
  }
  const project = openExistingProject(positionals[0], 'list');
  try {
    const rows = listSessions(project.db);
    const counts = new Map(rows.map((r) => [r.id, listSessionShots(project.db, r.id).length]));
    io.out(values.json ? JSON.stringify(rows.map((r) => loadSession(project, r.id).session), null, 2) : formatSessionList(rows, counts));
    return 0;
  } finally { project.close(); }
};

export const editCommands: Record<string, Sub> = { create, add, set, move, delete: del, list };
