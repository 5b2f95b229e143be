import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../../core/domain/errors.ts';
import { conformPlan } from '../../../core/providers/conform-plan.ts';
import { getModel } from '../../../core/providers/registry.ts';

const hd = { seconds: 4, width: 1280, height: 720, fps: 24 };

test('Kling: 4 s is generated as 5 s 1080p and trimmed / scaled, extra cost shown', () => {
  const p = conformPlan(getModel('fal-ai/kling-video/v2.1/pro/image-to-video'), hd);
  assert.deepEqual(p.generate, { seconds: 5, width: 1920, height: 1080, fps: 24 });
  assert.deepEqual(p.local, { trimToSeconds: 4, scale: { toWidth: 1280, toHeight: 720, mode: 'fit' }, retime: null });
  assert.equal(p.exact, false);
  assert.equal(p.costUsd, 0.49);
  assert.equal(p.extraCostUsd, 0.098);
  assert.ok(p.steps.some((s) => /extra cost 0\.10 USD/.test(s)));
});

test('Luma 8 s → 9 s; fps mismatch is retimed', () => {
  const p = conformPlan(getModel('ray-2'), { ...hd, seconds: 8, fps: 25 });
  assert.equal(p.generate.seconds, 9);
  assert.deepEqual(p.local.retime, { fromFps: 24, toFps: 25 });
  assert.equal(p.local.trimToSeconds, 8);
});

test('exact matches need no local work; ranges are exact too', () => {
  const veo = conformPlan(getModel('fal-ai/veo3.1/image-to-video'), { ...hd, seconds: 8 });
  assert.equal(veo.exact, true);
  assert.equal(veo.extraCostUsd, 0);
  assert.equal(conformPlan(getModel('gen4.5'), hd).generate.seconds, 4);
  const local = conformPlan(getModel('local-animatic'), { seconds: 3, width: 322, height: 180, fps: 30 });
  assert.equal(local.exact, true);
  assert.deepEqual(local.generate, { seconds: 3, width: 322, height: 180, fps: 30 });
});

test('a different aspect is scaled and cropped to cover', () => {
  const p = conformPlan(getModel('gen4.5'), { seconds: 4, width: 1080, height: 1350, fps: 24 });
  assert.equal(p.local.scale?.mode, 'cover');
  assert.deepEqual([p.generate.width, p.generate.height], [832, 1104]);
});

test('refusals: policy refuse, too long, image model', () => {
  assert.throws(() => conformPlan(getModel('fal-ai/kling-video/v2.1/pro/image-to-video'), hd, 'refuse'), (e: unknown) => e instanceof InputError && /cannot make exactly 1280x720, 4 s at 24 fps.*durations 5, 10 s/.test(e.message));
  assert.throws(() => conformPlan(getModel('fal-ai/kling-video/v2.1/pro/image-to-video'), { ...hd, seconds: 12 }), (e: unknown) => e instanceof InputError && e.field === 'seconds' && /12 is longer/.test(e.message));
  assert.throws(() => conformPlan(getModel('fal-ai/flux-pulid'), hd), InputError);
});
