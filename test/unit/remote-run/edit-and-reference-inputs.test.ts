// Issue 14 item 4 and issue 11 item 2: the fal reference-to-video and edit inputs, Runway aleph2 /
// gen4_image and Luma modify bodies, and which model edits which (registry data).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GenerationRequest } from '../../../core/providers/adapter.ts';
import { buildFalInput } from '../../../core/providers/fal/fal-inputs.ts';
import { klingReferences } from '../../../core/providers/fal/fal-reference-inputs.ts';
import { buildRunwayEditBody, buildRunwayImageBody } from '../../../core/providers/runway/runway-inputs.ts';
import { buildLumaBody, buildLumaModifyBody } from '../../../core/providers/luma/luma-inputs.ts';
import { editModelFor, getModel } from '../../../core/providers/registry.ts';
import { whyIneligible } from '../../../core/providers/gating.ts';
import { keyframeModelFor } from '../../../core/providers/keyframe-models.ts';
import { chooseEdit } from '../../../core/pipeline/remote-remix.ts';

const req = (over: Partial<GenerationRequest> = {}): GenerationRequest => ({ model: 'x', prompt: 'p', negativePrompt: '', width: 1280, height: 720, seconds: 4, fps: 24, ...over });

test('kling O1/O3: character references become one element, the rest @Image; ≤ 7 in all; no seed', () => {
  const k = klingReferences(['c1', 'p1', 'c2', 's1'], ['character', 'product', 'character', 'style'], 7);
  assert.deepEqual(k.elements, [{ frontal_image_url: 'c1', reference_image_urls: ['c2'] }]);
  assert.deepEqual(k.imageUrls, ['p1', 's1']);
  assert.match(k.named.join('; '), /@Element1 is the character; @Image1 is the look's product reference; @Image2 is the look's style reference/);
  const refs = Array.from({ length: 9 }, (_, i) => `r${i}`);
  const o1 = buildFalInput(req({ model: 'fal-ai/kling-video/o1/reference-to-video', seed: 5 }), { references: refs });
  assert.equal((o1.image_urls as string[]).length, 7);
  assert.equal(o1.duration, '5');
  assert.ok(!('seed' in o1));
  const o3 = buildFalInput(req({ model: 'fal-ai/kling-video/o3/pro/reference-to-video' }), { start: 's', end: 'e', references: refs });
  assert.equal((o3.image_urls as string[]).length, 5, 'start and end frames count toward the 7');
  assert.equal(o3.start_image_url, 's');
});

test('seedance ≤ 9 image_urls without seed; wan 2.7 ≤ 5 reference_image_urls with seed and whole seconds', () => {
  const refs = Array.from({ length: 12 }, (_, i) => `r${i}`);
  const sd = buildFalInput(req({ model: 'bytedance/seedance-2.0/reference-to-video', seed: 3 }), { references: refs });
  assert.equal((sd.image_urls as string[]).length, 9);
  assert.ok(!('seed' in sd));
  const wan = buildFalInput(req({ model: 'fal-ai/wan/v2.7/reference-to-video', seed: 3, seconds: 4.2 }), { references: refs });
  assert.equal((wan.reference_image_urls as string[]).length, 5);
  assert.equal(wan.seed, 3);
  assert.equal(wan.duration, 5);
});

