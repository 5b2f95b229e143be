#!/usr/bin/env node
// Runs the test suite with node's own test runner, on the test files built into plain
// JavaScript first (scripts/build-tests.mjs: tsx's hooks cost ~0.5–1.7 s of CPU per test process).
// CONTINUITY_TESTS_THROUGH_TSX=1 runs the TypeScript sources through tsx instead, as before.
// Node 20's `--test` takes no globs, so the files are listed here.
// Usage: node scripts/run-tests.mjs [folder-or-file ...]   (default: test/unit test/integration test/e2e)
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { buildTests } from './build-tests.mjs';

function collect(path, out) {
  const st = statSync(path);
  if (st.isFile()) { if (/\.test\.tsx?$/.test(path)) out.push(path); return out; }
  for (const name of readdirSync(path).sort()) collect(join(path, name), out);
  return out;
}

// The longest files (about a minute or more each on a quiet 2-core machine) start first: node
// runs files in the order given as slots free up, so a long file left to the end would run alone
// on one core while the other idles. Longest first keeps both slots busy to the finish. A name
// here that no longer exists only loses its place in the queue.
const LONG_FIRST = [
  'test/e2e/studio-web.test.ts',
  'test/integration/demo/demo-pack.test.ts',
  'test/e2e/studio-web-session.test.ts',
  'test/integration/provider-runs/',
  'test/integration/remote-run/run-fal.test.ts',
  'test/integration/app/run-rows.test.ts',
  'test/integration/remote-run/kill-resume.test.ts',
  'test/integration/remote-run/remix-openai.test.ts',
  'test/integration/faults/',
  'test/integration/hostile/',
  'test/integration/sessions/',
  'test/integration/app/',
  'test/e2e/',
  'test/integration/', // then the rest of the integration tests, then the unit tests
];
const rank = (file) => { const i = LONG_FIRST.findIndex((p) => file.replaceAll('\\', '/').startsWith(p)); return i < 0 ? LONG_FIRST.length : i; };

const roots = process.argv.slice(2);
const files = (roots.length ? roots : ['test/unit', 'test/integration', 'test/e2e'])
  .flatMap((root) => { try { return collect(root, []); } catch { return []; } })
  .map((file, i) => ({ file, i, r: rank(file) }))
  .sort((a, b) => a.r - b.r || a.i - b.i) // stable: the rest keep their folder order
  .map((x) => x.file);
if (files.length === 0) { console.error('no test files found'); process.exit(1); }

let args, built = null;
if (process.env.CONTINUITY_TESTS_THROUGH_TSX === '1') {
  args = ['--import', 'tsx', '--test', '--test-concurrency=2', ...files];
} else {
  built = await buildTests(files);
  // Source maps: a failure's stack names the .ts line, not the bundle's.
  args = ['--enable-source-maps', '--test', '--test-concurrency=2', ...built.entries];
}
// The tests' own child scripts run from the same build (test/support/child-node-args.ts).
// OPENBLAS_NUM_THREADS=1: the ffmpeg the tests start themselves (helpers, fixtures) gets what
// runFfmpeg gives the engine's (core/media/run-ffmpeg.ts ffmpegEnv): Debian's ffmpeg loads
// OpenBLAS, whose idle thread pool costs ~60 ms of CPU per start, over a thousand starts a run.
const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', ...(built ? { CONTINUITY_TEST_BUILD: built.dir } : {}) };
const child = spawn(process.execPath, args, { stdio: 'inherit', env });
// A stopped suite stops its tests too (they spawn ffmpeg and servers): pass the signal on.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => {
  if (built) rmSync(built.dir, { recursive: true, force: true });
  process.exit(signal ? 1 : code ?? 1);
});
