import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPalette, deltaE2000, srgbToLab } from '../../../core/color/index.ts';
import { InputError } from '../../../core/domain/errors.ts';
import { bands, scene, solid } from './synthetic.ts';

const RED: [number, number, number] = [255, 0, 0];
const BLUE: [number, number, number] = [0, 0, 255];
const GREEN: [number, number, number] = [0, 255, 0];

test('palette finds the colours of an image with their pixel shares as weights, sorted by weight', () => {
  const img = bands(200, 20, [BLUE, RED, GREEN], [0.3, 0.6, 0.1]);
  const p = extractPalette(img, { k: 3 });
  assert.deepEqual(p.map((c) => c.hex), ['#ff0000', '#0000ff', '#00ff00']);
  const weights = p.map((c) => c.weight);
  [0.6, 0.3, 0.1].forEach((w, i) => assert.ok(Math.abs(weights[i]! - w) < 0.02, `weight ${i}: ${weights[i]} vs ${w}`));
  assert.ok(deltaE2000(p[0]!.lab, srgbToLab({ r: 255, g: 0, b: 0 })) < 0.01);
});

test('weights sum to 1, the result is deterministic for a seed, and k bounds the size', () => {
  const img = scene(160, 90, 0.3);
  for (const k of [1, 4, 8]) {
    const a = extractPalette(img, { k, seed: 7 });
    const b = extractPalette(img, { k, seed: 7 });
    assert.deepEqual(a, b);
    assert.ok(a.length <= k && a.length >= 1);
    assert.ok(Math.abs(a.reduce((s, c) => s + c.weight, 0) - 1) < 1e-9);
    for (let i = 1; i < a.length; i++) assert.ok(a[i - 1]!.weight >= a[i]!.weight);
    for (const c of a) assert.match(c.hex, /^#[0-9a-f]{6}$/);
  }
});

test('an image with fewer distinct colours than k gives fewer entries, not duplicates', () => {
  const p = extractPalette(solid(32, 32, [10, 120, 200]), { k: 5 });
  assert.equal(p.length, 1);
  assert.equal(p[0]!.hex, '#0a78c8');
  assert.equal(p[0]!.weight, 1);
});

test('frames are pooled: two frames each contribute an equal share', () => {
  const p = extractPalette([solid(40, 40, RED), solid(10, 10, BLUE)], { k: 2 });
  assert.equal(p.length, 2);
  for (const c of p) assert.ok(Math.abs(c.weight - 0.5) < 1e-9, `${c.hex} ${c.weight}`);
});

test('bad k, an empty list or a malformed image is an InputError naming the value', () => {
  const img = solid(4, 4, RED);
  assert.throws(() => extractPalette(img, { k: 0 }), (e: unknown) => e instanceof InputError && /got 0/.test(e.message));
  assert.throws(() => extractPalette(img, { k: 2.5 }), InputError);
  assert.throws(() => extractPalette([]), InputError);
  assert.throws(() => extractPalette({ width: 4, height: 4, channels: 3, data: new Uint8Array(5) }), /RawImage/);
});
