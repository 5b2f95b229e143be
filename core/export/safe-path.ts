/**
 * Containment for everything the pack writer touches (issue 5 item 3, RELIABILITY.md "Files we
 * write"): a written path is built from sanitised segments, resolved, checked to stay inside
 * the root, and no existing component between the root and it may be a symlink. Files are then
 * created with O_EXCL ('wx' / COPYFILE_EXCL), which refuses an existing name and never follows
 * a symlink planted at the last component between our check and the write.
 */
import { lstatSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { WorkError } from '../domain/errors.ts';

/** True when `child` is `root` itself or below it (lexically, after resolution). */
export function isInside(root: string, child: string): boolean {
  const rel = relative(resolve(root), resolve(child));
  // "..r/x" is a child named "..r"; only a first segment of exactly ".." leaves the root.
  return rel === '' || (!isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

/**
 * Resolve `segments` (each one a single sanitised name) under `root`, refusing separators,
 * ".", ".." and anything that would land outside.
 */
export function resolveInside(root: string, ...segments: string[]): string {
  for (const seg of segments) {
    if (!seg || seg === '.' || seg === '..' || seg.includes('/') || seg.includes('\\') || seg.includes('\0')) {
      throw new WorkError(`refusing to write ${JSON.stringify(seg)} in ${root}: not a plain file name`, 'unsafe_path');
    }
  }
  const full = resolve(root, ...segments);
  if (!isInside(root, full)) throw new WorkError(`refusing to write ${full}: outside the export root ${root}`, 'unsafe_path');
  return full;
}

/**
 * Throw when `path` or any existing directory between `root` (exclusive) and it is a symlink.
 * Missing components are fine (they are about to be created with mkdir / O_EXCL).
 */
export function assertNoSymlinks(root: string, path: string): void {
  if (!isInside(root, path)) throw new WorkError(`refusing ${path}: outside the export root ${root}`, 'unsafe_path');
  const rel = relative(resolve(root), resolve(path));
  if (!rel) return;
  let current = resolve(root);
  for (const part of rel.split(sep)) {
    current = resolve(current, part);
    let st;
    try { st = lstatSync(current); } catch { return; }
    if (st.isSymbolicLink()) throw new WorkError(`refusing to write through the symlink ${current} (inside the export root ${root})`, 'unsafe_path');
  }
}
