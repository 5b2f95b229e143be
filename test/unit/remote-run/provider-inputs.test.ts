// The pure request builders of the Runway, Luma and Veo adapters: fields exactly as each API takes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../../../core/domain/errors.ts';
import type { GenerationRequest } from '../../../core/providers/adapter.ts';
import { buildRunwayBody, runwayDuration } from '../../../core/providers/runway/runway-inputs.ts';
import { runwayPollResult } from '../../../core/providers/runway/runway-adapter.ts';
import { buildLumaBody } from '../../../core/providers/luma/luma-inputs.ts';
import { buildVeoParams } from '../../../core/providers/google/veo-inputs.ts';

const req = (over: Partial<GenerationRequest> = {}): GenerationRequest => ({ model: 'gen4.5', prompt: 'p', negativePrompt: 'n', width: 1280, height: 720, seconds: 4, fps: 24, ...over });
const img = { imageBytes: 'AAAA', mimeType: 'image/jpeg' };

test('runway: integer duration 2–10 never shorter than asked, ratio from the size, seed only when given', () => {
  fc.assert(fc.property(fc.double({ min: 0.1, max: 10, noNaN: true }), (s) => {
    const d = runwayDuration(s);
    assert.ok(Number.isInteger(d) && d >= 2 && d <= 10 && d >= s - 1e-9);
  }));
  assert.deepEqual(buildRunwayBody(req({ seed: 7 }), 'data:image/jpeg;base64,AA'), { model: 'gen4.5', promptImage: 'data:image/jpeg;base64,AA', promptText: 'p', ratio: '1280:720', duration: 4, seed: 7 });
  assert.ok(!('seed' in buildRunwayBody(req(), 'data:x')));
  assert.throws(() => buildRunwayBody(req({ width: 1920, height: 1080 }), 'data:x'), InputError);
  assert.throws(() => buildRunwayBody(req({ model: 'gen3a_turbo' }), 'data:x'), /no input mapping/);
});

test('runway: SAFETY.* failures are not retryable and say so; INTERNAL.* may be', () => {
  const safety = runwayPollResult({ id: 't', status: 'FAILED', failure: 'refused', failureCode: 'SAFETY.INPUT.IMAGE' });
  assert.equal(safety.error?.retryable, false);
  assert.match(safety.error?.message ?? '', /not retryable/);
  assert.equal(runwayPollResult({ id: 't', status: 'FAILED', failure: 'x', failureCode: 'INTERNAL.BAD_OUTPUT.CODE01' }).error?.retryable, true);
  assert.equal(runwayPollResult({ id: 't', status: 'THROTTLED' }).state, 'queued');
});

test('luma: "5s" or "9s", keyframes as image URLs, no seed field even when the request has one', () => {
  const b = buildLumaBody(req({ model: 'ray-2', seed: 9 }), { start: 'https://h/a.jpg', end: 'https://h/b.jpg' });
  assert.equal(b.duration, '5s');
  assert.equal(buildLumaBody(req({ model: 'ray-2', seconds: 8 }), { start: 'https://h/a.jpg' }).duration, '9s');
  assert.deepEqual(b.keyframes, { frame0: { type: 'image', url: 'https://h/a.jpg' }, frame1: { type: 'image', url: 'https://h/b.jpg' } });
  assert.equal(b.aspect_ratio, '16:9');
  assert.ok(!('seed' in b));
});

test('veo: durationSeconds 4/6/8, start image + last frame, or ≤ 3 ASSET references without frames; never a seed', () => {
  const { params } = buildVeoParams(req({ model: 'veo-3.1-generate-preview', seconds: 5, seed: 3 }), { start: img, end: img, references: [] });
  assert.equal(params.config.durationSeconds, 6);
  assert.deepEqual(params.source.image, img);
  assert.deepEqual(params.config.lastFrame, img);
  assert.ok(!('seed' in params.config));
  const refs = buildVeoParams(req({ model: 'veo-3.1-generate-preview' }), { start: img, references: [img, img, img, img] });
  assert.equal(refs.params.config.referenceImages?.length, 3);
  assert.equal(refs.params.source.image, undefined);
  assert.equal(refs.notes.length, 2);
});
