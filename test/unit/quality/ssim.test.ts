import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ssim, ssimPlanes } from '../../../core/quality/ssim.ts';
import { lumaPlane, planeMean, resizeImage, resizePlane } from '../../../core/quality/luma-plane.ts';
import { toAnalysisSize, ANALYSIS_WIDTH } from '../../../core/quality/measure-frames.ts';
import type { RawImage } from '../../../core/domain/raw-image.ts';
import { InputError } from '../../../core/domain/errors.ts';

function lcg(seed: number) { let s = seed; return () => { s = (s * 16807) % 2147483647; return s / 2147483647; }; }

function image(width: number, height: number, f: (x: number, y: number) => [number, number, number]): RawImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(f(x, y).map((v) => Math.max(0, Math.min(255, Math.round(v)))), (y * width + x) * 3);
  return { width, height, channels: 3, data };
}

test('ssimPlanes matches a NumPy/SciPy reference implementation of Wang et al. (2004)', () => {
  // Same deterministic planes were scored with scipy.signal.convolve2d (11×11 Gaussian σ 1.5, valid): 0.8985529784630335.
  const w = 64, h = 48, r = lcg(1);
  const a = new Float32Array(w * h), b = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) {
    a[i] = Math.round(255 * ((i % w) / w * 0.5 + r() * 0.5));
    b[i] = Math.min(255, Math.max(0, Math.round(a[i]! + (r() - 0.5) * 60)));
  }
  assert.ok(Math.abs(ssimPlanes({ width: w, height: h, data: a }, { width: w, height: h, data: b }) - 0.8985529784630335) < 1e-5);
});

test('ssim is 1 for identical images and falls with noise, blur of structure and a different scene', () => {
  const r = lcg(7);
  const scene = image(160, 90, (x, y) => { const v = ((x >> 3) + (y >> 3)) % 2 ? 200 : 40; return [v, v * 0.8, v * 0.5]; });
  const noisy = image(160, 90, (x, y) => { const v = ((x >> 3) + (y >> 3)) % 2 ? 200 : 40; const n = (r() - 0.5) * 80; return [v + n, v * 0.8 + n, v * 0.5 + n]; });
  const other = image(160, 90, (x) => [x * 1.5, x * 1.5, x * 1.5]);
  assert.equal(ssim(scene, scene), 1);
  const sNoisy = ssim(scene, noisy), sOther = ssim(scene, other);
  assert.ok(sNoisy < 0.95 && sNoisy > 0.2, `noisy ${sNoisy}`);
  assert.ok(sOther < sNoisy, `other ${sOther} < noisy ${sNoisy}`);
  assert.ok(ssim(scene, noisy) === ssim(noisy, scene), 'symmetric');
});

test('ssim compares different sizes at the smaller common size, and refuses images smaller than the window', () => {
  const big = image(320, 180, (x, y) => { const v = ((x >> 4) + (y >> 4)) % 2 ? 220 : 30; return [v, v, v]; });
  const small = image(160, 90, (x, y) => { const v = ((x >> 3) + (y >> 3)) % 2 ? 220 : 30; return [v, v, v]; });
  assert.ok(ssim(big, small) > 0.9);
  const tiny = image(8, 8, () => [0, 0, 0]);
  assert.throws(() => ssimPlanes(lumaPlane(tiny), lumaPlane(tiny)), InputError);
});

test('resizePlane preserves the mean when area-averaging down and interpolates up', () => {
  const img = image(97, 53, (x, y) => [x * 2, y * 3, 50]);
  const p = lumaPlane(img);
  const down = resizePlane(p, 31, 17);
  assert.ok(Math.abs(planeMean(down) - planeMean(p)) < 0.5);
  const up = resizePlane(down, 62, 34);
  assert.ok(Math.abs(planeMean(up) - planeMean(down)) < 1);
  assert.equal(resizePlane(p, 97, 53), p);
});

test('resizeImage area-averages RGB; toAnalysisSize brings wide images to ANALYSIS_WIDTH and leaves small ones', () => {
  const stripes = image(320, 180, (x) => (x % 2 ? [255, 0, 0] : [0, 0, 255]));
  const half = resizeImage(stripes, 160, 90);
  assert.deepEqual([...half.data.slice(0, 3)], [128, 0, 128]);
  const a = toAnalysisSize(stripes);
  assert.equal(a.width, ANALYSIS_WIDTH);
  assert.equal(a.height, 90);
  const small = image(100, 50, () => [1, 2, 3]);
  assert.equal(toAnalysisSize(small), small);
});
