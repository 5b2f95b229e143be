/**
 * A project is a folder: `project.sqlite` + `assets/` (DESIGN.md §3). SQLite runs in WAL mode with
 * `synchronous=FULL` (RELIABILITY.md: NORMAL may lose the last commits on power loss, and job rows
 * record money spent), a busy timeout so the app and the CLI can share a project, and foreign keys on.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { InputError } from '../domain/errors.ts';
import { createLogger } from '../log/logger.ts';
import { createAssetStore, type AssetStore } from './asset-store.ts';
import { latestVersion, migrate, userVersion, type Db } from './migrate.ts';

const log = createLogger('store');

export const DB_FILE = 'project.sqlite';
export const ASSETS_DIR = 'assets';

export interface Project {
  dir: string;
  db: Db;
  assets: AssetStore;
  /** True when asked for, or when the database was written by a newer app (see readOnlyReason). */
  readOnly: boolean;
  readOnlyReason?: string;
  /** The database's schema version after opening. */
  schemaVersion: number;
  close(): void;
}

export interface OpenProjectOptions {
  /** Create the folder and database if missing. */
  create?: boolean;
  readOnly?: boolean;
}

/** Connection settings every read-write connection gets. */
export function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
}

function openDb(file: string, readonly: boolean, create: boolean): Db {
  try {
    const db = new Database(file, { readonly, fileMustExist: !create });
    if (readonly) { db.pragma('busy_timeout = 5000'); db.pragma('foreign_keys = ON'); }
    userVersion(db); // forces a read: "file is not a database" surfaces here, not later
    return db;
  } catch (err) {
    throw new InputError(`cannot open project database ${file}: ${(err as Error).message}`, 'project', file);
  }
}

/**
 * Open (or with `create`, make) the project in `dir`, bringing its schema up to date. A database
 * whose schema is newer than this build opens read-only with a clear reason instead of being
 * migrated or written to.
 */
export function openProject(dir: string, options: OpenProjectOptions = {}): Project {
  const root = resolve(dir);
  const file = join(root, DB_FILE);
  if (!existsSync(root)) {
    if (!options.create) throw new InputError(`project folder not found: ${root}`, 'project', dir);
    mkdirSync(root, { recursive: true });
  } else if (!statSync(root).isDirectory()) {
    throw new InputError(`project must be a folder, got a file: ${root}`, 'project', dir);
  }
  if (!existsSync(file) && !options.create) throw new InputError(`not a Continuity Studio project: ${root} (no ${DB_FILE})`, 'project', dir);

  const known = latestVersion();
  let readOnly = Boolean(options.readOnly);
  let readOnlyReason: string | undefined = readOnly ? 'opened read-only on request' : undefined;
  let db = openDb(file, readOnly, Boolean(options.create));
  const found = userVersion(db);
  if (found > known) {
    // Never migrate down or write rows the newer schema may not accept: read, don't touch.
    readOnlyReason = `${DB_FILE} was written by a newer Continuity Studio (schema ${found} > ${known}); opened read-only`;
    log.warn(readOnlyReason, { dir: root });
    if (!readOnly) { db.close(); db = openDb(file, true, false); readOnly = true; }
  } else if (!readOnly) {
    applyPragmas(db);
    const result = migrate(db);
    if (result.applied.length) log.info('migrated project database', { dir: root, from: result.from, to: result.to });
  }
  const assetsDir = join(root, ASSETS_DIR);
  if (!readOnly) mkdirSync(assetsDir, { recursive: true });
  const schemaVersion = userVersion(db);
  return {
    dir: root,
    db,
    assets: createAssetStore(assetsDir),
    readOnly,
    readOnlyReason,
    schemaVersion,
    close: () => { if (db.open) db.close(); },
  };
}
