// The durable runner against the loopback fakes of Runway, Luma and Gemini-API Veo (real SDKs, real
// SQLite, real ffmpeg clips): per provider, one create per take with the right wire fields, 429 +
// Retry-After on create honoured without a duplicate, 500 on create sent once and failed, a failed
// task with the provider's reason, an expired output, and a slow job cancelled exactly once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { openProject, type Project } from '../../../core/store/open-project.ts';
import { createJobRunner } from '../../../core/jobs/job-runner.ts';
import type { GenerationRequest, ProviderAdapter } from '../../../core/providers/adapter.ts';
import { createRunwayAdapter } from '../../../core/providers/runway/runway-adapter.ts';
import { createLumaAdapter } from '../../../core/providers/luma/luma-adapter.ts';
import { createGoogleVeoAdapter } from '../../../core/providers/google/google-veo-adapter.ts';
import { startFakeRunway, type FakeRunway } from '../../fakes/fake-runway.ts';
import { startFakeLuma, type FakeLuma } from '../../fakes/fake-luma.ts';
import { startFakeGoogle, type FakeGoogle } from '../../fakes/fake-google.ts';
import { startFakeFal, type FakeFal } from '../../fakes/fake-fal.ts';
import type { FakeCore } from '../../fakes/fake-core.ts';

let dir: string;
let start: string;
let runway: FakeRunway;
let luma: FakeLuma;
let google: FakeGoogle;
let fal: FakeFal;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'provider-faults-'));
  start = join(dir, 'start.png');
  await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 200, g: 40, b: 90 } } }).png().toFile(start);
  [runway, luma, google, fal] = await Promise.all([startFakeRunway(), startFakeLuma(), startFakeGoogle(), startFakeFal()]);
  for (const f of [runway, luma, google]) f.behaviour.clipSize = { width: 160, height: 90 };
});
after(async () => {
  await Promise.all([runway, luma, google, fal].map((f) => f.close()));
  rmSync(dir, { recursive: true, force: true });
});

interface Case { provider: string; fake: () => FakeCore; adapter: () => ProviderAdapter; req: Partial<GenerationRequest>; remote: (remoteId: string) => string }
const CASES: Case[] = [
  { provider: 'runway', fake: () => runway, adapter: () => createRunwayAdapter({ env: { RUNWAYML_API_SECRET: 'key_runway_test_0000' }, baseUrl: runway.baseUrl }), req: { model: 'gen4.5', seed: 1234 }, remote: (id) => id },
  {
    provider: 'luma', fake: () => luma, req: { model: 'ray-2', seconds: 5 }, remote: (id) => id,
    adapter: () => createLumaAdapter({ env: { LUMAAI_API_KEY: 'luma-test-key-0000', CONTINUITY_LUMA_IMAGE_HOST: 'fal', FAL_KEY: 'fal-test-key-0000', CONTINUITY_FAL_BASE_URL: fal.proxyUrl }, baseUrl: luma.baseUrl }),
  },
  { provider: 'google', fake: () => google, adapter: () => createGoogleVeoAdapter({ env: { GEMINI_API_KEY: 'gemini-test-key-0000' }, baseUrl: google.baseUrl }), req: { model: 'veo-3.1-generate-preview' }, remote: (name) => name.split('/operations/')[1]! },
];

let n = 0;
function setup(c: Case) {
  const project: Project = openProject(join(dir, `p${n++}`), { create: true });
  const runner = createJobRunner({ db: project.db, assets: project.assets, adapters: { [c.provider]: c.adapter() }, concurrency: 2, pollIntervalMs: 5, backoff: { baseMs: 5, capMs: 50 } });
  const req = (over: Partial<GenerationRequest> = {}): GenerationRequest => ({
    model: '', prompt: 'a red scarf on a bench, slow push-in', negativePrompt: 'text, watermark', startImage: start,
    width: 1280, height: 720, seconds: 4, fps: 24, ...c.req, ...over,
  });
  return { project, runner, req };
}

