import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { paletteDistance, deltaE2000, type WeightedColor } from '../../../core/color/index.ts';
import { earthMoversDistance } from '../../../core/color/earth-movers.ts';
import { InputError } from '../../../core/domain/errors.ts';

const c = (L: number, a: number, b: number, weight: number): WeightedColor => ({ hex: '#000000', weight, lab: { L, a, b } });
const palette = [c(50, 20, 10, 0.4), c(80, -5, 30, 0.3), c(30, 0, -40, 0.2), c(65, 40, 40, 0.1)];

test('a permuted palette is at distance 0 (matching is optimal, not index by index)', () => {
  const permuted = [palette[2]!, palette[0]!, palette[3]!, palette[1]!];
  assert.ok(paletteDistance(palette, permuted) < 1e-9);
  assert.ok(paletteDistance(permuted, palette) < 1e-9);
});

test('shifting the colours increases the distance, more for a bigger shift', () => {
  const shift = (d: number) => palette.map((x) => c(x.lab.L, x.lab.a + d, x.lab.b - d, x.weight));
  const small = paletteDistance(palette, shift(2));
  const big = paletteDistance(palette, shift(8));
  assert.ok(small > 0.5, `small shift ${small}`);
  assert.ok(big > small * 2, `big ${big} vs small ${small}`);
});

test('weights matter: moving weight between the same colours costs the ΔE of the moved mass', () => {
  const x = c(50, 0, 0, 0.5), y = c(70, 0, 0, 0.5);
  const d = paletteDistance([x, y], [{ ...x, weight: 0.3 }, { ...y, weight: 0.7 }]);
  assert.ok(Math.abs(d - 0.2 * deltaE2000(x.lab, y.lab)) < 1e-9, `got ${d}`);
});

test('empty palettes and negative weights are refused', () => {
  assert.throws(() => paletteDistance([], palette), InputError);
  assert.throws(() => paletteDistance([c(50, 0, 0, -1)], palette), InputError);
});

function permutations(n: number): number[][] {
  if (n === 1) return [[0]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

test('EMD equals brute-force optimal assignment on uniform weights and is bounded by any coupling', () => {
  const cost = fc.double({ min: 0, max: 100, noNaN: true });
  fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.array(cost, { minLength: 25, maxLength: 25 }), (n, flat) => {
    const m = Array.from({ length: n }, (_, i) => flat.slice(i * 5, i * 5 + n));
    const best = Math.min(...permutations(n).map((p) => p.reduce((s, j, i) => s + m[i]![j]!, 0) / n));
    const got = earthMoversDistance(Array(n).fill(1), Array(n).fill(1), m);
    assert.ok(Math.abs(got - best) < 1e-6, `EMD ${got} vs brute force ${best}`);
  }), { numRuns: 300 });
  fc.assert(fc.property(
    fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
    fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
    fc.array(cost, { minLength: 36, maxLength: 36 }),
    (wa, wb, flat) => {
      const m = wa.map((_, i) => wb.map((_, j) => flat[i * 6 + j]!));
      const sa = wa.reduce((s, v) => s + v, 0), sb = wb.reduce((s, v) => s + v, 0);
      let independent = 0;
      wa.forEach((a, i) => wb.forEach((b, j) => { independent += (a / sa) * (b / sb) * m[i]![j]!; }));
      const got = earthMoversDistance(wa, wb, m);
      assert.ok(got >= -1e-9 && got <= independent + 1e-6, `EMD ${got} above the independent coupling ${independent}`);
      // Lower bound: every unit of supply pays at least its row's cheapest cost.
      const rowMin = wa.reduce((s, a, i) => s + (a / sa) * Math.min(...m[i]!), 0);
      assert.ok(got >= rowMin - 1e-6, `EMD ${got} below row minimum ${rowMin}`);
    }), { numRuns: 300 });
});
