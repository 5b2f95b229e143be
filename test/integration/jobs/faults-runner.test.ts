// The durable runner under transport faults (issue 13), with the real openai and @fal-ai/client
// SDKs against the loopback fakes: downloads cut mid-body resume (Range, or from the start),
// a download that gives up is picked up again by remote id (never a second create), an upload
// that always resets ends within its attempt limit, and a job moved by another writer is left alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { openProject } from '../../../core/store/open-project.ts';
import { createJobRunner } from '../../../core/jobs/job-runner.ts';
import { createJobsRepo } from '../../../core/jobs/jobs-repo.ts';
import type { JobEvent, JobRunnerOptions } from '../../../core/jobs/runner-types.ts';
import type { GenerationRequest, ProviderAdapter } from '../../../core/providers/adapter.ts';
import { createOpenAIVideosAdapter } from '../../../core/providers/openai/openai-videos-adapter.ts';
import { createFalAdapter } from '../../../core/providers/fal/fal-adapter.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../fakes/fake-openai.ts';
import { startFakeFal, type FakeFal } from '../../fakes/fake-fal.ts';
import type { FakeJob, InternalCore } from '../../fakes/fake-core.ts';

let dir: string;
let openai: FakeOpenAI;
let fal: FakeFal;
let start: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jobs-faults-'));
  [openai, fal] = await Promise.all([startFakeOpenAI(), startFakeFal()]);
  for (const f of [openai, fal]) { f.behaviour.clipSize = { width: 160, height: 90 }; f.behaviour.pollsBeforeDone = 1; }
  start = join(dir, 'start.png');
  await sharp({ create: { width: 1280, height: 720, channels: 3, background: { r: 200, g: 40, b: 90 } } }).png().toFile(start);
});
after(async () => { await Promise.all([openai.close(), fal.close()]); rmSync(dir, { recursive: true, force: true }); });

let n = 0;
function setup(provider: 'openai' | 'fal', extra: Partial<JobRunnerOptions> = {}) {
  const project = openProject(join(dir, `p${n++}`), { create: true });
  const adapter: ProviderAdapter = provider === 'openai'
    ? createOpenAIVideosAdapter({ env: { OPENAI_API_KEY: 'sk-fake-0000' }, baseUrl: openai.baseUrl })
    : createFalAdapter({ env: { FAL_KEY: 'fal-test-key-0000' }, baseUrl: fal.proxyUrl });
  const events: JobEvent[] = [];
  const runner = createJobRunner({
    db: project.db, assets: project.assets, adapters: { [provider]: adapter }, concurrency: 3, pollIntervalMs: 5,
    backoff: { baseMs: 5, capMs: 20 }, onEvent: (e) => events.push(e), ...extra,
  });
  return { project, runner, events };
}

const soraReq = (i: number): GenerationRequest => ({ model: 'sora-2', prompt: `shot ${i}: a red scarf, slow push-in`, negativePrompt: '', startImage: start, width: 1280, height: 720, seconds: 4, fps: 30 });
const falReq = (): GenerationRequest => ({ model: 'fal-ai/veo3.1/image-to-video', prompt: 'a red scarf', negativePrompt: '', startImage: start, width: 1280, height: 720, seconds: 4, fps: 24 });
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
/** The exact bytes the fake serves for a take's job. */
const servedFor = (key: string) => (openai as unknown as InternalCore).clip([...openai.jobs.values()].find((j: FakeJob) => j.key === key)!);
const downloads = (f: FakeOpenAI) => f.requests.filter((r) => r.op === 'download');

test('the first two downloads cut half-way: resumed with Range, every take delivered whole, one create each', async () => {
  const { project, runner } = setup('openai');
  const before = downloads(openai).length;
  openai.inject({ op: 'download', kind: 'cut', times: 2 });
  for (let i = 0; i < 3; i++) runner.submit({ takeId: `cut-${i}`, provider: 'openai', request: soraReq(i) });
  const jobs = await runner.waitAll();
  const served = await servedFor('cut-0');
  for (const j of jobs) {
    assert.equal(j.state, 'succeeded', JSON.stringify(j));
    if (j.state !== 'succeeded') continue;
    assert.equal(j.output.bytes, served.length, 'the whole file, not the half that arrived first');
    assert.equal(sha(j.output.path), createHash('sha256').update(served).digest('hex'));
    assert.equal(openai.createsFor(j.takeId), 1);
  }
  const mine = downloads(openai).slice(before);
  assert.equal(mine.filter((r) => r.status === 206).length, 2, `two resumed with Range: ${mine.map((r) => r.status).join(',')}`);
  await runner.close();
  project.close();
});

