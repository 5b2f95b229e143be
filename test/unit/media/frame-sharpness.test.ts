import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frameSharpness, laplacianVariance, lumaOf } from '../../../core/media/frame-sharpness.ts';
import type { RawImage } from '../../../core/domain/raw-image.ts';

function image(w: number, h: number, f: (x: number, y: number) => number): RawImage {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) { const v = f(x, y); data.set([v, v, v], (y * w + x) * 3); }
  return { width: w, height: h, channels: 3, data };
}

// A deterministic pseudo-random texture (LCG) so tests never depend on Math.random.
function texture(seed: number) { let s = seed; return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; }; }

test('a flat image has zero Laplacian variance; a checkerboard has a lot', () => {
  const flat = image(16, 16, () => 128);
  const checker = image(16, 16, (x, y) => ((x + y) % 2 ? 200 : 50));
  assert.equal(laplacianVariance(lumaOf(flat), 16, 16), 0);
  assert.ok(frameSharpness(checker).laplacianVariance > 1000);
});

test('blurring lowers the score', () => {
  const r = texture(7);
  const sharp = image(32, 32, () => 40 + Math.floor(r() * 170));
  const d = sharp.data;
  const blurred = image(32, 32, (x, y) => {
    let s = 0, n = 0;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      const xx = Math.min(31, Math.max(0, x + dx)), yy = Math.min(31, Math.max(0, y + dy));
      s += d[(yy * 32 + xx) * 3]!; n++;
    }
    return Math.round(s / n);
  });
  assert.ok(frameSharpness(sharp).score > 3 * frameSharpness(blurred).score);
});

test('a near-black noisy frame loses to a modest, well-exposed one', () => {
  const r = texture(3);
  const darkNoise = image(32, 32, () => Math.floor(r() * 30)); // high Laplacian variance, but shows nothing
  const modest = image(32, 32, (x) => 100 + (x % 2) * 10);
  const a = frameSharpness(darkNoise), b = frameSharpness(modest);
  assert.ok(a.laplacianVariance > b.laplacianVariance, 'the noise is "sharper" in raw terms');
  assert.ok(a.exposureWeight <= 0.1);
  assert.ok(b.score > a.score);
  const blown = frameSharpness(image(32, 32, (x, y) => ((x + y) % 2 ? 255 : 245)));
  assert.ok(blown.exposureWeight <= 0.1);
});
