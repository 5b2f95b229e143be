#!/usr/bin/env node
// Runs the test suite with node's own test runner through tsx.
// Node 20's `--test` takes no globs, so the files are listed here.
// Usage: node scripts/run-tests.mjs [folder-or-file ...]   (default: test/unit test/integration test/e2e)
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

function collect(path, out) {
  const st = statSync(path);
  if (st.isFile()) { if (/\.test\.tsx?$/.test(path)) out.push(path); return out; }
  for (const name of readdirSync(path).sort()) collect(join(path, name), out);
  return out;
}

const roots = process.argv.slice(2);
const files = (roots.length ? roots : ['test/unit', 'test/integration', 'test/e2e'])
  .flatMap((root) => { try { return collect(root, []); } catch { return []; } });
if (files.length === 0) { console.error('no test files found'); process.exit(1); }

const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
// A stopped suite stops its tests too (they spawn ffmpeg and servers): pass the signal on.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(signal ? 1 : code ?? 1));
