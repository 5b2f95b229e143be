/**
 * One writer per project (issue 13, RELIABILITY.md "Paid jobs"): the process that drives paid
 * jobs on a project holds its lock, so a second `continuity run`, `session run` or the app on the
 * same folder waits or refuses instead of reconciling the first one's in-flight creates as
 * "not found" and paying for them again.
 *
 * Why an SQLite exclusive transaction on a side file (`writer.lock`) rather than a pid file: the
 * lock is an OS file lock (fcntl on POSIX, LockFileEx on Windows) taken by SQLite's own, well
 * tested locking code, and the OS drops it the instant the holder dies, kill -9 and power cuts
 * included. So there is no stale lock to detect, no pid-reuse guess and no race between two
 * processes "recovering" the same stale file. It needs nothing the project database does not
 * already need (a local file system with working locks). The holder's details (pid, command,
 * host, since) go to `writer.json` after the lock is won, only to name the holder in messages;
 * the truth is the lock itself, so a leftover writer.json from a dead process is harmless.
 */
import { hostname } from 'node:os';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CanceledError, WorkError } from '../domain/errors.ts';
import { createLogger } from '../log/logger.ts';

const log = createLogger('store');

export const LOCK_FILE = 'writer.lock';
export const HOLDER_FILE = 'writer.json';

export interface LockHolder { pid: number; host: string; command: string; since: string; token: string }

export interface ProjectLock {
  dir: string;
  holder: LockHolder;
  /** Give the project up (idempotent). Also happens by itself when the process dies. */
  release(): void;
}

/** The project is held by another writer; `holder` names it when its details are readable. */
export class ProjectLockedError extends WorkError {
  constructor(readonly dir: string, readonly holder: LockHolder | null, hint = 'Wait for it to finish, or run again with --wait to start when it does.') {
    super(`${describeHolder(dir, holder)}. ${hint}`, 'project_locked');
    this.name = 'ProjectLockedError';
  }
}

/** "project X is in use by pid 123 (continuity run …) on host since … (N min ago)". */
export function describeHolder(dir: string, holder: LockHolder | null, now = Date.now()): string {
  if (!holder) return `project ${dir} is in use by another process (it has not written its details yet)`;
  const mins = Math.max(0, Math.round((now - Date.parse(holder.since)) / 60_000));
  return `project ${dir} is in use by pid ${holder.pid} (${holder.command}) on ${holder.host} since ${holder.since} (${mins} min ago)`;
}

/** Who holds the project now, as far as writer.json says (null when unknown). */
export function readHolder(dir: string): LockHolder | null {
  try {
    const h = JSON.parse(readFileSync(join(dir, HOLDER_FILE), 'utf8')) as Partial<LockHolder>;
    if (typeof h.pid === 'number' && typeof h.command === 'string' && typeof h.since === 'string') {
      return { pid: h.pid, host: String(h.host ?? ''), command: h.command, since: h.since, token: String(h.token ?? '') };
    }
  } catch { /* missing or half-written: unknown */ }
  return null;
}

/** Take the lock now, or return null when another writer holds it. `dir` must exist. */
export function tryLockProject(dir: string, command: string): ProjectLock | null {
  // timeout 0: better-sqlite3 would otherwise block the event loop for its 5 s busy timeout
  const db = new Database(join(dir, LOCK_FILE), { timeout: 0 });
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY' || (err as { code?: string }).code === 'SQLITE_LOCKED') return null;
    throw new WorkError(`cannot lock project ${dir}: ${(err as Error).message}`, 'project_lock', { cause: err });
  }
  const holder: LockHolder = { pid: process.pid, host: hostname(), command: command.slice(0, 300), since: new Date().toISOString(), token: randomUUID() };
  const tmp = join(dir, `${HOLDER_FILE}.${holder.token}.tmp`);
  writeFileSync(tmp, JSON.stringify(holder, null, 2));
  renameSync(tmp, join(dir, HOLDER_FILE));
  let held = true;
  return {
    dir,
    holder,
    release() {
      if (!held) return;
      held = false;
      if (readHolder(dir)?.token === holder.token) rmSync(join(dir, HOLDER_FILE), { force: true });
      try { db.exec('ROLLBACK'); } catch { /* nothing was written in it */ }
      db.close();
    },
  };
}

export interface LockOptions {
  /** What the holder is doing, shown to whoever finds the project taken (e.g. "continuity run LOOK.json"). */
  command: string;
  /** Wait for the holder to finish instead of refusing (default false). */
  wait?: boolean;
  signal?: AbortSignal;
  /** Told once when the project is taken and we start waiting. */
  onWaiting?: (message: string) => void;
  /** How often to try again while waiting, ms (default 500). */
  retryMs?: number;
}

/**
 * Take the project's writer lock: at once, or after waiting (`wait`), else ProjectLockedError
 * naming the holder. Waiting ends with CanceledError when `signal` aborts.
 */
export async function lockProject(dir: string, o: LockOptions): Promise<ProjectLock> {
  let told = false;
  for (;;) {
    const lock = tryLockProject(dir, o.command);
    if (lock) { if (told) log.info('project lock taken after waiting', { dir }); return lock; }
    const holder = await holderDetails(dir);
    if (!o.wait) throw new ProjectLockedError(dir, holder);
    if (!told) { told = true; o.onWaiting?.(`${describeHolder(dir, holder)}; waiting for it to finish (Ctrl-C to stop)`); }
    await new Promise<void>((resolve, reject) => {
      if (o.signal?.aborted) return reject(new CanceledError('stopped waiting for the project lock'));
      const t = setTimeout(() => { o.signal?.removeEventListener('abort', onAbort); resolve(); }, o.retryMs ?? 500);
      const onAbort = () => { clearTimeout(t); reject(new CanceledError('stopped waiting for the project lock')); };
      o.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/**
 * The holder takes the lock first and writes its details just after: a process arriving in between
 * would name nobody. Give the details up to ~2 s to appear (a busy machine) before saying so.
 */
async function holderDetails(dir: string): Promise<LockHolder | null> {
  let holder = readHolder(dir);
  for (let i = 0; !holder && i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    holder = readHolder(dir);
  }
  return holder;
}

/** The command line of this process, for LockHolder.command. */
export function thisCommand(fallback: string): string {
  const args = process.argv.slice(2);
  return args.length ? `continuity ${args.join(' ')}` : fallback;
}
