/**
 * Applies numbered, append-only migrations (core/store/migrations). Each step runs in one
 * transaction together with its `PRAGMA user_version` bump, so a crash leaves the database at
 * the previous version or the next, never between.
 */
import type Database from 'better-sqlite3';
import { WorkError } from '../domain/errors.ts';
import type { Migration } from './migrations/migration.ts';
import { migrations as allMigrations } from './migrations/index.ts';

export type Db = Database.Database;

export function userVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** The newest schema this build knows. */
export function latestVersion(list: readonly Migration[] = allMigrations): number {
  return list.reduce((max, m) => Math.max(max, m.version), 0);
}

/** Throws when versions are not 1, 2, 3… in order (a merge mistake, caught at startup and in tests). */
export function checkMigrationList(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new WorkError(`migration list is broken: position ${i + 1} holds version ${m.version} (${m.name})`, 'migration_list');
  });
}

export interface MigrateResult { from: number; to: number; applied: number[] }

/**
 * Bring `db` up to `target` (default: the newest). A database newer than `target` is left alone;
 * callers decide (openProject opens it read-only).
 */
export function migrate(db: Db, options: { target?: number; list?: readonly Migration[] } = {}): MigrateResult {
  const list = options.list ?? allMigrations;
  checkMigrationList(list);
  const target = options.target ?? latestVersion(list);
  const from = userVersion(db);
  const applied: number[] = [];
  for (const m of list) {
    if (m.version <= from || m.version > target) continue;
    const step = db.transaction(() => {
      // Two processes opening a new project at once both saw the old version; the one that waited
      // for this write lock finds the step already applied by the other and skips it.
      if (userVersion(db) >= m.version) return false;
      db.exec(m.up);
      // user_version lives in the database header and is written by this same transaction.
      db.pragma(`user_version = ${m.version}`);
      return true;
    });
    let ran: boolean;
    try {
      ran = step.immediate();
    } catch (err) {
      throw new WorkError(`database migration ${m.version} (${m.name}) failed: ${(err as Error).message}`, 'migration_failed', { cause: err });
    }
    if (ran) applied.push(m.version);
  }
  return { from, to: userVersion(db), applied };
}
