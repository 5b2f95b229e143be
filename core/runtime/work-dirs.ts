/**
 * Scratch folders for one process, under `<tmp>/continuity-work/<pid>/`. A run that is killed
 * outright (SIGKILL, power cut) cannot clean up after itself, so every start reclaims the folders
 * of processes that no longer exist. A live process's folders are never touched.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The root of every process's scratch folders. */
export function workRoot(): string { return join(tmpdir(), 'continuity-work'); }

/** A fresh scratch folder owned by this process (`prefix-XXXXXX`). The caller removes it when done. */
export async function makeWorkDir(prefix: string): Promise<string> {
  const mine = join(workRoot(), String(process.pid));
  mkdirSync(mine, { recursive: true });
  return mkdtemp(join(mine, `${prefix}-`));
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (err) { return (err as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** Remove the scratch folders of processes that are gone, and this process's empty folder. @returns the pids reclaimed */
export function reclaimDeadWorkDirs(): number[] {
  let names: string[];
  try { names = readdirSync(workRoot()); } catch { return []; }
  const reclaimed: number[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid || alive(pid)) continue;
    rmSync(join(workRoot(), name), { recursive: true, force: true });
    reclaimed.push(pid);
  }
  return reclaimed;
}

/** Remove this process's own scratch root (at exit, after every folder was cleaned by its owner). */
export function removeOwnWorkRoot(): void {
  rmSync(join(workRoot(), String(process.pid)), { recursive: true, force: true });
}