for (const c of CASES) {
  test(`${c.provider}: two takes, one create each, output hashed; 429 + Retry-After on create waits and creates once`, async () => {
    const { project, runner, req } = setup(c);
    const fake = c.fake();
    fake.inject({ op: 'create', kind: 'status', status: 429, retryAfter: '1', key: `${c.provider}-429` });
    const ids = [`${c.provider}-a`, `${c.provider}-429`].map((takeId) => runner.submit({ takeId, provider: c.provider, request: req() }));
    await runner.waitAll();
    for (const id of ids) {
      const j = runner.get(id);
      assert.equal(j.state, 'succeeded', JSON.stringify(j));
      assert.equal(fake.createsFor(j.takeId), 1, `${j.takeId}: one create`);
    }
    const creates = fake.requests.filter((r) => r.op === 'create' && r.key === `${c.provider}-429`);
    assert.deepEqual(creates.map((r) => r.status), [429, creates[1]!.status]);
    assert.ok(creates[1]!.at - creates[0]!.at >= 1000, `create retried only after Retry-After (gap ${creates[1]!.at - creates[0]!.at} ms)`);
    project.close();
  });

  test(`${c.provider}: a 500 on create is sent once and fails; a failed task fails with the reason; an expired output is output_expired`, async () => {
    const { project, runner, req } = setup(c);
    const fake = c.fake();
    fake.inject({ op: 'create', kind: 'status', status: 500, key: `${c.provider}-500` });
    fake.behaviour.failKeys.add(`${c.provider}-fail`);
    try {
      const a = runner.submit({ takeId: `${c.provider}-500`, provider: c.provider, request: req() });
      const b = runner.submit({ takeId: `${c.provider}-fail`, provider: c.provider, request: req() });
      await runner.waitAll();
      const ja = runner.get(a);
      assert.equal(ja.state, 'failed');
      if (ja.state === 'failed') assert.match(ja.error.message, /HTTP 500.*not retried/s);
      assert.equal(fake.requests.filter((r) => r.op === 'create' && r.key === `${c.provider}-500`).length, 1);
      const jb = runner.get(b);
      assert.equal(jb.state, 'failed');
      if (jb.state === 'failed') assert.match(jb.error.message, /failed .*on purpose/);
      fake.behaviour.expiredStatus = 404;
      const e = runner.submit({ takeId: `${c.provider}-expired`, provider: c.provider, request: req() });
      await runner.waitAll();
      assert.equal(runner.get(e).state, 'output_expired');
    } finally { fake.behaviour.failKeys.clear(); fake.behaviour.expiredStatus = null; }
    project.close();
  });

  test(`${c.provider}: a slow job is cancelled with exactly one provider cancel`, async () => {
    const { project, runner, req } = setup(c);
    const fake = c.fake();
    fake.behaviour.pollsBeforeDone = 1_000_000;
    try {
      const id = runner.submit({ takeId: `${c.provider}-cancel`, provider: c.provider, request: req() });
      await new Promise<void>((resolve) => { const t = setInterval(() => { if (runner.get(id).state === 'running') { clearInterval(t); resolve(); } }, 5); });
      await Promise.all([runner.cancel(id), runner.cancel(id)]);
      const job = runner.get(id);
      assert.equal(job.state, 'canceled');
      assert.equal(fake.cancelsFor(c.remote(job.remoteId!)), 1);
    } finally { fake.behaviour.pollsBeforeDone = 1; }
    await runner.close();
    project.close();
  });
}

test('runway: SAFETY.INPUT.* failure says not retryable; every create carried a data URI, a seed, ratio and integer duration', async () => {
  const { project, runner, req } = setup(CASES[0]!);
  runway.failureCodes.set('runway-safety', 'SAFETY.INPUT.TEXT');
  const id = runner.submit({ takeId: 'runway-safety', provider: 'runway', request: req() });
  await runner.waitAll();
  const j = runner.get(id);
  assert.equal(j.state, 'failed');
  if (j.state === 'failed') { assert.equal(j.error.code, 'runway_SAFETY.INPUT.TEXT'); assert.match(j.error.message, /not retryable/); }
  for (const b of runway.bodies) {
    assert.equal(b.promptImageKind, 'data');
    assert.equal(b.seed, 1234);
    assert.equal(b.ratio, '1280:720');
    assert.equal(b.duration, 4);
  }
  project.close();
});

test('luma: keyframes are hosted URLs Luma fetched (no data URI), duration "5s", no seed field', () => {
  assert.ok(luma.bodies.length >= 2);
  for (const b of luma.bodies) {
    assert.match(b.keyframes?.frame0?.url ?? '', /^http:\/\/127\.0\.0\.1:\d+\/fal-files\//);
    assert.equal(b.duration, '5s');
    assert.ok(!('seed' in b));
  }
  assert.ok(luma.fetched.size >= 2, 'the fake fetched the keyframe images');
});

test('google: inline image bytes, durationSeconds 4, no seed', () => {
  assert.ok(google.bodies.length >= 2);
  for (const b of google.bodies) {
    assert.ok(b.instance.image?.bytesBase64Encoded && b.instance.image.mimeType?.startsWith('image/'));
    assert.equal(b.parameters.durationSeconds, 4);
    assert.ok(!('seed' in b.parameters));
  }
});

test('luma: a connection reset after Luma accepted the create is found in its generation list, not sent again', async () => {
  const c = CASES[1]!;
  const { project, runner, req } = setup(c);
  luma.inject({ op: 'create', kind: 'reset', key: 'luma-reset' });
  const id = runner.submit({ takeId: 'luma-reset', provider: 'luma', request: req() });
  await runner.waitAll();
  assert.equal(runner.get(id).state, 'succeeded');
  assert.equal(luma.createsFor('luma-reset'), 1);
  project.close();
});

test('runway and google: a reset create cannot be looked up, so the take waits for a person instead of being sent again', async () => {
  for (const c of [CASES[0]!, CASES[2]!]) {
    const { project, runner, req } = setup(c);
    c.fake().inject({ op: 'create', kind: 'reset', key: `${c.provider}-reset` });
    const id = runner.submit({ takeId: `${c.provider}-reset`, provider: c.provider, request: req() });
    await runner.waitAll();
    assert.equal(runner.get(id).state, 'needs_user_decision', c.provider);
    assert.equal(c.fake().createsFor(`${c.provider}-reset`), 1);
    project.close();
  }
});
