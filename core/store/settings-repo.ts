/** Project settings: JSON values by key. (Provider keys never go here: they live in the OS key vault.) */
import type { Db } from './migrate.ts';

export function getSetting<T = unknown>(db: Db, key: string): T | undefined {
  const r = db.prepare('SELECT value_json FROM settings WHERE key = ?').get(key) as { value_json: string } | undefined;
  return r ? (JSON.parse(r.value_json) as T) : undefined;
}

export function setSetting(db: Db, key: string, value: unknown): void {
  db.prepare('INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json')
    .run(key, JSON.stringify(value ?? null));
}

export function deleteSetting(db: Db, key: string): boolean {
  return db.prepare('DELETE FROM settings WHERE key = ?').run(key).changes > 0;
}

export function listSettings(db: Db): Record<string, unknown> {
  const rows = db.prepare('SELECT key, value_json FROM settings ORDER BY key').all() as Array<{ key: string; value_json: string }>;
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value_json) as unknown]));
}
