/**
 * Publishing a finished pack (issue 5 item 3): the pack is built in a temp folder beside the
 * target (same filesystem, so rename is atomic), then swapped in with two back-to-back renames:
 * target → backup, temp → target, after which the backup is deleted. A kill before the swap
 * leaves the previous pack untouched; a kill after it leaves the new one. Directory renames
 * cannot replace a non-empty folder in one step on POSIX or Windows (RENAME_EXCHANGE is
 * Linux-only and not reachable from Node), so for the instant between the two renames the
 * target is absent and the complete previous pack sits in the backup: `recoverInterruptedExport`
 * puts it back, and every export runs it first.
 */
import { lstatSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../domain/errors.ts';
import { createLogger } from '../log/logger.ts';
import { MANIFEST } from './plan-clip-pack.ts';
import { fsyncDir } from '../store/atomic-write.ts';

const log = createLogger('export');

/** Temp and backup folders are hidden siblings of the pack, tagged with the writer's pid. */
export function partialPrefix(folder: string): string { return `.${folder}.partial-`; }
export function backupPrefix(folder: string): string { return `.${folder}.previous-`; }

function pidOf(name: string, prefix: string): number | undefined {
  const m = /^(\d+)-/.exec(name.slice(prefix.length));
  return m ? Number(m[1]) : undefined;
}

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  if (pid === process.pid) return true;
  try { process.kill(pid, 0); return true; } catch (err) { return (err as NodeJS.ErrnoException).code === 'EPERM'; }
}

function exists(path: string): boolean {
  try { lstatSync(path); return true; } catch { return false; }
}

/**
 * Heal what a killed export left in `outDir` for this pack folder: restore a backup when the
 * target is missing, and delete stale temp and backup folders whose writer is gone. Folders of a
 * live writer (another export running now) are left alone.
 */
export function recoverInterruptedExport(outDir: string, folder: string): { restored: boolean; removed: string[] } {
  const target = join(outDir, folder);
  const removed: string[] = [];
  let restored = false;
  let names: string[];
  try { names = readdirSync(outDir); } catch { return { restored, removed }; }
  const backups = names.filter((n) => n.startsWith(backupPrefix(folder)) && !alive(pidOf(n, backupPrefix(folder))));
  for (const b of backups.sort()) {
    if (!exists(target)) {
      renameSync(join(outDir, b), target);
      restored = true;
      log.warn('restored the previous clip pack after an interrupted export', { target });
    } else {
      rmSync(join(outDir, b), { recursive: true, force: true });
      removed.push(b);
    }
  }
  for (const n of names.filter((n) => n.startsWith(partialPrefix(folder)) && !alive(pidOf(n, partialPrefix(folder))))) {
    rmSync(join(outDir, n), { recursive: true, force: true });
    removed.push(n);
  }
  return { restored, removed };
}

/**
 * Refuse to replace something that is not a previous clip pack: a symlink (never followed), a
 * file, or a folder with content but no manifest (a wrong --out must not delete someone's work).
 */
export function assertReplaceable(target: string): void {
  let st;
  try { st = lstatSync(target); } catch { return; }
  if (st.isSymbolicLink()) throw new InputError(`refusing to export into ${target}: it is a symlink (exports never follow links). Remove it or choose another --out.`, 'out', target);
  if (!st.isDirectory()) throw new InputError(`refusing to export into ${target}: it exists and is not a folder. Choose another --out.`, 'out', target);
  const entries = readdirSync(target);
  if (entries.length > 0 && !entries.includes(MANIFEST)) {
    throw new InputError(`refusing to replace ${target}: it is not a Continuity clip pack (no ${MANIFEST}). Choose another --out or remove the folder.`, 'out', target);
  }
}

/** Swap the finished temp folder in as `<outDir>/<folder>`, replacing a previous pack. */
export async function swapIntoPlace(tempDir: string, outDir: string, folder: string, tag: string): Promise<void> {
  const target = join(outDir, folder);
  assertReplaceable(target);
  if (exists(target)) {
    const backup = join(outDir, `${backupPrefix(folder)}${tag}`);
    // Synchronous and adjacent on purpose: no event-loop turn between the two renames.
    renameSync(target, backup);
    try {
      renameSync(tempDir, target);
    } catch (err) {
      renameSync(backup, target);
      throw err;
    }
    await fsyncDir(outDir);
    rmSync(backup, { recursive: true, force: true });
  } else {
    renameSync(tempDir, target);
    await fsyncDir(outDir);
  }
}
