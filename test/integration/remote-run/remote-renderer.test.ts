// The remote ShotRenderer against the loopback fake fal, in process: one durable job per take,
// conformed to the exact target, picked up (not re-created) when asked again, cancel sent once,
// 'refuse' refused before anything is sent, a failed job reported as failed work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import '../../support/test-switches.ts'; // fast polls of the loopback fakes
import { CanceledError, InputError, WorkError } from '../../../core/domain/errors.ts';
import type { PlannedShot } from '../../../core/domain/shot.ts';
import { probe } from '../../../core/media/probe.ts';
import { createShotRenderer } from '../../../core/pipeline/create-renderer.ts';
import type { RenderRequest, ShotRenderer } from '../../../core/pipeline/shot-renderer.ts';
import { openProject, type Project } from '../../../core/store/open-project.ts';
import { startFakeFal, type FakeFal } from '../../fakes/fake-fal.ts';

const KLING = 'fal-ai/kling-video/v2.1/pro/image-to-video';
let dir: string;
let start: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'remote-renderer-'));
  start = join(dir, 'start.png');
  await sharp({ create: { width: 320, height: 180, channels: 3, background: { r: 190, g: 110, b: 70 } } }).png().toFile(start);
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Rig { fake: FakeFal; project: Project; renderer: ShotRenderer; events: string[]; close(): Promise<void> }

async function rig(name: string, model: string, extra: { conformPolicy?: 'conform' | 'refuse' } = {}): Promise<Rig> {
  const fake = await startFakeFal();
  fake.behaviour.clipSize = { width: 160, height: 90 };
  fake.behaviour.pollsBeforeDone = 1;
  const project = openProject(join(dir, name), { create: true });
  const events: string[] = [];
  const renderer = createShotRenderer({
    provider: 'fal', model, purpose: 'look-batch', project, batchId: `batch-${name}`, concurrency: 2, ...extra,
    env: { FAL_KEY: 'fake-key-for-tests', CONTINUITY_FAL_BASE_URL: fake.proxyUrl, CONTINUITY_POLL_INTERVAL_MS: '20' },
    onJobEvent: (e) => events.push(`${e.takeId}:${e.state}`),
  });
  return { fake, project, renderer, events, async close() { await renderer.close?.(); project.close(); await fake.close(); } };
}

const request = (takeId: string, o: Partial<RenderRequest> = {}): RenderRequest => ({
  shot: { id: 'a1' } as unknown as PlannedShot, takeId, attempt: 1, prompt: 'warm café counter, slow push-in', negativePrompt: 'neon',
  startImage: start, referenceImages: [], layers: { productImages: [], referenceImages: [] }, deltas: [],
  width: 320, height: 180, seconds: 4, fps: 24, seed: 7, out: join(dir, `${takeId}.mp4`), ...o,
});

test('Kling (5 s only, 16:9 at 1920x1080): one create, conformed to exactly 320x180 × 96 frames, extra cost recorded', async () => {
  const r = await rig('kling', KLING);
  try {
    assert.equal(r.renderer.estimateAttemptUsd(4), 0.49, 'a 4 s clip bills the 5 s Kling generation');
    const res = await r.renderer.render(request('take-kling-1'));
    const p = await probe(res.path);
    assert.deepEqual([p.width, p.height, p.frameCount], [320, 180, 96]);
    assert.equal(res.previz, false);
    assert.equal(res.costUsd, 0.49);
    assert.match(res.remoteId ?? '', /@fal-ai\/kling-video/);
    const conform = res.parameters.conform as { applied: string[]; extraCostUsd: number; scaleMode: string };
    assert.ok(conform.applied.some((s) => /^trim/.test(s)) && conform.applied.some((s) => /^scale/.test(s)), conform.applied.join('; '));
    assert.equal(conform.scaleMode, 'fit');
    assert.ok(Math.abs(conform.extraCostUsd - 0.098) < 1e-9);
    assert.deepEqual(res.parameters.generate, { seconds: 5, width: 1920, height: 1080, fps: 24 });
    const input = [...r.fake.jobs.values()][0]!.input as Record<string, unknown>;
    assert.equal(input.duration, '5');
    assert.equal(input.seed, undefined, 'Kling takes no seed');
    // Asked again for the same take (a resumed run): the job is picked up, nothing is created.
    const again = await r.renderer.render(request('take-kling-1', { out: join(dir, 'again.mp4') }));
    assert.equal(again.remoteId, res.remoteId);
    assert.deepEqual(r.fake.createCounts(), { 'take-kling-1': 1 });
  } finally { await r.close(); }
});

test("policy 'refuse': an InputError naming what the model makes, before anything is sent", async () => {
  const r = await rig('refuse', KLING, { conformPolicy: 'refuse' });
  try {
    await assert.rejects(r.renderer.render(request('take-refuse-1')), (err: unknown) => err instanceof InputError && /cannot make exactly 320x180, 4 s.*durations 5, 10/.test(err.message));
    assert.equal(r.fake.requests.length, 0, 'no request reached the provider');
    const jobs = r.project.db.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number };
    assert.equal(jobs.n, 0, 'no job row either');
  } finally { await r.close(); }
});

test('cancel while the provider is working: provider cancel exactly once, CanceledError, job canceled', async () => {
  const r = await rig('cancel', 'fal-ai/veo3.1/image-to-video');
  r.fake.behaviour.pollsBeforeDone = 10_000;
  try {
    const ctl = new AbortController();
    const pending = r.renderer.render(request('take-cancel-1', { signal: ctl.signal, width: 1280, height: 720 }));
    const timer = setInterval(() => { if (r.events.includes('take-cancel-1:running')) { clearInterval(timer); ctl.abort(); } }, 10);
    await assert.rejects(pending, (err: unknown) => err instanceof CanceledError);
    clearInterval(timer);
    const job = [...r.fake.jobs.values()][0]!;
    assert.equal(r.fake.cancelsFor(job.id), 1);
    const row = r.project.db.prepare('SELECT state FROM jobs WHERE take_id = ?').get('take-cancel-1') as { state: string };
    assert.equal(row.state, 'canceled');
  } finally { await r.close(); }
});

test('a job the provider fails is failed work with the provider’s reason; a new take id is a new create', async () => {
  const r = await rig('failed', 'fal-ai/veo3.1/first-last-frame-to-video');
  r.fake.behaviour.failKeys.add('take-fail-1');
  try {
    await assert.rejects(r.renderer.render(request('take-fail-1', { width: 1280, height: 720 })), (err: unknown) => err instanceof WorkError && /failed take take-fail-1/.test(err.message));
    // The take id a retry asks for skips the dead job's id (take-id.ts replacement numbering).
    const next = r.renderer.takeIdFor!({ key: 'row', attempt: 1, basis: 'x' });
    assert.match(next, /^row-t1-[0-9a-f]{10}$/);
    const res = await r.renderer.render(request(next, { width: 1280, height: 720 }));
    const input = [...r.fake.jobs.values()].find((j) => j.key === next)!.input as Record<string, unknown>;
    assert.equal(input.seed, 7, 'first-last-frame Veo takes the seed');
    assert.equal(res.seedReturned, 7);
    assert.equal(r.fake.createsFor('take-fail-1'), 1);
  } finally { await r.close(); }
});