test('edits: Kling O1 video_url + guidance image, Runway aleph2 keyframe at 0 + seed, Luma modify adhere_1 + first_frame', () => {
  const k = buildFalInput(req({ model: 'fal-ai/kling-video/o1/video-to-video/edit' }), { video: 'v', start: 'f', references: ['a', 'b', 'c', 'd'] });
  assert.equal(k.video_url, 'v');
  assert.deepEqual(k.image_urls, ['f', 'a', 'b', 'c'], '≤ 4 images with a video, the changed frame first');
  assert.throws(() => buildFalInput(req({ model: 'fal-ai/kling-video/o1/video-to-video/edit' }), { references: [] }), /no source video/);
  assert.deepEqual(buildRunwayEditBody(req({ seed: 9 }), 'data:video/mp4;base64,AA', 'data:image/png;base64,BB'), { model: 'aleph2', videoUri: 'data:video/mp4;base64,AA', promptText: 'p', keyframes: [{ at: 0, uri: 'data:image/png;base64,BB' }], seed: 9 });
  assert.deepEqual(buildLumaModifyBody(req({ model: 'ray-2' }), { video: 'https://h/v.mp4', firstFrame: 'https://h/f.png' }),
    { generation_type: 'modify_video', model: 'ray-2', media: { url: 'https://h/v.mp4' }, mode: 'adhere_1', prompt: 'p', first_frame: { url: 'https://h/f.png' } });
});

test('luma extend by generation id: frame0 is the generation, no image needed; neither → a clear error', () => {
  const b = buildLumaBody(req({ model: 'ray-2', extra: { extendFrom: 'gen-123' } }), { end: 'https://h/e.png' });
  assert.deepEqual(b.keyframes, { frame0: { type: 'generation', id: 'gen-123' }, frame1: { type: 'image', url: 'https://h/e.png' } });
  assert.throws(() => buildLumaBody(req({ model: 'ray-2' }), {}), /needs a start image or a generation to extend/);
});

test('gen4_image: ≤ 3 tagged references named in the prompt, a ratio from its list, the seed', () => {
  const b = buildRunwayImageBody(req({ seed: 4, width: 1920, height: 1080 }), ['data:a', 'data:b', 'data:c', 'data:d'], 'identity');
  assert.deepEqual(b.referenceImages.map((r) => r.tag), ['character', 'look_ref', 'ref3']);
  for (const t of b.referenceImages) assert.match(t.tag, /^[A-Za-z][A-Za-z0-9_]{2,15}$/);
  assert.match(b.promptText, /^@character .*@look_ref .*@ref3/);
  assert.equal(b.ratio, '1920:1080');
  assert.equal(b.seed, 4);
  assert.equal(buildRunwayImageBody(req({ width: 720, height: 1280 }), ['data:a'], 'style').ratio, '1080:1920');
});

test('registry: who edits whom; edit-only models are refused for shots; keyframe picks', () => {
  assert.equal(editModelFor(getModel('gen4.5', 'runway'))?.id, 'aleph2');
  assert.equal(editModelFor(getModel('ray-2', 'luma'))?.id, 'ray-2');
  assert.equal(editModelFor(getModel('sora-2', 'openai'))?.id, 'sora-2');
  assert.equal(editModelFor(getModel('fal-ai/kling-video/v2.1/pro/image-to-video', 'fal'))?.id, 'fal-ai/kling-video/o1/video-to-video/edit');
  assert.equal(editModelFor(getModel('veo-3.1-generate-preview', 'google')), null);
  assert.match(whyIneligible(getModel('aleph2', 'runway'), { purpose: 'look-batch' }) ?? '', /edits an existing video/);
  assert.equal(chooseEdit(getModel('gen4.5', 'runway'), { anchorProvider: 'local', anchorRemoteId: null }).model?.id, 'aleph2', 'an upload edit needs no remote id');
  assert.match(String((chooseEdit(getModel('sora-2', 'openai'), { anchorProvider: 'local', anchorRemoteId: null }) as { why?: string }).why), /made on local/);
  assert.deepEqual(keyframeModelFor('identity', 'runway:gen4_image'), { provider: 'runway', model: 'gen4_image' });
  assert.deepEqual(keyframeModelFor('identity', 'replicate:lucataco/ip-adapter-sdxl'), { provider: 'fal', model: 'fal-ai/flux-pulid' }, 'a style-only pick leaves identity at its default');
  assert.throws(() => keyframeModelFor('style', 'runway:gen4.5'), /"keyframeModel" must name .*"runway:gen4.5"/);
});
