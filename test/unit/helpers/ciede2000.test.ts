// The tests' independent colour measure against Sharma, Wu & Dalal's published CIEDE2000 pairs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ciede2000, srgbToLab } from '../../helpers/ciede2000.ts';

test('CIEDE2000 reproduces Sharma et al. 2005 test data', () => {
  const pairs: Array<[[number, number, number], [number, number, number], number]> = [
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, 2.5, 0], [50, 0, -2.5], 4.3065],
    [[50, -1, 2], [50, 0, 0], 2.3669],
    [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    [[22.7233, 20.0904, -46.694], [23.0331, 14.973, -42.5619], 2.0373],
    [[2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514], 0.9082],
  ];
  for (const [a, b, want] of pairs) assert.ok(Math.abs(ciede2000(a, b) - want) < 1e-4, `${a} vs ${b}: ${ciede2000(a, b)} ≠ ${want}`);
});

test('sRGB white and mid grey land where CIELAB says', () => {
  const [L, a, b] = srgbToLab(255, 255, 255);
  assert.ok(Math.abs(L - 100) < 0.01 && Math.abs(a) < 0.01 && Math.abs(b) < 0.01);
  assert.ok(Math.abs(srgbToLab(119, 119, 119)[0] - 50) < 0.5);
});
