// kill -TERM during `continuity demo`: the run cancels like Ctrl-C — exit 130, no ffmpeg left
// running, its scratch folders gone, no partial pack — and a dead run's folders are reclaimed at
// the next start.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { workRoot } from '../../../core/runtime/work-dirs.ts';
import { childrenOf, isFfmpeg } from './processes.ts';

const REPO = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'sigterm-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('SIGTERM during demo: exit 130, no ffmpeg left, no scratch folders, no partial pack', async () => {
  const out = join(dir, 'pack');
  const child = spawn(process.execPath, [join(REPO, 'bin/continuity.mjs'), 'demo', '--out', out], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  child.stdout.resume();
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('close', (code, signal) => r({ code, signal })));
  // Wait (generously: a loaded machine) until the run has an ffmpeg child, then stop it.
  const seen = new Set<number>();
  const deadline = Date.now() + 10 * 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    for (const c of childrenOf(child.pid!)) if (/ffmpeg|ffprobe/.test(c.comm)) seen.add(c.pid);
    if (seen.size > 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(seen.size > 0, `the demo started ffmpeg before the deadline: ${stderr.slice(-500)}`);
  child.kill('SIGTERM');
  const end = await closed;
  assert.equal(end.code, 130, `exit ${end.code} ${end.signal}: ${stderr.slice(-800)}`);
  assert.match(stderr, /canceled/);
  const left = [...seen].filter(isFfmpeg);
  assert.deepEqual(left, [], 'no ffmpeg/ffprobe the demo started is still running');
  assert.equal(existsSync(join(workRoot(), String(child.pid))), false, 'its scratch folders are gone');
  const packs = existsSync(out) ? readdirSync(out).filter((n) => !n.startsWith('.')) : [];
  assert.deepEqual(packs, [], `no partial pack in ${out}`);
});

test('a killed run\'s scratch folders are reclaimed at the next start; a live process\'s are kept', () => {
  // A pid that is certainly dead: a child that has exited.
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const deadDir = join(workRoot(), dead.stdout.trim(), 'continuity-run-x');
  mkdirSync(deadDir, { recursive: true });
  writeFileSync(join(deadDir, 'partial.mp4'), 'x');
  const liveDir = join(workRoot(), String(process.pid), 'continuity-run-y');
  mkdirSync(liveDir, { recursive: true });
  try {
    const r = spawnSync(process.execPath, [join(REPO, 'bin/continuity.mjs'), 'providers', '--json'], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(existsSync(join(workRoot(), dead.stdout.trim())), false, 'the dead run\'s folder was reclaimed');
    assert.equal(existsSync(liveDir), true, 'a live process\'s folder is kept');
  } finally { rmSync(join(workRoot(), String(process.pid)), { recursive: true, force: true }); }
});
