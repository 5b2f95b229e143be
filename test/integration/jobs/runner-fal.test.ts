// The durable runner against the loopback fake fal (real @fal-ai/client, real SQLite, real ffmpeg).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { openProject, type Project } from '../../../core/store/open-project.ts';
import { createJobRunner } from '../../../core/jobs/job-runner.ts';
import type { JobEvent } from '../../../core/jobs/runner-types.ts';
import { createFalAdapter } from '../../../core/providers/fal/fal-adapter.ts';
import type { GenerationRequest } from '../../../core/providers/adapter.ts';
import { startFakeFal, type FakeFal } from '../../fakes/fake-fal.ts';

let dir: string;
let fake: FakeFal;
let start: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jobs-fal-'));
  fake = await startFakeFal();
  fake.behaviour.clipSize = { width: 160, height: 90 };
  start = join(dir, 'start.png');
  await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 200, g: 40, b: 90 } } }).png().toFile(start);
});
after(async () => { await fake.close(); rmSync(dir, { recursive: true, force: true }); });

let n = 0;
function setup(extra: Partial<Parameters<typeof createJobRunner>[0]> = {}) {
  const project: Project = openProject(join(dir, `p${n++}`), { create: true });
  const events: JobEvent[] = [];
  const adapter = createFalAdapter({ env: { FAL_KEY: 'fal-test-key-0000' }, baseUrl: fake.proxyUrl });
  const runner = createJobRunner({
    db: project.db, assets: project.assets, adapters: { fal: adapter }, concurrency: 2, pollIntervalMs: 5,
    backoff: { baseMs: 5, capMs: 50 }, onEvent: (e) => events.push(e), ...extra,
  });
  return { project, runner, events };
}

const req = (over: Partial<GenerationRequest> = {}): GenerationRequest => ({
  model: 'fal-ai/veo3.1/image-to-video', prompt: 'a red scarf on a bench, slow push-in', negativePrompt: 'text, watermark',
  startImage: start, width: 1280, height: 720, seconds: 4, fps: 24, ...over,
});

test('three takes succeed: one create each, outputs hashed into the asset store, cost ledger filled', async () => {
  const { project, runner, events } = setup();
  const ids = ['t-a', 't-b', 't-c'].map((takeId) => runner.submit({ takeId, provider: 'fal', request: req() }));
  const jobs = await runner.waitAll();
  for (const j of jobs) {
    assert.equal(j.state, 'succeeded', JSON.stringify(j));
    if (j.state !== 'succeeded') continue;
    assert.ok(existsSync(j.output.path));
    assert.equal(createHash('sha256').update(readFileSync(j.output.path)).digest('hex'), j.output.sha256);
    assert.equal(fake.createsFor(j.takeId), 1);
  }
  assert.equal(ids.length, 3);
  // submitting the same take again returns the same job and sends nothing
  assert.equal(runner.submit({ takeId: 't-a', provider: 'fal', request: req() }), ids[0]);
  await runner.waitAll();
  assert.equal(fake.createsFor('t-a'), 1);
  const ledger = project.db.prepare('SELECT take_id, amount_usd FROM cost_ledger ORDER BY take_id').all() as Array<{ take_id: string; amount_usd: number }>;
  assert.deepEqual(ledger.map((r) => r.take_id), ['t-a', 't-b', 't-c']);
  assert.ok(ledger.every((r) => Math.abs(r.amount_usd - 1.6) < 1e-9), 'Veo 4 s at 0.40/s');
  assert.ok(events.some((e) => e.state === 'succeeded' && e.costSoFarUsd > 0));
  assert.ok(fake.uploads.size >= 3, 'start images were uploaded through fal storage');
  project.close();
});

test('a 500 on create reaches the server exactly once and fails the job with a clear error', async () => {
  const { project, runner } = setup();
  fake.inject({ op: 'create', kind: 'status', status: 500, key: 't-500' });
  const id = runner.submit({ takeId: 't-500', provider: 'fal', request: req() });
  await runner.waitAll();
  const job = runner.get(id);
  assert.equal(job.state, 'failed');
  if (job.state === 'failed') assert.match(job.error.message, /HTTP 500.*not retried/s);
  assert.equal(fake.requests.filter((r) => r.op === 'create' && r.key === 't-500').length, 1);
  project.close();
});

