/**
 * Issue 5 acceptance: kill the export at random points; the target holds either the previous
 * complete pack or the new complete pack, never a mix. A child process exports while the
 * previous pack is present and is SIGKILLed at a random instant inside the export.
 */
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from '../../helpers/make-clips.ts';
import { recoverInterruptedExport, verifyClipPack, writeClipPack } from '../../../core/export/index.ts';
import { makeFixtureMedia, fixtureInput } from './pack-fixture.ts';
import type { ClipPackInput } from '../../../core/export/types.ts';
import { childNodeArgs } from '../../support/child-node-args.ts';

const CHILD = fileURLToPath(new URL('./export-child.ts', import.meta.url));
const FOLDER = 'Autumn Café';
let dir: string;
let cleanup: () => Promise<void>;
let inputFile: string;

before(async () => {
  ({ dir, cleanup } = await makeTempDir('export-kill'));
  const media = await makeFixtureMedia(dir);
  inputFile = join(dir, 'input.json');
  await writeFile(inputFile, JSON.stringify(fixtureInput(media)));
});
after(() => cleanup());

/** Run the child; kill it `killAfterMs` after it prints "start" (or let it finish when undefined). */
function runChild(out: string, all: boolean, killAfterMs?: number): Promise<{ killed: boolean; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...childNodeArgs(CHILD, { switches: false }), inputFile, out, ...(all ? ['--all'] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
    let started = 0;
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdout.on('data', (d: Buffer) => {
      if (!started && d.toString().includes('start')) {
        started = Date.now();
        if (killAfterMs !== undefined) setTimeout(() => { killed = child.kill('SIGKILL'); }, killAfterMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') return resolve({ killed: true, ms: Date.now() - started });
      if (code !== 0) return reject(new Error(`export child failed (${code}): ${stderr.slice(-2000)}`));
      resolve({ killed, ms: Date.now() - started });
    });
  });
}

test('SIGKILL at random points leaves the previous or the new complete pack, never a mix', async () => {
  const out = join(dir, 'out');
  // The previous pack: approved takes only (3 clips). The new one: --all (5 clips).
  await writeClipPack(JSON.parse(await readFile(inputFile, 'utf8')) as ClipPackInput, { outDir: out });
  const full = await runChild(join(dir, 'timing'), true);
  const window = Math.max(50, full.ms);
  const outcomes = { previous: 0, next: 0, restored: 0 };
  let expectAll = false;
  for (let i = 0; i < 6; i++) {
    // Half the kills anywhere in the export, half near its end where the swap happens.
    const delay = Math.floor(i % 2 === 0 ? Math.random() * window : window * (0.75 + Math.random() * 0.75));
    await runChild(out, !expectAll, delay);
    const names = await readdir(out);
    if (!names.includes(FOLDER)) {
      // Killed between the two renames of the swap: the complete previous pack is the backup.
      const { restored } = recoverInterruptedExport(out, FOLDER);
      assert.ok(restored, `target missing and nothing to restore after a kill at ${delay} ms: ${names.join(', ')}`);
      outcomes.restored++;
    }
    const v = await verifyClipPack(join(out, FOLDER));
    assert.deepEqual(v.problems, [], `kill at ${delay} ms left a broken pack`);
    const count = v.manifest!.clips.length;
    assert.ok(count === 3 || count === 5, `unexpected pack with ${count} clips`);
    const isAll = count === 5;
    if (isAll === expectAll) outcomes.previous++; else outcomes.next++;
    expectAll = isAll;
    // The next export cleans what the killed one left behind (its pid is gone).
    recoverInterruptedExport(out, FOLDER);
    assert.deepEqual((await readdir(out)).filter((n) => n !== FOLDER), [], 'stale temp folders removed');
  }
  console.log(`# kill test: export ≈ ${full.ms} ms; outcomes ${JSON.stringify(outcomes)}`);
});

/** A pid no process has right now (for folders "left by a killed export"). */
function deadPid(): number {
  for (let pid = 4_000_000; ; pid++) {
    try { process.kill(pid, 0); } catch (err) { if ((err as NodeJS.ErrnoException).code === 'ESRCH') return pid; }
  }
}

test('recovery: a kill between the two renames of the swap is healed; stale temp folders are removed, live ones kept', async () => {
  const out = join(dir, 'out-recover');
  const prev = await writeClipPack(JSON.parse(await readFile(inputFile, 'utf8')) as ClipPackInput, { outDir: out, formats: ['edl'] });
  const dead = deadPid();
  // The state a SIGKILL between renameSync(target → backup) and renameSync(temp → target) leaves.
  await rename(prev.root, join(out, `.${FOLDER}.previous-${dead}-abcd`));
  await mkdir(join(out, `.${FOLDER}.partial-${dead}-abcd`, 'Clips'), { recursive: true });
  await mkdir(join(out, `.${FOLDER}.partial-${process.pid}-live`));
  const r = recoverInterruptedExport(out, FOLDER);
  assert.equal(r.restored, true);
  assert.deepEqual((await readdir(out)).sort(), [`.${FOLDER}.partial-${process.pid}-live`, FOLDER].sort());
  assert.deepEqual((await verifyClipPack(prev.root)).problems, []);
  // A backup left beside a complete target (killed after the swap, before the cleanup) is dropped.
  await mkdir(join(out, `.${FOLDER}.previous-${dead}-ef01`));
  assert.equal(recoverInterruptedExport(out, FOLDER).restored, false);
  assert.ok(!(await readdir(out)).some((n) => n.includes('previous')));
});
