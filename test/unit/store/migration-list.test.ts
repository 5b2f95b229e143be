import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrations } from '../../../core/store/migrations/index.ts';
import { checkMigrationList, latestVersion, migrate, userVersion } from '../../../core/store/migrate.ts';

test('migrations are numbered 1, 2, 3… in order', () => {
  checkMigrationList(migrations);
  assert.equal(latestVersion(migrations), migrations.length);
  assert.throws(() => checkMigrationList([migrations[0]!, { version: 3, name: 'gap', up: '' }]), /position 2 holds version 3/);
});

test('a failing migration rolls back entirely: no half-made tables, user_version unchanged', () => {
  const db = new Database(':memory:');
  const list = [
    { version: 1, name: 'one', up: 'CREATE TABLE a (x INT);' },
    { version: 2, name: 'broken', up: 'CREATE TABLE b (x INT); INSERT INTO nope VALUES (1);' },
  ];
  assert.throws(() => migrate(db, { list }), /migration 2 \(broken\) failed/);
  assert.equal(userVersion(db), 1);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
  assert.deepEqual(tables.map((t) => t.name), ['a']);
  db.close();
});

test('migrating twice is a no-op; migrating to a target stops there', () => {
  const db = new Database(':memory:');
  const list = [
    { version: 1, name: 'one', up: 'CREATE TABLE a (x INT);' },
    { version: 2, name: 'two', up: 'CREATE TABLE b (x INT);' },
  ];
  assert.deepEqual(migrate(db, { list, target: 1 }).applied, [1]);
  assert.deepEqual(migrate(db, { list }).applied, [2]);
  assert.deepEqual(migrate(db, { list }).applied, []);
  db.close();
});
