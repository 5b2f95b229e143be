/**
 * A look names its images relative to its own folder. A path that leaves it — `../`, an
 * absolute path, or a symbolic link whose target is elsewhere — would copy files from anywhere
 * on disk into the project and its exported packs, so it needs an explicit yes
 * (`--allow-outside` in the CLI, a confirmation in the app); without one it is bad input.
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { InputError } from '../domain/errors.ts';

export interface InsideFolderCheck {
  /** The LOOK.json field that named the file, e.g. `references[2].path`. */
  field: string;
  /** The path as written. */
  shown: string;
  /** Names the look file in the message. */
  file: string;
  /** The user said yes to files outside the folder. */
  allowOutside?: boolean;
}

async function real(path: string): Promise<string> {
  try { return await realpath(path); } catch { return resolve(path); }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel);
}

/** A reference outside the look's folder: the app asks the person (and retries with allowOutside). */
export class OutsideFolderError extends InputError {
  override readonly code = 'outside_folder';
}

/**
 * Refuse `path` unless it (after following every symbolic link) lies inside `folder`.
 * @throws InputError naming the look file, the field and the path, saying how to allow it
 */
export async function assertInsideFolder(path: string, folder: string, o: InsideFolderCheck): Promise<void> {
  if (o.allowOutside) return;
  const [target, root] = await Promise.all([real(path), real(folder)]);
  if (inside(root, target)) return;
  const via = resolve(path) !== target && inside(root, resolve(path)) ? ` through a symbolic link to ${target}` : '';
  throw new OutsideFolderError(
    `${o.file}: ${o.field} ${JSON.stringify(o.shown)} is outside the look's folder ${root}${via}; ` +
    'move the image into that folder, or allow files outside it explicitly (continuity: --allow-outside; the app asks)',
    o.field, o.shown,
  );
}
