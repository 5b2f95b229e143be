import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrate, userVersion } from '../../../core/store/migrate.ts';

// One test per migration (STYLE.md): migrate to N−1, insert, migrate to N, assert.
test('migration 003: review decisions say by whom, ledger rows say estimate, refunds gone', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, { target: 2 });
  const t = '2026-01-01T00:00:00.000Z';
  db.prepare('INSERT INTO looks VALUES (?, ?, ?, ?, ?, ?)').run('L1', 'Summer', '{}', null, t, t);
  db.prepare('INSERT INTO shots (id, look_id, position, plan_json, status, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run('S1', 'L1', 0, '{}', 'passed', t);
  db.prepare(`INSERT INTO takes (id, shot_id, attempt, state, review, created_at, updated_at) VALUES ('T1', 'S1', 1, 'succeeded', 'approved', ?, ?)`).run(t, t);
  db.prepare(`INSERT INTO jobs (id, take_id, provider, model, state, request_json, created_at, updated_at) VALUES ('j1', 'take-1', 'fal', 'm', 'submitted', '{}', ?, ?)`).run(t, t);
  db.prepare(`INSERT INTO cost_ledger (job_id, take_id, kind, amount_usd, note, created_at) VALUES ('j1', 'take-1', 'charge', 1.5, 'estimate at list price for m', ?)`).run(t);

  migrate(db, { target: 3 });
  assert.equal(userVersion(db), 3);
  const take = db.prepare('SELECT review, review_by, review_at, review_action FROM takes WHERE id = ?').get('T1');
  // An approval recorded before 003 says nothing about who gave it: it stays unattributed, never guessed.
  assert.deepEqual(take, { review: 'approved', review_by: null, review_at: null, review_action: null });
  assert.throws(() => db.prepare(`UPDATE takes SET review_by = 'robot' WHERE id = 'T1'`).run(), /CHECK/);
  db.prepare(`UPDATE takes SET review_by = 'gate', review_at = ?, review_action = 'x' WHERE id = 'T1'`).run(t);

  const rows = db.prepare('SELECT kind, amount_usd, note FROM cost_ledger').all();
  assert.deepEqual(rows, [{ kind: 'estimate', amount_usd: 1.5, note: 'estimated at list price for m' }]);
  const ins = db.prepare(`INSERT INTO cost_ledger (job_id, take_id, kind, amount_usd, note, created_at) VALUES ('j1', 'take-1', ?, 0.2, 'n', ?)`);
  assert.throws(() => ins.run('refund', t), /CHECK/);
  ins.run('charge', t);
  assert.throws(() => db.prepare(`INSERT INTO cost_ledger (job_id, take_id, kind, amount_usd, note, created_at) VALUES ('nope', 't', 'estimate', 1, 'n', ?)`).run(t), /FOREIGN KEY/);
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  db.close();
});
