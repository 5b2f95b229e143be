// Kill -9 the runner (a child process running a 12-clip batch against the fake fal) at each
// crash point and at random instants, resume, and check: 0 clips lost, ≤ 1 create per take.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { openProject } from '../../../core/store/open-project.ts';
import { startFakeFal, type FakeFal } from '../../fakes/fake-fal.ts';
import { childNodeArgs } from '../../support/child-node-args.ts';

const CHILD = join(import.meta.dirname, '../../fakes/run-batch-child.ts');
const COUNT = 12;
let dir: string;
let start: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jobs-kill-'));
  start = join(dir, 'start.png');
  await sharp({ create: { width: 320, height: 180, channels: 3, background: { r: 30, g: 90, b: 160 } } }).png().toFile(start);
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface RunResult { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

function runChild(project: string, fake: FakeFal, env: Record<string, string> = {}, killAfterMs?: number): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...childNodeArgs(CHILD, { switches: true }), project, fake.proxyUrl, start, String(COUNT)], {
      env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = ''; let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code, signal) => { if (timer) clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
  });
}

async function newFake(): Promise<FakeFal> {
  const fake = await startFakeFal();
  fake.behaviour.clipSize = { width: 160, height: 90 };
  fake.behaviour.pollsBeforeDone = 3;
  return fake;
}

function assertBatchComplete(project: string, fake: FakeFal, label: string): void {
  const p = openProject(project);
  try {
    const rows = p.db.prepare('SELECT take_id, state, output_sha256 FROM jobs ORDER BY take_id').all() as Array<{ take_id: string; state: string; output_sha256: string | null }>;
    assert.equal(rows.length, COUNT, `${label}: every take has a job`);
    for (const r of rows) {
      assert.equal(r.state, 'succeeded', `${label}: ${r.take_id} is ${r.state}`);
      assert.match(r.output_sha256 ?? '', /^[0-9a-f]{64}$/);
      assert.ok(p.assets.has(r.output_sha256!, 'mp4'), `${label}: ${r.take_id} output is in the asset store`);
    }
    const counts = fake.createCounts();
    for (const r of rows) assert.equal(counts[r.take_id], 1, `${label}: ${r.take_id} was created ${counts[r.take_id] ?? 0} times`);
  } finally { p.close(); }
}

for (const point of ['before-create:5', 'after-create:5', 'mid-poll:20', 'mid-download:4']) {
  test(`kill -9 at ${point}, resume: 0 clips lost, one create per take`, async () => {
    const fake = await newFake();
    const project = join(dir, point.replace(/\W/g, '-'));
    try {
      const first = await runChild(project, fake, { CONTINUITY_TEST_CRASH_AT: point });
      assert.equal(first.signal, 'SIGKILL', `the child crashed at ${point}: ${first.stderr.slice(-500)}`);
      const second = await runChild(project, fake);
      assert.equal(second.code, 0, second.stderr.slice(-1000));
      assertBatchComplete(project, fake, point);
    } finally { await fake.close(); }
  });
}

test('kill -9 at random instants until the batch finishes: 0 clips lost, one create per take', async () => {
  const fake = await newFake();
  const project = join(dir, 'random');
  try {
    let kills = 0;
    for (let i = 0; i < 10; i++) {
      // tsx start-up takes ~0.5–1 s, so kills land from start-up through creates, polls and downloads.
      const r = await runChild(project, fake, {}, i < 5 ? 700 + Math.floor(Math.random() * 1000) : undefined);
      if (r.signal === 'SIGKILL') { kills++; continue; }
      assert.equal(r.code, 0, r.stderr.slice(-1000));
      break;
    }
    assertBatchComplete(project, fake, `random (${kills} kills)`);
  } finally { await fake.close(); }
});
