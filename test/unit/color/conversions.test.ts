import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  srgbToLinear, linearToSrgb, srgbToXyz, xyzToLab, labToXyz, xyzToSrgb, srgbToLab, labToSrgb,
  hexToRgb, rgbToHex, hexToLab, imageToLab,
} from '../../../core/color/index.ts';
import { InputError } from '../../../core/domain/errors.ts';

const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected} (tolerance ${tol})`);

test('sRGB primaries and white convert to the reference Lab values (D65) within 1e-4', () => {
  const cases: [string, [number, number, number], [number, number, number]][] = [
    ['red', [255, 0, 0], [53.2408, 80.0925, 67.2032]],
    ['green', [0, 255, 0], [87.7347, -86.1827, 83.1793]],
    ['blue', [0, 0, 255], [32.297, 79.1875, -107.8602]],
    ['white', [255, 255, 255], [100, 0, 0]],
    ['black', [0, 0, 0], [0, 0, 0]],
  ];
  for (const [name, [r, g, b], [L, a, bb]] of cases) {
    const lab = srgbToLab({ r, g, b });
    close(lab.L, L, 1e-4, `${name} L`);
    close(lab.a, a, 1e-4, `${name} a`);
    close(lab.b, bb, 1e-4, `${name} b`);
  }
});

test('sRGB white is D65 in XYZ and mid grey has the published linear value', () => {
  const w = srgbToXyz({ r: 255, g: 255, b: 255 });
  close(w.x, 0.95047, 1e-5, 'X'); close(w.y, 1, 1e-5, 'Y'); close(w.z, 1.08883, 1e-5, 'Z');
  close(srgbToLinear(0.5), 0.214041, 1e-6, 'linear(0.5)');
  close(srgbToLinear(0.04045), 0.04045 / 12.92, 1e-12, 'toe');
});

test('transfer function, XYZ and Lab round-trip every 8-bit grey and a grid of colours', () => {
  for (let v = 0; v <= 255; v++) close(linearToSrgb(srgbToLinear(v / 255)) * 255, v, 1e-9, `grey ${v}`);
  for (let r = 0; r <= 255; r += 51) for (let g = 0; g <= 255; g += 51) for (let b = 0; b <= 255; b += 51) {
    const back = labToSrgb(srgbToLab({ r, g, b }));
    close(back.r, r, 1e-3, 'r'); close(back.g, g, 1e-3, 'g'); close(back.b, b, 1e-3, 'b');
    const viaXyz = xyzToSrgb(labToXyz(xyzToLab(srgbToXyz({ r, g, b }))));
    close(viaXyz.g, g, 1e-3, 'g via xyz');
  }
});

test('labToSrgb clamps out-of-gamut colours into 0..255', () => {
  const c = labToSrgb({ L: 50, a: 120, b: -120 });
  for (const v of [c.r, c.g, c.b]) assert.ok(v >= 0 && v <= 255);
});

test('hex helpers parse #rgb and #rrggbb and name the bad value', () => {
  assert.deepEqual(hexToRgb('#1a2B3c'), { r: 26, g: 43, b: 60 });
  assert.deepEqual(hexToRgb('f80'), { r: 255, g: 136, b: 0 });
  assert.equal(rgbToHex({ r: 26, g: 43, b: 60 }), '#1a2b3c');
  assert.equal(rgbToHex({ r: 300, g: -4, b: 127.6 }), '#ff0080');
  close(hexToLab('#ff0000').a, 80.0925, 1e-4, 'hex red a');
  assert.throws(() => hexToRgb('#12345'), (e: unknown) => e instanceof InputError && /"#12345"/.test(e.message));
});

test('imageToLab converts every pixel like srgbToLab and rejects a malformed image', () => {
  const data = new Uint8Array([255, 0, 0, 12, 200, 99, 0, 0, 0, 255, 255, 255]);
  const lab = imageToLab({ width: 2, height: 2, channels: 3, data });
  assert.equal(lab.length, 12);
  for (let i = 0; i < 4; i++) {
    const ref = srgbToLab({ r: data[i * 3]!, g: data[i * 3 + 1]!, b: data[i * 3 + 2]! });
    close(lab[i * 3]!, ref.L, 1e-4, 'L'); close(lab[i * 3 + 1]!, ref.a, 1e-4, 'a'); close(lab[i * 3 + 2]!, ref.b, 1e-4, 'b');
  }
  assert.throws(() => imageToLab({ width: 3, height: 2, channels: 3, data }), InputError);
});