test('a 429 with Retry-After: 2 on a poll delays the next poll by at least 2 s', async () => {
  const { project, runner } = setup();
  fake.inject({ op: 'poll', kind: 'status', status: 429, retryAfter: '2', key: '' });
  const id = runner.submit({ takeId: 't-429', provider: 'fal', request: req() });
  await runner.waitAll();
  const job = runner.get(id);
  assert.equal(job.state, 'succeeded');
  const polls = fake.requests.filter((r) => r.op === 'poll' && job.remoteId?.startsWith(r.jobId ?? '?'));
  const i = polls.findIndex((r) => r.status === 429);
  assert.ok(i >= 0 && polls[i + 1], 'a 429 then another poll');
  assert.ok(polls[i + 1]!.at - polls[i]!.at >= 2000, `gap ${polls[i + 1]!.at - polls[i]!.at} ms`);
  project.close();
});

test('cancel calls the provider cancel exactly once and polling stops', async () => {
  const { project, runner } = setup();
  fake.behaviour.pollsBeforeDone = 1_000_000;
  try {
    const id = runner.submit({ takeId: 't-cancel', provider: 'fal', request: req() });
    await new Promise<void>((resolve) => { const t = setInterval(() => { if (runner.get(id).state === 'running') { clearInterval(t); resolve(); } }, 5); });
    await Promise.all([runner.cancel(id), runner.cancel(id)]);
    await runner.cancel(id);
    const job = runner.get(id);
    assert.equal(job.state, 'canceled');
    const requestId = job.remoteId!.split('@')[0]!;
    assert.equal(fake.cancelsFor(requestId), 1);
    const pollsAtCancel = fake.requests.filter((r) => r.op === 'poll' && r.jobId === requestId).length;
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(fake.requests.filter((r) => r.op === 'poll' && r.jobId === requestId).length, pollsAtCancel);
  } finally { fake.behaviour.pollsBeforeDone = 1; }
  await runner.close();
  project.close();
});

test('a connection reset after the server accepted the create is reconciled, not resubmitted', async () => {
  const { project, runner } = setup();
  fake.inject({ op: 'create', kind: 'reset', key: 't-reset' });
  const id = runner.submit({ takeId: 't-reset', provider: 'fal', request: req({ seed: 42, model: 'fal-ai/veo3.1/first-last-frame-to-video', endImage: start }) });
  await runner.waitAll();
  assert.equal(runner.get(id).state, 'succeeded');
  assert.equal(fake.createsFor('t-reset'), 1);
  project.close();
});

test('an expired output URL ends in output_expired; a failed request ends in failed with fal\'s reason', async () => {
  const { project, runner } = setup();
  fake.behaviour.expiredStatus = 410;
  fake.behaviour.failKeys.add('t-fail');
  try {
    const a = runner.submit({ takeId: 't-expired', provider: 'fal', request: req() });
    const b = runner.submit({ takeId: 't-fail', provider: 'fal', request: req() });
    await runner.waitAll();
    assert.equal(runner.get(a).state, 'output_expired');
    const fb = runner.get(b);
    assert.equal(fb.state, 'failed');
    if (fb.state === 'failed') assert.match(fb.error.message, /failed on this input/);
  } finally { fake.behaviour.expiredStatus = null; fake.behaviour.failKeys.clear(); }
  project.close();
});

test('the budget cap refuses to start a take whose estimate would exceed it', async () => {
  const { project, runner } = setup({ budgetUsd: 2 });
  runner.submit({ takeId: 't-b1', provider: 'fal', request: req() });
  assert.throws(() => runner.submit({ takeId: 't-b2', provider: 'fal', request: req() }), /budget/);
  await runner.waitAll();
  assert.equal(fake.createsFor('t-b2'), 0);
  project.close();
});

test('PuLID keyframe: the seed fal returns is recorded', async () => {
  const { project, runner } = setup();
  const id = runner.submit({ takeId: 't-pulid', provider: 'fal', request: req({ model: 'fal-ai/flux-pulid', startImage: undefined, referenceImages: [start], width: 1024, height: 576 }) });
  await runner.waitAll();
  const job = runner.get(id);
  assert.equal(job.state, 'succeeded');
  if (job.state === 'succeeded') { assert.equal(typeof job.seedReturned, 'number'); assert.equal(job.output.ext, 'png'); }
  project.close();
});
