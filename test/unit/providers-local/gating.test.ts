import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../../../core/domain/errors.ts';
import { baseUrlOverridesFromEnv, eligibleModels, gateModel, gateOptionsFromEnv, keyHint, providerStatus, whyIneligible } from '../../../core/providers/gating.ts';
import { getModel } from '../../../core/providers/registry.ts';
import { PROVIDER_IDS } from '../../../core/providers/registry.ts';

const refused = (re: RegExp) => (e: unknown) => e instanceof InputError && re.test(e.message);

test('a text-only model is refused for look batches and sessions, naming the eligible models', () => {
  for (const purpose of ['look-batch', 'session'] as const) {
    assert.throws(() => gateModel('fal-ai/veo3.1', { purpose }),
      refused(/cannot take an image input.*Eligible models: local:local-animatic, fal:fal-ai\/veo3\.1\/image-to-video/));
  }
  assert.equal(gateModel('fal-ai/veo3.1/image-to-video', { purpose: 'look-batch' }).provider, 'fal');
});

test('the retired Sora default is refused with its reason unless a compatible base URL is set', () => {
  assert.throws(() => gateModel('sora-2', { purpose: 'look-batch' }), refused(/retired: OpenAI shut down Sora 2.*2026-09-24.*OPENAI_BASE_URL.*Eligible models: local:local-animatic/));
  assert.equal(gateModel('sora-2', { purpose: 'look-batch', baseUrlOverrides: { openai: 'http://127.0.0.1:9/v1' } }).id, 'sora-2');
  assert.ok(!eligibleModels({ purpose: 'session' }).some((m) => m.id === 'sora-2'));
});

test('commercialOnly refuses non-commercial models with the licence note', () => {
  assert.equal(gateModel('fal-ai/flux-pulid', { purpose: 'keyframe' }).id, 'fal-ai/flux-pulid');
  assert.throws(() => gateModel('fal-ai/flux-pulid', { purpose: 'keyframe', commercialOnly: true }), refused(/not cleared for commercial use.*InsightFace.*Eligible models: local:local-keyframe, replicate:lucataco\/ip-adapter-sdxl, runway:gen4_image\./));
});

test('purpose mismatches are refused: images for clips, video for keyframes', () => {
  assert.throws(() => gateModel('fal-ai/flux-pulid', { purpose: 'look-batch' }), refused(/still images, not clips/));
  assert.throws(() => gateModel('local-animatic', { purpose: 'keyframe' }), refused(/makes video, not keyframe images/));
  assert.throws(() => gateModel('made-up', { purpose: 'look-batch' }), refused(/unknown model "made-up"/));
});

test('provider status: keys, base URLs, gating, and keys never shown', () => {
  const env = { FAL_KEY: 'fal-secret-abcdefgh-1234', CONTINUITY_FAL_BASE_URL: 'http://127.0.0.1:5555', OPENAI_API_KEY: 'sk-canary-0000000000009999' };
  const fal = providerStatus('fal', env);
  assert.deepEqual([fal.keyPresent, fal.key, fal.baseUrl, fal.baseUrlOverridden, fal.gated], [true, 'set · …1234', 'http://127.0.0.1:5555', true, false]);
  const openai = providerStatus('openai', env);
  assert.equal(openai.gated, true);
  assert.match(openai.why, /retired.*OPENAI_BASE_URL/);
  assert.equal(providerStatus('openai', { ...env, OPENAI_BASE_URL: 'https://x.example/v1' }).gated, false);
  assert.match(providerStatus('replicate', env).why, /REPLICATE_API_TOKEN is not set/);
  assert.equal(providerStatus('runway', { RUNWAYML_API_SECRET: 'x'.repeat(20) }).why, 'ready');
  assert.equal(providerStatus('google', { GEMINI_API_KEY: 'x'.repeat(20) }).why, 'ready');
  // Luma needs an image host besides its key, and says exactly what to set.
  assert.match(providerStatus('luma', { LUMAAI_API_KEY: 'x'.repeat(20) }).why, /public URLs.*CONTINUITY_LUMA_IMAGE_HOST=fal.*FAL_KEY/);
  assert.match(providerStatus('luma', { LUMAAI_API_KEY: 'x'.repeat(20), CONTINUITY_LUMA_IMAGE_HOST: 'fal' }).why, /needs a fal key/);
  assert.equal(providerStatus('luma', { LUMAAI_API_KEY: 'x'.repeat(20), CONTINUITY_LUMA_IMAGE_HOST: 'fal', FAL_KEY: 'y'.repeat(20) }).why, 'ready');
  assert.equal(providerStatus('local', {}).gated, false);
  assert.deepEqual(baseUrlOverridesFromEnv(env), { fal: 'http://127.0.0.1:5555' });
  assert.equal(keyHint('short'), 'set');
  assert.equal(keyHint(undefined), 'not set');
});

test('no provider status ever contains a key', () => {
  fc.assert(fc.property(fc.string({ minLength: 12, maxLength: 60 }).filter((s) => s.trim() === s), (key) => {
    const env = { FAL_KEY: key, REPLICATE_API_TOKEN: key, OPENAI_API_KEY: key, RUNWAYML_API_SECRET: key, LUMAAI_API_KEY: key, GEMINI_API_KEY: key };
    for (const p of PROVIDER_IDS) assert.ok(!JSON.stringify(providerStatus(p, env)).includes(JSON.stringify(key).slice(1, -1)));
  }), { numRuns: 200 });
});

test('a registered model without an adapter says "no adapter", never that it cannot take an image', () => {
  for (const id of ['fal-ai/wan-vace-14b']) {
    const why = whyIneligible(getModel(id), { purpose: 'look-batch' });
    assert.match(why ?? '', /^no adapter:/, id);
    assert.doesNotMatch(why ?? '', /image input/);
  }
  for (const id of ['gen4.5', 'gen4_turbo', 'veo-3.1-generate-preview']) assert.equal(whyIneligible(getModel(id), { purpose: 'look-batch' }), null, id);
});

test('Luma ray-2 is eligible only with an image host, and the refusal names what to set', () => {
  const ray = getModel('ray-2', 'luma');
  assert.match(whyIneligible(ray, { purpose: 'look-batch', ...gateOptionsFromEnv({}) }) ?? '', /fetches keyframe images \(and clips to edit\) from public URLs.*CONTINUITY_LUMA_IMAGE_HOST=fal/);
  assert.throws(() => gateModel('ray-2', { purpose: 'session', ...gateOptionsFromEnv({ CONTINUITY_LUMA_IMAGE_HOST: 'imgur' }) }), refused(/"imgur" is not a known image host/));
  assert.equal(whyIneligible(ray, { purpose: 'look-batch', ...gateOptionsFromEnv({ CONTINUITY_LUMA_IMAGE_HOST: 'fal', FAL_KEY: 'k'.repeat(20) }) }), null);
});
