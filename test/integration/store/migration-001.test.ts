import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrate, userVersion } from '../../../core/store/migrate.ts';

// One test per migration (STYLE.md): migrate to N−1, insert, migrate to N, assert.
test('migration 001: from an empty database to looks/references/canon/sessions/shots/takes/assets/settings', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, { target: 0 });
  assert.equal(userVersion(db), 0);
  // At N−1 = 0 there is no table to insert into: the test checks that 001 builds the schema and its constraints hold.
  assert.equal((db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n, 0);
  migrate(db, { target: 1 });
  assert.equal(userVersion(db), 1);
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
  assert.deepEqual(tables, ['assets', 'canon_versions', 'look_references', 'looks', 'sessions', 'settings', 'shots', 'takes']);

  const t = '2026-01-01T00:00:00.000Z';
  db.prepare('INSERT INTO looks VALUES (?, ?, ?, ?, ?, ?)').run('L1', 'Summer', '{}', null, t, t);
  assert.throws(() => db.prepare('INSERT INTO looks VALUES (?, ?, ?, ?, ?, ?)').run('L2', 'Summer', '{}', null, t, t), /UNIQUE/);
  db.prepare('INSERT INTO shots (id, look_id, position, plan_json, status, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run('S1', 'L1', 0, '{}', 'planned', t);
  db.prepare('INSERT INTO takes (id, shot_id, attempt, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run('T1', 'S1', 1, 'planned', t, t);
  const take = db.prepare('SELECT review, pass FROM takes WHERE id = ?').get('T1') as { review: string; pass: number | null };
  assert.deepEqual(take, { review: 'pending', pass: null });
  assert.throws(() => db.prepare('INSERT INTO takes (id, shot_id, attempt, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run('T2', 'nope', 1, 'planned', t, t), /FOREIGN KEY/);
  assert.throws(() => db.prepare('INSERT INTO takes (id, shot_id, attempt, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run('T3', 'S1', 1, 'planned', t, t), /UNIQUE/);
  db.prepare('DELETE FROM looks WHERE id = ?').run('L1');
  assert.equal((db.prepare('SELECT COUNT(*) AS n FROM takes').get() as { n: number }).n, 0, 'deleting a look cascades to its shots and takes');
  db.close();
});
