import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mul3, symmetricEigen, symmetricFunction, meanCovariance, type Mat3 } from '../../../core/color/matrix3.ts';

const symArb = fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 9, maxLength: 9 }).map((v) => {
  // AᵀA + I: symmetric positive definite, like a regularised covariance.
  const a = v as Mat3;
  const t: Mat3 = [a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]];
  const m = mul3(t, a);
  m[0] += 1; m[4] += 1; m[8] += 1;
  return m;
});

test('Jacobi eigen-decomposition reconstructs the matrix and the square root squares back', () => {
  fc.assert(fc.property(symArb, (m) => {
    const back = symmetricFunction(m, (l) => l);
    const root = symmetricFunction(m, Math.sqrt);
    const sq = mul3(root, root);
    const scale = Math.max(1, ...m.map(Math.abs));
    for (let i = 0; i < 9; i++) {
      assert.ok(Math.abs(back[i]! - m[i]!) < 1e-9 * scale, `reconstruct ${i}`);
      assert.ok(Math.abs(sq[i]! - m[i]!) < 1e-8 * scale, `sqrt² ${i}`);
    }
    const { values } = symmetricEigen(m);
    assert.ok(values.every((v) => v > 0.999));
  }), { numRuns: 200 });
});

test('mean and covariance of interleaved samples', () => {
  const { mean, cov } = meanCovariance(new Float64Array([0, 0, 0, 2, 4, 6]));
  assert.deepEqual(mean, [1, 2, 3]);
  assert.deepEqual(cov, [1, 2, 3, 2, 4, 6, 3, 6, 9]);
});
