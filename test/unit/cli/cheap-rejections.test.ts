// Issue 18 item 6: `continuity --help` and a bad-input rejection must not pay for the engine. This
// checks the cause rather than a time (timings live in bench/cli-startup.bench.ts): the commands
// below, given bad arguments, exit 2 without loading sharp, SQLite, zod or a provider SDK.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'bin', 'continuity.mjs');
const hook = join(root, 'test', 'helpers', 'record-imports.mjs');
const dir = mkdtempSync(join(tmpdir(), 'cheap-rejections-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const HEAVY = /node_modules\/(sharp|better-sqlite3|zod|@fal-ai|openai|replicate|@runwayml|lumaai|@google)\//;

const CASES: [string, string[], number][] = [
  ['--help', ['--help'], 0],
  ['run without LOOK.json', ['run', '--out', join(dir, 'o')], 2],
  ['run with a bad --clips', ['run', 'look.json', '--out', join(dir, 'o'), '--clips', '99'], 2],
  ['demo with an extra argument', ['demo', 'extra'], 2],
  ['plan with a bad --tier', ['plan', 'look.json', '--tier', 'gold'], 2],
  ['export without --look', ['export', 'proj', '--out', join(dir, 'o')], 2],
  ['score without --reference', ['score', 'take.mp4'], 2],
  ['remix without --shot', ['remix', 'proj', '--look', 'L'], 2],
  ['audit without --out', ['audit', 'dir', '--reference', 'r.png'], 2],
  ['an unknown session subcommand', ['session', 'bogus'], 2],
  ['grade with a missing clip', ['grade', join(dir, 'none.mp4'), '--reference', join(dir, 'none.png'), '--out', join(dir, 'o.mp4')], 2],
];

function runRecorded(args: string[], file: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', hook, bin, ...args], {
      cwd: dir, env: { ...process.env, RECORD_IMPORTS_TO: file }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

for (const [what, args, expected] of CASES) {
  test(`${what}: exits ${expected} without loading the engine`, async () => {
    const file = join(dir, `${what.replace(/\W+/g, '-')}.txt`);
    const r = await runRecorded(args, file);
    assert.equal(r.code, expected, r.stderr);
    assert.ok(existsSync(file), 'the import hook recorded nothing: is it loaded?');
    const loaded = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    assert.ok(loaded.some((u) => u.includes('main')), 'the CLI entry point was not recorded');
    const heavy = [...new Set(loaded.filter((u) => HEAVY.test(u)).map((u) => HEAVY.exec(u)![1]))];
    assert.deepEqual(heavy, [], `${what} loaded ${heavy.join(', ')}`);
  });
}
