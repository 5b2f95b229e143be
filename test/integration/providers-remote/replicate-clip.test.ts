/**
 * Issue 10 item 7: the gate's semantic metric through the real `replicate` SDK against the loopback
 * fake (files upload, clip-features predictions, polling): the value reaches the take's metrics,
 * each prediction's cost is recorded as an estimate from the reported GPU time, a look reference
 * is embedded once, and a failed prediction leaves the metric unmeasured with the reason.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runLookFile } from '../../../core/pipeline/run-look-file.ts';
import { makeClip, makeTempDir } from '../../helpers/make-clips.ts';
import { extractFrame } from '../../../core/media/extract-frame.ts';
import { loadImage } from '../../../core/media/load-image.ts';
import { PlannedShotSchema } from '../../../core/domain/shot.ts';
import { InputError } from '../../../core/domain/errors.ts';
import { createLookQualityStep } from '../../../core/pipeline/look-quality.ts';
import { CLIP_USD_PER_SECOND, createReplicateClip } from '../../../core/providers/replicate/replicate-clip.ts';
import { buildPromptPack } from '../../../core/plan/build-prompt-pack.ts';
import { createBudget } from '../../../core/pipeline/budget.ts';
import { createLocalShotRenderer } from '../../../core/pipeline/local-shot-renderer.ts';
import { resolveLookAssets } from '../../../core/pipeline/look-assets.ts';
import { runShot, type AttemptRecord } from '../../../core/pipeline/run-shot.ts';
import { takePack } from '../../../core/pipeline/take-pack.ts';
import { FAKE_CLIP_PREDICT_SECONDS, startFakeReplicate, type FakeReplicate } from '../../fakes/fake-replicate.ts';

let rep: FakeReplicate;
let dir = '';
let cleanup = async () => {};
let clip = '', bars = '', ref = '', barsRef = '';
const env = { REPLICATE_API_TOKEN: 'r8_test_0000000000' };
const shot = PlannedShotSchema.parse({ id: 'a1', index: 0, kind: 'anchor', parentId: null, framing: 'wide', motion: 'static', deltas: [], continuityMode: 'native', label: 'the harbour' });
const creates = () => rep.requests.filter((r) => r.op === 'create' && r.status < 300).length;

before(async () => {
  rep = await startFakeReplicate();
  ({ dir, cleanup } = await makeTempDir('replicate-clip'));
  clip = await makeClip(dir, { width: 160, height: 90, fps: 12, seconds: 1, name: 'take.mp4' });
  bars = await makeClip(dir, { width: 160, height: 90, fps: 12, seconds: 1, pattern: 'smptebars', name: 'bars.mp4' });
  ref = join(dir, 'ref.png');
  await extractFrame(clip, 0.5, ref);
  barsRef = join(dir, 'bars.png');
  await extractFrame(bars, 0.5, barsRef);
});
after(async () => { await rep.close(); await cleanup(); });

test('no Replicate key: the semantic check is refused naming the variable, and a run refuses before it creates anything', async () => {
  assert.throws(() => createReplicateClip({ env: {} }), (e: unknown) => e instanceof InputError && /REPLICATE_API_TOKEN/.test(e.message));
  const out = join(dir, 'no-key-run');
  await assert.rejects(runLookFile({ lookPath: join(dir, 'LOOK.json'), outDir: out, semantic: true, env: {} }), (e: unknown) => e instanceof InputError && /REPLICATE_API_TOKEN/.test(e.message));
  assert.equal(existsSync(out), false, 'no project folder was made');
});

test('similarity: same picture high, another lower; the reference is embedded once; each prediction costs an estimate', async () => {
  const c = createReplicateClip({ env, baseUrl: rep.baseUrl, pollIntervalMs: 10 });
  const [a, b] = await Promise.all([loadImage(ref), loadImage(barsRef)]);
  const before = creates();
  const same = await c.similarity(a, a);
  assert.equal(creates() - before, 1, 'one prediction for one distinct image');
  assert.ok(same.value > 0.999, `same picture ${same.value}`);
  assert.equal(same.spend.length, 1);
  assert.equal(same.spend[0]!.estimated, true);
  assert.ok(Math.abs(same.spend[0]!.usd - FAKE_CLIP_PREDICT_SECONDS * CLIP_USD_PER_SECOND) < 1e-12);
  assert.match(same.spend[0]!.basis, /0\.8 s GPU time reported/);
  const other = await c.similarity(b, a);
  assert.ok(other.value < same.value - 0.05, `another picture ${other.value} vs ${same.value}`);
  assert.equal(creates() - before, 2, 'the reference was not embedded again');
  const again = await c.similarity(b, a);
  assert.deepEqual(again.spend, [], 'both cached: nothing spent');
});

test('through the quality step: the take records the semantic value and its estimated spend; a failed prediction says why', async () => {
  const step = createLookQualityStep({ semantic: createReplicateClip({ env, baseUrl: rep.baseUrl, pollIntervalMs: 10 }) });
  const s = await step.score({ video: clip, shot, references: [ref] });
  assert.ok(s.metrics.semantic !== null && s.metrics.semantic! > 0.9, `semantic ${s.metrics.semantic}`);
  assert.equal(s.thresholds?.semantic, 0.8);
  assert.ok(s.spend?.length && s.spend.every((x) => x.estimated && x.usd > 0), JSON.stringify(s.spend));

  const off = await step.score({ video: bars, shot, references: [ref] });
  assert.ok(off.metrics.semantic! < s.metrics.semantic!, `off-look semantic ${off.metrics.semantic} vs ${s.metrics.semantic}`);

  rep.behaviour.failAll = true;
  try {
    const failed = await createLookQualityStep({ semantic: createReplicateClip({ env, baseUrl: rep.baseUrl, pollIntervalMs: 10 }) }).score({ video: clip, shot, references: [ref] });
    assert.equal(failed.metrics.semantic, null);
    assert.ok(failed.notes?.some((n) => /semantic similarity not measured: Replicate CLIP prediction \S+ failed/.test(n)), JSON.stringify(failed.notes));
    assert.equal(failed.spend?.length, 1, 'a prediction that ran and failed is still recorded as spent (estimate)');
  } finally {
    rep.behaviour.failAll = false;
  }
});

test('a take made with the semantic check on: its cost and the budget include the estimate, and the pack says so', async () => {
  const attempts: AttemptRecord[] = [];
  const budget = createBudget(null);
  const assets = resolveLookAssets([{ path: ref, role: 'set', sha256: 'a'.repeat(64), approved: true, index: 0 }], []);
  await runShot({ shot, prompt: 'the harbour at dawn', negativePrompt: '', seed: 3 }, {
    renderer: createLocalShotRenderer(), quality: createLookQualityStep({ semantic: createReplicateClip({ env, baseUrl: rep.baseUrl, pollIntervalMs: 10 }) }),
    assets, budget, width: 160, height: 90, seconds: 1, fps: 12, maxRetries: 0, workDir: dir, seedInheritable: true,
    emit: () => {}, record: async (a) => { attempts.push(a); },
  });
  const a = attempts[0]!;
  const spent = (a.quality.spend ?? []).reduce((sum, x) => sum + x.usd, 0);
  assert.ok(spent > 0 && a.quality.metrics.semantic !== null, JSON.stringify(a.quality));
  assert.ok(Math.abs(budget.spentUsd() - (a.render.costUsd + spent)) < 1e-12, `budget ${budget.spentUsd()} vs ${spent}`);
  const planned = buildPromptPack({
    lookName: 'Harbour', canonVersion: 1, shot, compiled: { prompt: 'the harbour at dawn', negativePrompt: '', parameters: {} },
    references: [{ role: 'set', sha256: 'a'.repeat(64) }], provider: 'local', model: 'local-animatic', size: { width: 160, height: 90 }, seconds: 1, fps: 12, estimatedCostUsd: 0,
  });
  const pack = takePack(planned, a, { output: { sha256: 'b'.repeat(64), bytes: 1 }, start: 'c'.repeat(64), lut: 'd'.repeat(64) }, 'local', 'local-animatic');
  assert.ok(Math.abs(pack.take!.costUsd - (a.render.costUsd + spent)) < 1e-12);
  assert.equal(pack.take!.costEstimated, true, 'an estimate is not a charge');
  assert.match(pack.quality!.spend![0]!.what, /Replicate andreasjansson\/clip-features prediction/);
});
