// One price table (issue 12 item 10): resources/prices.json is derived from the registry and says
// the same; the plan's estimate and the job runner's estimate agree per clip; conform up-sizing
// (a 4 s clip on a 5 s model) and paid keyframes are in the plan's estimate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_PRICES_PATH, estimateCost, loadPriceTable } from '../../../core/plan/estimate-cost.ts';
import { billingFacts } from '../../../core/plan/billing-facts.ts';
import { pricesFileText, registryPriceTable } from '../../../core/plan/registry-prices.ts';
import { conformPlan } from '../../../core/providers/conform-plan.ts';
import { getModel, listModels } from '../../../core/providers/registry.ts';
import type { PlannedShot } from '../../../core/domain/shot.ts';

test('resources/prices.json is exactly what the registry generates (run scripts/make-prices.ts after a price change)', () => {
  assert.equal(readFileSync(DEFAULT_PRICES_PATH, 'utf8'), pricesFileText());
  const table = loadPriceTable(DEFAULT_PRICES_PATH);
  assert.deepEqual(table, registryPriceTable());
  for (const m of listModels()) assert.ok(table[`${m.provider}/${m.id}`], `${m.provider}/${m.id} has a price`);
});

test('the plan estimate and the runner estimate agree per clip, including conform up-sizing', () => {
  const target = { width: 1280, height: 720, seconds: 4, fps: 24 };
  for (const [provider, id, perClip] of [['runway', 'gen4.5', 0.48], ['runway', 'gen4_turbo', 0.25], ['luma', 'ray-2', 0.7], ['google', 'veo-3.1-generate-preview', 1.6], ['fal', 'fal-ai/kling-video/v2.1/pro/image-to-video', 0.49]] as const) {
    const m = getModel(id, provider);
    const runner = conformPlan(m, target).costUsd;
    const plan = estimateCost({ provider, model: id, seconds: 4, clips: 1, generateSeconds: conformPlan(m, target).generate.seconds }, registryPriceTable());
    assert.equal(plan.perClipUsd, runner, `${provider}/${id}: plan ${plan.perClipUsd} vs runner ${runner}`);
    assert.ok(Math.abs(plan.perClipUsd - perClip) < 1e-9, `${provider}/${id}: ${plan.perClipUsd}`);
  }
  // Without the generation seconds, a 5 s-only model would be under-estimated: the facts matter.
  assert.ok(estimateCost({ provider: 'luma', model: 'ray-2', seconds: 4, clips: 1 }, registryPriceTable()).perClipUsd < 0.7);
});

test('paid keyframes are in the plan estimate: identity → PuLID, style → IP-Adapter, per the shots\' mechanisms', () => {
  const shot = (id: string, characterReference: string | null): PlannedShot => ({ id, characterReference, continuityMode: 'native', kind: 'anchor' } as unknown as PlannedShot);
  const shots = [shot('a1', 'ref-char'), shot('a2', null), shot('a3', null)];
  const facts = billingFacts('luma', 'ray-2', shots, { width: 1280, height: 720, seconds: 4, fps: 24 });
  assert.equal(facts.generateSeconds, 5);
  assert.deepEqual(facts.keyframes, [{ key: 'fal/fal-ai/flux-pulid', count: 1 }, { key: 'replicate/lucataco/ip-adapter-sdxl', count: 2 }]);
  const est = estimateCost({ provider: 'luma', model: 'ray-2', seconds: 4, clips: 3, ...facts }, registryPriceTable());
  assert.equal(est.keyframesUsd, 0.053);
  assert.equal(est.totalUsd, Math.round((0.7 * 3 + 0.053) * 10_000) / 10_000);
  assert.ok(est.notes.some((n) => /paid keyframe.*flux-pulid.*no charge when that provider has no key/.test(n)));
  // A model taking native references needs no keyframes for native shots; local runs none at all.
  assert.deepEqual(billingFacts('local', 'local-animatic', shots, { width: 1280, height: 720, seconds: 4, fps: 24 }), {});
});
