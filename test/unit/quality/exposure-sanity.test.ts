import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RawImage } from '../../../core/domain/raw-image.ts';
import { lookStats, hellinger } from '../../../core/quality/look-stats.ts';
import { exposureProblems } from '../../../core/quality/exposure-sanity.ts';

function image(f: (x: number, y: number) => [number, number, number], w = 64, h = 36): RawImage {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(f(x, y), (y * w + x) * 3);
  return { width: w, height: h, channels: 3, data };
}
const look = lookStats(image((x, y) => [60 + x * 2, 50 + y * 3, 40 + ((x + y) % 7) * 10]));

test('near-black, blown-out, blank and frozen takes are named; a well-exposed moving take has no problem', () => {
  assert.deepEqual(exposureProblems(look, look, 2), []);
  assert.match(exposureProblems(lookStats(image(() => [3, 3, 4])), look, 2).join(), /near-black: mean L\* \d/);
  assert.match(exposureProblems(lookStats(image(() => [255, 255, 255])), look, 2).join(), /blown-out/);
  assert.match(exposureProblems(lookStats(image(() => [120, 110, 100])), look, 2).join(), /blank: the frame is flat/);
  assert.match(exposureProblems(look, look, 0).join(), /frozen/);
  assert.deepEqual(exposureProblems(look, look, 0, false), [], 'a shot meant to be still is not frozen');
});

test('a dark look may be dark: near-black is judged against the look', () => {
  const night = lookStats(image((x) => [4 + (x % 5), 4, 6]));
  assert.deepEqual(exposureProblems(night, night, 1).filter((p) => p.startsWith('near-black')), []);
});

test('a white-balance cast moves the chromaticity histogram; exposure alone does not', () => {
  const base = image((x, y) => [40 + x * 3, 60 + y * 4, 90 + ((x * y) % 50)]);
  const brighter = image((x, y) => base.data.subarray((y * 64 + x) * 3, (y * 64 + x) * 3 + 3).map((v) => Math.min(255, Math.round(255 * Math.pow(Math.pow(v / 255, 2.2) * 1.4, 1 / 2.2)))) as unknown as [number, number, number]);
  const warm = image((x, y) => { const p = base.data.subarray((y * 64 + x) * 3, (y * 64 + x) * 3 + 3); return [Math.min(255, p[0]! * 1.3), p[1]!, p[2]! * 0.7]; });
  const s = lookStats(base);
  const dExposure = hellinger(lookStats(brighter).uv, s.uv);
  const dCast = hellinger(lookStats(warm).uv, s.uv);
  assert.ok(dCast > 0.4 && dExposure < dCast / 2, `cast ${dCast.toFixed(2)} vs exposure ${dExposure.toFixed(2)}`);
});
