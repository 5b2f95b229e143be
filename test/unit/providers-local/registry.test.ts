import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../../core/domain/errors.ts';
import { estimateCostUsd, findModel, getModel, listModels, ModelCapabilitySchema, modelsFor, takesImageInput } from '../../../core/providers/registry.ts';

test('every registry entry is valid and unique', () => {
  const models = listModels();
  for (const m of models) assert.ok(ModelCapabilitySchema.safeParse(m).success, m.id);
  const keys = models.map((m) => `${m.provider}/${m.id}`);
  assert.equal(new Set(keys).size, keys.length);
});

test('the registry holds the models the issue names', () => {
  for (const id of ['local-animatic', 'fal-ai/veo3.1/image-to-video', 'fal-ai/veo3.1/first-last-frame-to-video', 'fal-ai/veo3.1/reference-to-video',
    'fal-ai/kling-video/v2.1/pro/image-to-video', 'fal-ai/flux-pulid', 'lucataco/ip-adapter-sdxl', 'wan-video/wan-2.2-i2v-fast', 'sora-2', 'gen4.5', 'ray-2',
    'veo-3.1-generate-preview', 'fal-ai/veo3.1']) {
    assert.ok(findModel(id), id);
  }
  assert.equal(listModels()[0]!.id, 'local-animatic');
  assert.equal(takesImageInput(getModel('fal-ai/veo3.1')), false);
  assert.equal(getModel('sora-2').retired?.date, '2026-09-24');
  assert.equal(getModel('fal-ai/flux-pulid').commercialUse, false);
  assert.equal(getModel('fal-ai/flux-pulid').inputs.seed, 'returned');
});

test('getModel accepts provider/id and a provider filter; unknown ids list the known ones', () => {
  assert.equal(getModel('fal/fal-ai/flux-pulid').id, 'fal-ai/flux-pulid');
  assert.equal(getModel('sora-2', 'openai').provider, 'openai');
  assert.throws(() => getModel('sora-2', 'fal'), (e: unknown) => e instanceof InputError && /"sora-2" for provider "fal"/.test(e.message));
  assert.throws(() => getModel('nope-9'), (e: unknown) => e instanceof InputError && /"nope-9"/.test(e.message) && /local:local-animatic/.test(e.message) && e.field === 'model');
  assert.deepEqual(modelsFor('luma').map((m) => m.id), ['ray-2']);
});

test('costs round up to the billing unit', () => {
  assert.equal(estimateCostUsd(getModel('fal-ai/kling-video/v2.1/pro/image-to-video'), 4), 0.49);
  assert.equal(estimateCostUsd(getModel('fal-ai/kling-video/v2.1/pro/image-to-video'), 10), 0.98);
  assert.equal(estimateCostUsd(getModel('fal-ai/veo3.1/image-to-video'), 8), 3.2);
  assert.equal(estimateCostUsd(getModel('fal-ai/flux-pulid'), 0, 3), 0.099);
  assert.equal(estimateCostUsd(getModel('local-animatic'), 8), 0);
});
