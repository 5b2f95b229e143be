// kill -TERM during `continuity grade` (in its ffmpeg lut3d pass) and during `continuity run` with
// the local provider (while it renders): each cancels like Ctrl-C (RELIABILITY.md "Stops and
// load", issue 18 item 7) — exit 130, no ffmpeg it started still running, no scratch folder left
// in its temp directory (TMPDIR is private to each run, so nothing can hide elsewhere in /tmp), no
// graded clip, LUT or partial file, and no clip pack.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { childrenOf, isFfmpeg } from './processes.ts';
import { writeSmallLook } from '../remote-run/remote-run-helpers.ts';

const REPO = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'sigterm-grade-run-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Every file and folder under `root`, relative, sorted. */
function tree(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).sort();
}

interface Stopped { code: number | null; signal: NodeJS.Signals | null; stderr: string; ffmpegs: number[] }

/**
 * Start the CLI with a private TMPDIR, wait (generously: a loaded machine) until one of its
 * children matches `busy`, send SIGTERM, and wait for it to end.
 */
async function stopMidWork(args: string[], tmp: string, busy: (cmdline: string) => boolean): Promise<Stopped> {
  const child = spawn(process.execPath, [join(REPO, 'bin/continuity.mjs'), ...args], {
    cwd: dir, env: { ...process.env, TMPDIR: tmp, CONTINUITY_LOG_LEVEL: 'error' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  child.stdout.resume();
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('close', (code, signal) => r({ code, signal })));
  const ffmpegs = new Set<number>();
  let hit = false;
  const deadline = Date.now() + 5 * 60_000;
  while (!hit && Date.now() < deadline && child.exitCode === null) {
    for (const c of childrenOf(child.pid!)) {
      if (/ffmpeg|ffprobe/.test(c.comm)) ffmpegs.add(c.pid);
      if (busy(c.cmdline)) hit = true;
    }
    if (!hit) await new Promise((r) => setTimeout(r, 50));
  }
  if (hit) child.kill('SIGTERM'); else child.kill('SIGKILL');
  const end = await closed;
  assert.ok(hit, `the work reached the expected ffmpeg step before the deadline (exit ${end.code}): ${stderr.slice(-600)}`);
  return { ...end, stderr, ffmpegs: [...ffmpegs] };
}

function assertCleanStop(r: Stopped, tmp: string): void {
  assert.equal(r.code, 130, `exit ${r.code} ${r.signal}: ${r.stderr.slice(-800)}`);
  assert.match(r.stderr, /canceled/);
  assert.deepEqual(r.ffmpegs.filter(isFfmpeg), [], 'no ffmpeg/ffprobe it started is still running');
  // The per-process work root is removed at exit; an empty `continuity-work` parent may stay.
  assert.deepEqual(tree(tmp).filter((p) => p !== 'continuity-work'), [], 'no scratch folder or file left in its TMPDIR');
}

let clip: string, reference: string;
before(async () => {
  // 160×90 but long (2160 frames), so the grade's one full-size pass lasts long enough to be stopped in.
  clip = join(dir, 'long.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=24:d=90',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', clip]);
  reference = join(dir, 'ref.png');
  await sharp({ create: { width: 160, height: 90, channels: 3, background: '#c65d3b' } }).png().toFile(reference);
});

test('SIGTERM during `continuity grade`: exit 130, ffmpeg gone, no temp folder, no graded clip, LUT or partial file', async () => {
  const tmp = join(dir, 'tmp-grade');
  const out = join(dir, 'graded');
  mkdirSync(tmp);
  mkdirSync(out);
  const r = await stopMidWork(['grade', clip, '--reference', reference, '--out', join(out, 'graded.mp4')], tmp, (cmd) => cmd.includes('lut3d='));
  assertCleanStop(r, tmp);
  assert.deepEqual(tree(out), [], 'nothing written beside --out: no clip, no .cube, no partial');
});

test('SIGTERM during `continuity run` (local provider): exit 130, ffmpeg gone, no temp folder, no partial pack', async () => {
  const tmp = join(dir, 'tmp-run');
  const lookDir = join(dir, 'look');
  const out = join(dir, 'run-out');
  mkdirSync(tmp);
  mkdirSync(lookDir);
  const look = writeSmallLook(lookDir); // 8 clips at 320×180, 4 s
  // Stopped while a clip renders (the animatic's ffmpeg has a filter graph), mid-batch.
  const r = await stopMidWork(['run', look, '--out', out, '--provider', 'local', '--concurrency', '2'], tmp, (cmd) => cmd.includes('-filter_complex'));
  assertCleanStop(r, tmp);
  const left = tree(out);
  // The project (its database and finished assets) stays so that --resume can continue; no pack.
  assert.deepEqual(left.filter((p) => !p.startsWith('.continuity-project')), [], `no clip pack in ${out}`);
  assert.deepEqual(left.filter((p) => /\.partial|\.tmp/.test(p)), [], 'no partial file in the project');
});
