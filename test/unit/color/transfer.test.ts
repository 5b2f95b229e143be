import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  estimateTransfer, applyTransformToImage, applyTransformToPixel, identityTransform, ColorTransformSchema,
  extractPalette, paletteDistance, bakeLut, applyLutToImage, imageToLab,
} from '../../../core/color/index.ts';
import { seededRandom } from '../../../core/color/random.ts';
import { InputError } from '../../../core/domain/errors.ts';
import type { RawImage } from '../../../core/domain/raw-image.ts';
import { cast, scene, solid } from './synthetic.ts';

function meanLab(images: RawImage[]): [number, number, number] {
  const m = [0, 0, 0];
  let n = 0;
  for (const img of images) {
    const lab = imageToLab(img);
    for (let i = 0; i < lab.length; i += 3) { m[0]! += lab[i]!; m[1]! += lab[i + 1]!; m[2]! += lab[i + 2]!; n++; }
  }
  return m.map((v) => v / n) as [number, number, number];
}

test('reinhard moves the pooled Lab means of the clip onto the reference means', () => {
  const ref = scene(120, 68, 0);
  const frames = [0.5, 1.5].map((p) => cast(scene(120, 68, p), [0.95, 1, 1.08]));
  const t = estimateTransfer(frames, ref, { method: 'reinhard' });
  assert.equal(t.method, 'reinhard');
  assert.equal(t.space, 'lab');
  const after = meanLab(frames.map((f) => applyTransformToImage(f, t)));
  const target = meanLab([ref]);
  for (let c = 0; c < 3; c++) assert.ok(Math.abs(after[c]! - target[c]!) < 1.5, `channel ${c}: ${after[c]} vs ${target[c]}`);
});

test('mkl recovers a known symmetric linear map between source and reference in RGB', () => {
  // Source: correlated random colours mid-range; reference: A·(x − μ) + μ' with A symmetric PD,
  // which is exactly the Monge–Kantorovich map between the two distributions.
  const rand = seededRandom(3);
  const n = 100 * 100;
  const src = new Uint8Array(n * 3), ref = new Uint8Array(n * 3);
  const A = [0.9, 0.12, -0.05, 0.12, 1.1, 0.08, -0.05, 0.08, 0.8];
  const shift = [0.06, -0.02, 0.04];
  for (let i = 0; i < n; i++) {
    const base = 0.3 + 0.4 * rand();
    const x = [base + 0.1 * (rand() - 0.5), base + 0.1 * (rand() - 0.5), 0.5 + 0.2 * (rand() - 0.5)];
    for (let c = 0; c < 3; c++) {
      src[i * 3 + c] = Math.round(x[c]! * 255);
      const y = A[c * 3]! * (x[0]! - 0.5) + A[c * 3 + 1]! * (x[1]! - 0.5) + A[c * 3 + 2]! * (x[2]! - 0.5) + 0.5 + shift[c]!;
      ref[i * 3 + c] = Math.round(y * 255);
    }
  }
  const img = (data: Uint8Array): RawImage => ({ width: 100, height: 100, channels: 3, data });
  const t = estimateTransfer(img(src), img(ref), { method: 'mkl', mklSpace: 'rgb' });
  assert.equal(t.method, 'mkl');
  t.matrix.forEach((v, i) => assert.ok(Math.abs(v - A[i]!) < 0.03, `matrix[${i}] = ${v.toFixed(4)}, expected ${A[i]}`));
});

test('auto keeps the candidate with the lower palette distance and reports the scores', () => {
  const ref = scene(120, 68, 0);
  const frames = [0, 1, 2].map((p) => cast(scene(120, 68, p * 0.7), [1.15, 1, 0.75], [0, 0, 10]));
  const t = estimateTransfer(frames, [ref]);
  assert.ok(t.selection, 'auto records its selection');
  const { before, reinhard, mkl } = t.selection;
  assert.equal(t.method, mkl < reinhard ? 'mkl' : 'reinhard');
  assert.ok(Math.min(reinhard, mkl) < before, `no candidate improved on ${before}`);
  assert.deepEqual(estimateTransfer(frames, [ref]), t, 'deterministic');
  assert.deepEqual(ColorTransformSchema.parse(JSON.parse(JSON.stringify(t))), t, 'plain JSON');
});

test('a colour-cast clip graded through a baked LUT more than halves its palette distance to the reference', () => {
  const ref = scene(160, 90, 0);
  const frames = [0, 1, 2, 3].map((p) => cast(scene(160, 90, p * 0.7), [1.15, 1, 0.75], [0, 0, 10]));
  const refPalette = extractPalette(ref);
  const before = paletteDistance(extractPalette(frames), refPalette);
  const lut = bakeLut(estimateTransfer(frames, [ref], { method: 'auto' }), { size: 33 });
  const after = paletteDistance(extractPalette(frames.map((f) => applyLutToImage(lut, f))), refPalette);
  assert.ok(after < before / 2, `palette ΔE before ${before.toFixed(2)}, after ${after.toFixed(2)}`);
});

test('strength 0 changes nothing, 1 applies fully, 0.5 lands halfway', () => {
  const ref = scene(64, 36, 0);
  const src = cast(ref, [1.1, 1, 0.8]);
  const t = estimateTransfer(src, ref, { method: 'reinhard' });
  assert.deepEqual(applyTransformToImage(src, t, 0).data, src.data);
  const full = applyTransformToPixel({ r: 200, g: 120, b: 60 }, t, 1);
  const half = applyTransformToPixel({ r: 200, g: 120, b: 60 }, t, 0.5);
  assert.ok(Math.abs(half.r - (200 + full.r) / 2) < 1e-9 && Math.abs(half.b - (60 + full.b) / 2) < 1e-9);
  const img = applyTransformToImage({ width: 1, height: 1, channels: 3, data: new Uint8Array([200, 120, 60]) }, t);
  assert.deepEqual([...img.data], [full.r, full.g, full.b].map(Math.round));
  assert.throws(() => applyTransformToImage(src, t, 1.5), (e: unknown) => e instanceof InputError && /1\.5/.test(e.message));
});

test('identity leaves pixels alone; a flat source cannot blow up the gains', () => {
  const px = applyTransformToPixel({ r: 10, g: 20, b: 30 }, identityTransform());
  assert.deepEqual(px, { r: 10, g: 20, b: 30 });
  for (const method of ['reinhard', 'mkl'] as const) {
    const t = estimateTransfer(solid(16, 16, [90, 90, 90]), scene(64, 36), { method });
    for (const v of t.matrix) assert.ok(Math.abs(v) <= 4 + 1e-9, `${method} gain ${v}`);
  }
});

test('bad method or no frames is an InputError', () => {
  assert.throws(() => estimateTransfer([], [solid(2, 2, [0, 0, 0])]), (e: unknown) => e instanceof InputError && /sourceFrames/.test(e.message));
  assert.throws(() => estimateTransfer(solid(2, 2, [0, 0, 0]), solid(2, 2, [0, 0, 0]), { method: 'hist' as 'auto' }), /"hist"/);
});
