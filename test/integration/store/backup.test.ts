import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openProject } from '../../../core/store/open-project.ts';
import { getSetting, setSetting } from '../../../core/store/settings-repo.ts';
import { latestVersion } from '../../../core/store/migrate.ts';
import { makeTempDir } from '../../helpers/make-clips.ts';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
before(async () => ({ dir, cleanup } = await makeTempDir('backup')));
after(() => cleanup());

test('online backup (db.backup) while the project is open gives a clean, complete copy', async () => {
  const p = openProject(join(dir, 'live'), { create: true });
  for (let i = 0; i < 200; i++) setSetting(p.db, `k${i}`, { i });
  const dest = join(dir, 'backup.sqlite');
  await p.db.backup(dest);
  setSetting(p.db, 'after', true); // writes continue while/after the backup
  p.close();
  const copy = new Database(dest, { readonly: true });
  assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
  assert.equal(Number(copy.pragma('user_version', { simple: true })), latestVersion());
  assert.equal((copy.prepare("SELECT COUNT(*) AS n FROM settings WHERE key LIKE 'k%'").get() as { n: number }).n, 200);
  copy.close();
  // The backup is itself a usable project database.
  const restored = join(dir, 'restored');
  openProject(restored, { create: true }).close();
  const { copyFileSync, rmSync } = await import('node:fs');
  for (const f of ['project.sqlite-wal', 'project.sqlite-shm']) rmSync(join(restored, f), { force: true });
  copyFileSync(dest, join(restored, 'project.sqlite'));
  const r = openProject(restored);
  assert.deepEqual(getSetting(r.db, 'k199'), { i: 199 });
  assert.equal(getSetting(r.db, 'after'), undefined);
  r.close();
});
