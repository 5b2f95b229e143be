import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labHistogram, histogramDistance } from '../../../core/color/index.ts';
import { InputError } from '../../../core/domain/errors.ts';
import { cast, scene, solid } from './synthetic.ts';

test('a Lab histogram has bins³ cells and sums to 1', () => {
  const h = labHistogram(scene(64, 36), { bins: 8 });
  assert.equal(h.length, 512);
  assert.ok(Math.abs(h.reduce((s, v) => s + v, 0) - 1) < 1e-5);
  assert.equal(labHistogram(solid(8, 8, [0, 0, 0])).length, 16 ** 3);
});

test('distance is 0 for the same image, 1 for disjoint colours, and grows with a colour cast', () => {
  const img = scene(96, 54);
  const h = labHistogram(img);
  assert.ok(histogramDistance(h, labHistogram(img)) < 1e-6);
  assert.ok(Math.abs(histogramDistance(labHistogram(solid(8, 8, [255, 0, 0])), labHistogram(solid(8, 8, [0, 0, 255]))) - 1) < 1e-6);
  const mild = histogramDistance(h, labHistogram(cast(img, [1.04, 1, 0.96])));
  const strong = histogramDistance(h, labHistogram(cast(img, [1.2, 1, 0.7])));
  assert.ok(mild > 0 && strong > mild && strong <= 1, `mild ${mild}, strong ${strong}`);
});

test('histograms of different bin counts or empty ones are refused', () => {
  assert.throws(() => histogramDistance(new Float32Array(8), new Float32Array(27)), (e: unknown) => e instanceof InputError && /same bins/.test(e.message));
  assert.throws(() => histogramDistance(new Float32Array(8), new Float32Array(8)), InputError);
  assert.throws(() => labHistogram(solid(2, 2, [1, 2, 3]), { bins: 1 }), InputError);
});