test('a server without Range support: the cut download starts again from byte 0', async () => {
  openai.behaviour.ranges = false;
  try {
    const { project, runner } = setup('openai');
    openai.inject({ op: 'download', kind: 'cut', times: 2 });
    runner.submit({ takeId: 'norange-0', provider: 'openai', request: soraReq(10) });
    const [job] = await runner.waitAll();
    assert.equal(job!.state, 'succeeded', JSON.stringify(job));
    if (job!.state === 'succeeded') assert.equal(job!.output.bytes, (await servedFor('norange-0')).length);
    await runner.close();
    project.close();
  } finally { openai.behaviour.ranges = true; }
});

test('downloads that keep failing end the job with a reason; asking for the take again downloads it, no second create', async () => {
  const first = setup('openai', { maxTransientErrors: 1 });
  openai.inject({ op: 'download', kind: 'cut', times: 2 });
  first.runner.submit({ takeId: 'gaveup-0', provider: 'openai', request: soraReq(20) });
  const [failed] = await first.runner.waitAll();
  assert.equal(failed!.state, 'failed');
  if (failed!.state === 'failed') {
    assert.equal(failed!.error.code, 'download_failed');
    assert.match(failed!.error.message, /failed 2 times in a row.*still at openai.*--resume/);
  }
  await first.runner.close();
  // A resumed run asks for the same take: the job goes back to downloading by its remote id.
  const again = createJobRunner({ db: first.project.db, assets: first.project.assets, adapters: { openai: createOpenAIVideosAdapter({ env: { OPENAI_API_KEY: 'sk-fake-0000' }, baseUrl: openai.baseUrl }) }, pollIntervalMs: 5, backoff: { baseMs: 5, capMs: 20 } });
  again.submit({ takeId: 'gaveup-0', provider: 'openai', request: soraReq(20) });
  const [done] = await again.waitAll();
  assert.equal(done!.state, 'succeeded', JSON.stringify(done));
  assert.equal(done!.remoteId, failed!.remoteId);
  assert.equal(openai.createsFor('gaveup-0'), 1, 'downloaded again, not created again');
  await again.close();
  first.project.close();
});

test('an expired output (410) ends the job output_expired, not failed and not retried', async () => {
  openai.behaviour.expiredStatus = 410;
  try {
    const { project, runner } = setup('openai');
    runner.submit({ takeId: 'expired-0', provider: 'openai', request: soraReq(30) });
    const [job] = await runner.waitAll();
    assert.equal(job!.state, 'output_expired');
    await runner.close();
    project.close();
  } finally { openai.behaviour.expiredStatus = null; }
});

test('an image upload that always resets ends within its attempt limit, with the reason; nothing created', async () => {
  const uploadsBefore = fal.requests.filter((r) => r.op === 'upload').length;
  fal.inject({ op: 'upload', kind: 'reset', times: 1000 });
  try {
    const { project, runner } = setup('fal', { maxCreateAttempts: 4 });
    runner.submit({ takeId: 'upload-0', provider: 'fal', request: falReq() });
    const [job] = await runner.waitAll();
    assert.equal(job!.state, 'failed', JSON.stringify(job));
    if (job!.state === 'failed') {
      assert.equal(job!.error.code, 'send_failed');
      assert.match(job!.error.message, /4 attempts failed before the create request left.*Nothing was created or billed/);
    }
    const uploads = fal.requests.filter((r) => r.op === 'upload').length - uploadsBefore;
    assert.ok(uploads >= 4 && uploads <= 4 * 4, `${uploads} upload requests for 4 attempts (the SDK may retry each a few times)`);
    assert.equal(fal.createsFor('upload-0'), 0);
    await runner.close();
    project.close();
  } finally { /* the fal fake serves only this test; its reset fault dies with it */ }
});

test('a job moved by another writer mid-poll: this runner stops driving it with a detached event, no crash', async () => {
  openai.behaviour.pollsBeforeDone = 1000;
  try {
    const { project, runner, events } = setup('openai');
    const second = openProject(project.dir);
    const other = createJobsRepo(second.db, () => new Date().toISOString());
    const id = runner.submit({ takeId: 'moved-0', provider: 'openai', request: soraReq(40) });
    // When the job is being polled, the "other process" cancels it underneath.
    await new Promise<void>((resolve) => {
      const check = () => { const j = other.get(id); if (j.state === 'running') { other.move(id, 'running', 'canceled'); resolve(); } else setTimeout(check, 10); };
      check();
    });
    const [job] = await runner.waitAll();
    assert.equal(job!.state, 'canceled', 'the other writer\'s move stands');
    const detached = events.find((e) => e.detached);
    assert.ok(detached, 'the waiter was told');
    assert.match(detached!.detached!, /another process/);
    await runner.close();
    second.close();
    project.close();
  } finally { openai.behaviour.pollsBeforeDone = 1; }
});
