// `continuity run` under provider faults (issue 13 items 3–5): every failure ends with a message
// and exit 1 listing each clip's reason; two runs on one project never create a take twice.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { falEnv, runCli, startFake, writeSmallLook } from '../remote-run/remote-run-helpers.ts';
import { createdTwice, openaiEnv, openaiRunArgs, startOpenAIFake, whenFake } from './faults-helpers.ts';
import { spawn } from 'node:child_process';
import { REPO } from '../remote-run/remote-run-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'cli-faults-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('every create answers 500: exit 1, each clip listed with the HTTP status and message; each create sent once', async () => {
  const fake = await startOpenAIFake(dir);
  try {
    fake.inject({ op: 'create', kind: 'status', status: 500, times: 1000, body: { error: { message: 'the fake is down on purpose' } } });
    const r = await runCli(openaiRunArgs(writeSmallLook(join(dir), { clips: 8 }), join(dir, 'out500'), ['--concurrency', '4']), openaiEnv(fake));
    assert.equal(r.code, 1, r.stderr.slice(-3000));
    assert.match(r.stderr, /8 of 8 clips failed/);
    const lines = r.stderr.split('\n').filter((l) => /^ {2}clip \d+ \(/.test(l));
    assert.equal(lines.length, 8, r.stderr.slice(-3000));
    // Anchors fail with the provider's answer; variants and swaps, made from their anchor's take
    // (issue 11), fail because that take does not exist, and say so.
    const own = lines.filter((l) => /HTTP 500.*the fake is down on purpose/.test(l));
    const dependent = lines.filter((l) => /its anchor \S+ has no finished take to remix/.test(l));
    assert.equal(own.length + dependent.length, 8, r.stderr.slice(-3000));
    assert.ok(own.length >= 1);
    assert.match(r.stdout, /clip pack: not written/);
    assert.equal(fake.requests.filter((q) => q.op === 'create').length, own.length, 'one create request per take sent, never retried');
  } finally { await fake.close(); }
});

test('an image upload that always resets: exit 1 within the attempt limit, the reason per clip, nothing created', async () => {
  const fake = await startFake();
  try {
    fake.inject({ op: 'upload', kind: 'reset', times: 100_000 });
    const args = ['run', writeSmallLook(dir, { clips: 8 }), '--out', join(dir, 'out-upload'), '--provider', 'fal', '--model', 'fal-ai/veo3.1/image-to-video', '--max-retries', '0', '--concurrency', '8'];
    const r = await runCli(args, falEnv(fake));
    assert.equal(r.code, 1, r.stderr.slice(-3000));
    const lines = r.stderr.split('\n').filter((l) => /^ {2}clip \d+ \(/.test(l));
    assert.equal(lines.length, 8, r.stderr.slice(-3000));
    const own = lines.filter((l) => /attempts failed before the create request left.*Nothing was created or billed/.test(l));
    const dependent = lines.filter((l) => /its anchor \S+ has no finished take to remix/.test(l));
    assert.equal(own.length + dependent.length, 8, r.stderr.slice(-3000));
    assert.ok(own.length >= 1);
    const uploads = fake.requests.filter((q) => q.op === 'upload').length;
    assert.ok(uploads <= 8 * 5 * 4, `${uploads} upload requests: bounded (was: 1 184 in 90 s and never ending)`);
    assert.deepEqual(fake.createCounts(), {});
  } finally { await fake.close(); }
});

test('two runs on one project at once, creates held 3 s: the second refuses naming the first; no take created twice', async () => {
  const fake = await startOpenAIFake(dir);
  try {
    fake.behaviour.createHoldMs = 3000;
    const look = writeSmallLook(dir, { clips: 8 });
    const out = join(dir, 'out-two');
    const start = () => {
      const child = spawn(process.execPath, [join(REPO, 'bin/continuity.mjs'), ...openaiRunArgs(look, out, ['--concurrency', '2'])], { cwd: REPO, env: { ...process.env, ...openaiEnv(fake) }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      const done = new Promise<{ code: number | null; stderr: string }>((r) => child.on('close', (code) => r({ code, stderr })));
      return { child, done };
    };
    const a = start();
    const b = start();
    // One of them refuses at once; the other holds the project and is sending creates.
    const first = await Promise.race([a.done.then((r) => ({ r, loser: a, winner: b })), b.done.then((r) => ({ r, loser: b, winner: a }))]);
    assert.equal(first.r.code, 1, first.r.stderr.slice(-2000));
    assert.match(first.r.stderr, new RegExp(`is in use by pid ${first.winner.child.pid} \\(continuity run .*LOOK\\.json.*\\) on .* since `));
    assert.match(first.r.stderr, /--wait/);
    // Stop the winner mid-batch once a create is in flight (Ctrl-C): it says so and exits 130.
    await whenFake(fake, () => fake.requests.some((q) => q.op === 'create'), 'the winner sends a create');
    first.winner.child.kill('SIGINT');
    const w = await first.winner.done;
    assert.ok(w.code === 130 || w.code === 0 || w.code === 1, `winner exit ${w.code}`);
    assert.ok(w.stderr.trim().length > 0, 'the winner said something');
    if (w.code === 130) assert.match(w.stderr, /canceled/);
    assert.deepEqual(createdTwice(fake), []);
  } finally { await fake.close(); }
});
