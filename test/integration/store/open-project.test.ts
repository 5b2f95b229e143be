import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openProject } from '../../../core/store/open-project.ts';
import { latestVersion } from '../../../core/store/migrate.ts';
import { InputError } from '../../../core/domain/errors.ts';
import { setLogSink } from '../../../core/log/logger.ts';
import { makeTempDir } from '../../helpers/make-clips.ts';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
before(async () => ({ dir, cleanup } = await makeTempDir('project')));
after(() => cleanup());

test('create: folder + project.sqlite + assets/, WAL, synchronous FULL, busy timeout, foreign keys, latest schema', () => {
  const p = openProject(join(dir, 'new'), { create: true });
  try {
    assert.ok(existsSync(join(dir, 'new', 'project.sqlite')) && existsSync(join(dir, 'new', 'assets')));
    assert.equal(p.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(p.db.pragma('synchronous', { simple: true }), 2); // FULL
    assert.equal(p.db.pragma('busy_timeout', { simple: true }), 5000);
    assert.equal(p.db.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(p.schemaVersion, latestVersion());
    assert.equal(p.readOnly, false);
  } finally { p.close(); }
  const again = openProject(join(dir, 'new'));
  assert.equal(again.schemaVersion, latestVersion());
  again.close();
});

test('missing folder, folder without a project, a file that is not a database → InputError naming the path', () => {
  assert.throws(() => openProject(join(dir, 'absent')), (e: unknown) => e instanceof InputError && /project folder not found/.test(e.message) && e.message.includes('absent'));
  const plain = join(dir, 'plain');
  mkdirSync(plain);
  assert.throws(() => openProject(plain), (e: unknown) => e instanceof InputError && /not a Continuity Studio project/.test(e.message) && e.message.includes(plain));
  writeFileSync(join(dir, 'afile'), 'x');
  assert.throws(() => openProject(join(dir, 'afile')), (e: unknown) => e instanceof InputError && /must be a folder/.test(e.message));
  const bogus = join(dir, 'bogus');
  openProject(bogus, { create: true }).close();
  writeFileSync(join(bogus, 'project.sqlite'), 'this is not sqlite, it is long enough to look like a header of sorts........');
  for (const f of ['project.sqlite-wal', 'project.sqlite-shm']) if (existsSync(join(bogus, f))) writeFileSync(join(bogus, f), '');
  assert.throws(() => openProject(bogus), (e: unknown) => e instanceof InputError && e.message.includes('project.sqlite'));
});

test('a database from a newer app opens read-only with a clear message and is not modified', () => {
  const proj = join(dir, 'future');
  openProject(proj, { create: true }).close();
  const raw = new Database(join(proj, 'project.sqlite'));
  const future = latestVersion() + 5;
  raw.pragma(`user_version = ${future}`);
  raw.close();
  const lines: string[] = [];
  setLogSink((l) => lines.push(l));
  const p = openProject(proj);
  setLogSink((l) => process.stderr.write(l + '\n'));
  try {
    assert.equal(p.readOnly, true);
    assert.equal(p.readOnlyReason, `project.sqlite was written by a newer Continuity Studio (schema ${future} > ${latestVersion()}); opened read-only`);
    assert.ok(lines.some((l) => l.includes('newer Continuity Studio')));
    assert.equal(p.schemaVersion, future);
    assert.throws(() => p.db.prepare("INSERT INTO settings (key, value_json) VALUES ('a', '1')").run(), /readonly/i);
  } finally { p.close(); }
});
