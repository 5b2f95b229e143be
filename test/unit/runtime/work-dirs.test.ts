/**
 * Scratch folders of killed runs (RELIABILITY.md "Stops and load", issue 18 item 7): a folder
 * under `<tmp>/continuity-work/<pid>` whose process is gone is removed when the app starts (the
 * CLI's start is covered by test/integration/hygiene/sigterm-demo.test.ts); a live process's
 * folder and anything not named by a pid are kept. TMPDIR points at a private folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStudio } from '../../../core/api/create-studio.ts';
import { createMemoryKeyStore } from '../../../core/api/key-store.ts';
import { makeWorkDir, workRoot } from '../../../core/runtime/work-dirs.ts';

test('the app reclaims a dead run\'s scratch folders at start and keeps live and foreign ones', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'work-dirs-'));
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = join(dir, 'tmp');
  mkdirSync(process.env.TMPDIR);
  t.after(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = savedTmp;
    rmSync(dir, { recursive: true, force: true });
  });
  // A pid that is certainly dead: a child that has exited.
  const deadPid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout.trim();
  const dead = join(workRoot(), deadPid, 'continuity-grade-abc');
  mkdirSync(dead, { recursive: true });
  writeFileSync(join(dead, 'grade.cube'), 'LUT_3D_SIZE 2\n');
  const mine = await makeWorkDir('continuity-run');
  const foreign = join(workRoot(), 'not-a-pid');
  mkdirSync(foreign);

  const studio = createStudio({ userDataDir: join(dir, 'data'), keyStore: createMemoryKeyStore(), onEvent: () => {} });
  try {
    assert.equal(existsSync(join(workRoot(), deadPid)), false, 'the dead run\'s folder is gone');
    assert.equal(existsSync(mine), true, 'this live process\'s folder is kept');
    assert.equal(existsSync(foreign), true, 'a folder not named by a pid is not ours to remove');
  } finally { await studio.close(); }
});
