// RenderRequest → GenerationRequest: only what the model accepts, at the size/duration conform
// chose to generate; and the deterministic take ids that make a resumed run find its jobs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PlannedShot } from '../../../core/domain/shot.ts';
import { buildGenerationRequest } from '../../../core/pipeline/remote-request.ts';
import type { RenderRequest } from '../../../core/pipeline/shot-renderer.ts';
import { attemptBasis, attemptTakeId } from '../../../core/pipeline/take-id.ts';
import { conformPlan } from '../../../core/providers/conform-plan.ts';
import { getModel } from '../../../core/providers/registry.ts';

const req = (o: Partial<RenderRequest> = {}): RenderRequest => ({
  shot: { id: 'a1' } as unknown as PlannedShot, takeId: 't', attempt: 1, prompt: 'a warm café counter', negativePrompt: 'neon',
  startImage: '/k/start.png', referenceImages: ['/r/1.png', '/r/2.png', '/r/3.png', '/r/4.png'], layers: { productImages: [], referenceImages: [] },
  deltas: [], width: 1280, height: 720, seconds: 4, fps: 24, seed: 7, out: '/o/a1.mp4', ...o,
});
const target = { width: 1280, height: 720, seconds: 4, fps: 24 };

test('Veo image-to-video: start image and negative prompt; no seed (the model takes none), noted', () => {
  const m = getModel('fal-ai/veo3.1/image-to-video', 'fal');
  const { request, notes } = buildGenerationRequest(req(), m, conformPlan(m, target));
  assert.equal(request.startImage, '/k/start.png');
  assert.equal(request.negativePrompt, 'neon');
  assert.equal(request.seed, undefined);
  assert.equal(request.referenceImages, undefined);
  assert.deepEqual([request.width, request.height, request.seconds, request.fps], [1280, 720, 4, 24]);
  assert.ok(notes.some((n) => /seed 7 not sent/.test(n)));
});

test('Veo first-last frame sends the seed and the end image', () => {
  const m = getModel('fal-ai/veo3.1/first-last-frame-to-video', 'fal');
  const { request } = buildGenerationRequest(req({ endImage: '/k/end.png' }), m, conformPlan(m, target));
  assert.equal(request.seed, 7);
  assert.equal(request.endImage, '/k/end.png');
});

test('Kling generates the nearest larger setting (5 s, 1920x1080)', () => {
  const m = getModel('fal-ai/kling-video/v2.1/pro/image-to-video', 'fal');
  const { request } = buildGenerationRequest(req(), m, conformPlan(m, target));
  assert.deepEqual([request.width, request.height, request.seconds], [1920, 1080, 5]);
});

test('a reference-only model gets at most its limit of references; the anchor when there are none', () => {
  const m = getModel('fal-ai/veo3.1/reference-to-video', 'fal');
  const plan = conformPlan(m, target);
  const many = buildGenerationRequest(req(), m, plan);
  assert.deepEqual(many.request.referenceImages, ['/r/1.png', '/r/2.png', '/r/3.png']);
  assert.equal(many.request.startImage, undefined);
  const none = buildGenerationRequest(req({ referenceImages: [] }), m, plan);
  assert.deepEqual(none.request.referenceImages, ['/k/start.png']);
});

test('over-long prompts are cut to the model limit and the cut is noted', () => {
  const m = getModel('fal-ai/veo3.1/image-to-video', 'fal');
  const { request, notes } = buildGenerationRequest(req({ prompt: 'x'.repeat(m.maxPromptChars + 10) }), m, conformPlan(m, target));
  assert.equal(request.prompt.length, m.maxPromptChars);
  assert.ok(notes.some((n) => /prompt cut/.test(n)));
});

test('take ids: stable for the same inputs, different when anything sent changes, numbered replacements', () => {
  const base = { shot: { id: 'a1', deltas: [] }, prompt: 'p', negativePrompt: '', lookSeed: 1, seed: 1, styleStrength: 0.6, mechanism: 'style-keyframe', provider: 'fal', model: 'm', width: 1280, height: 720, seconds: 4, fps: 24, imageHashes: ['aa'], inputHashes: [] };
  const a = attemptTakeId('row-a1', 1, attemptBasis(base));
  assert.equal(a, attemptTakeId('row-a1', 1, attemptBasis({ ...base, shot: { deltas: [], id: 'a1' } })), 'key order does not matter');
  assert.match(a, /^row-a1-t1-[0-9a-f]{10}$/);
  assert.notEqual(a, attemptTakeId('row-a1', 1, attemptBasis({ ...base, seed: 2 })));
  assert.notEqual(a, attemptTakeId('row-a1', 2, attemptBasis(base)));
  assert.equal(attemptTakeId('row-a1', 1, attemptBasis(base), 2), `${a}-r2`);
});
