import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  identityLut, bakeLut, applyLutToImage, identityTransform, estimateTransfer, applyTransformToImage, formatCube, parseCube, type Lut3D,
} from '../../../core/color/index.ts';
import { InputError } from '../../../core/domain/errors.ts';
import { cast, scene } from './synthetic.ts';

test('the identity LUT maps every image to itself; baking the identity transform gives it', () => {
  const img = scene(64, 36, 0.4);
  assert.deepEqual(applyLutToImage(identityLut(33), img).data, img.data);
  assert.deepEqual(applyLutToImage(identityLut(2), img).data, img.data);
  const baked = bakeLut(identityTransform(), { size: 17 });
  const id = identityLut(17);
  baked.data.forEach((v, i) => assert.ok(Math.abs(v - id.data[i]!) < 1e-6));
});

test('identityLut stores R fastest, then G, then B', () => {
  const { data } = identityLut(3);
  assert.deepEqual([...data.slice(0, 9)], [0, 0, 0, 0.5, 0, 0, 1, 0, 0]);
  assert.deepEqual([...data.slice(9, 12)], [0, 0.5, 0]);
  assert.deepEqual([...data.slice(27, 30)], [0, 0, 0.5]);
});

test('a baked 33³ LUT reproduces the direct transform (exactly for an RGB map, closely for Lab)', () => {
  const ref = scene(96, 54, 0);
  const frames = [cast(scene(96, 54, 1), [1.12, 1, 0.8])];
  for (const [method, maxErr, meanErr] of [['mkl', 1, 0.01], ['reinhard', 16, 0.3]] as const) {
    const t = estimateTransfer(frames, ref, { method });
    const viaLut = applyLutToImage(bakeLut(t), frames[0]!).data;
    const direct = applyTransformToImage(frames[0]!, t).data;
    let max = 0, sum = 0;
    viaLut.forEach((v, i) => { const d = Math.abs(v - direct[i]!); max = Math.max(max, d); sum += d; });
    assert.ok(max <= maxErr && sum / viaLut.length <= meanErr, `${method}: max ${max}, mean ${sum / viaLut.length}`);
  }
});

test('strength blends the baked LUT with identity', () => {
  const t = estimateTransfer(cast(scene(48, 27), [1.2, 1, 0.7]), scene(48, 27), { method: 'reinhard' });
  const id = identityLut(9), zero = bakeLut(t, { size: 9, strength: 0 });
  const full = bakeLut(t, { size: 9 }), half = bakeLut(t, { size: 9, strength: 0.5 });
  zero.data.forEach((v, i) => assert.ok(Math.abs(v - id.data[i]!) < 1e-6));
  half.data.forEach((v, i) => assert.ok(Math.abs(v - (id.data[i]! + full.data[i]!) / 2) < 1e-5));
  assert.throws(() => bakeLut(t, { size: 1 }), InputError);
  assert.throws(() => bakeLut(t, { strength: -0.1 }), /strength/);
});

test('formatCube writes Cube 1.0: title, size, domain, then size³ rows with R fastest', () => {
  const text = formatCube(identityLut(2), 'Look "A"\nwarm');
  const lines = text.trimEnd().split('\n');
  assert.equal(lines[0], 'TITLE "Look  A  warm"');
  assert.ok(lines.includes('LUT_3D_SIZE 2'));
  assert.ok(lines.includes('DOMAIN_MIN 0.000000 0.000000 0.000000'));
  assert.ok(lines.includes('DOMAIN_MAX 1.000000 1.000000 1.000000'));
  const rows = lines.slice(lines.indexOf('DOMAIN_MAX 1.000000 1.000000 1.000000') + 1);
  assert.equal(rows.length, 8);
  assert.equal(rows[1], '1.000000 0.000000 0.000000');
  assert.equal(rows[2], '0.000000 1.000000 0.000000');
  assert.equal(rows[4], '0.000000 0.000000 1.000000');
});

test('parseCube(formatCube(lut)) round-trips any LUT', () => {
  fc.assert(fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 1e6 }), fc.string({ maxLength: 20 }), (size, salt, title) => {
    const data = new Float32Array(size ** 3 * 3).map((_, i) => Math.fround(((i * 7919 + salt) % 2000) / 1000 - 0.5));
    const lut: Lut3D = { size, data };
    const back = parseCube(formatCube(lut, title));
    assert.equal(back.size, size);
    assert.equal(back.title, title.replace(/["\r\n]/g, ' ').trim());
    back.data.forEach((v, i) => assert.ok(Math.abs(v - data[i]!) < 1e-6));
    assert.equal(back.domainMin, undefined);
  }), { numRuns: 100 });
});

test('parseCube accepts comments, CRLF, a BOM and Resolve input ranges', () => {
  const body = ['0 0 0', '1 0 0', '0 1 0', '1 1 0', '0 0 1', '1 0 1', '0 1 1', '1 1 1'];
  const lut = parseCube(['\uFEFF# made elsewhere', 'TITLE "x"', 'LUT_3D_SIZE 2', 'LUT_3D_INPUT_RANGE 0 2', '', ...body, ''].join('\r\n'));
  assert.equal(lut.title, 'x');
  assert.deepEqual(lut.domainMax, [2, 2, 2]);
  // Domain 0..2: input 255 (=1.0) lands mid-grid, so the identity entries map it to 0.5.
  const out = applyLutToImage(lut, { width: 1, height: 1, channels: 3, data: new Uint8Array([255, 0, 255]) });
  assert.deepEqual([...out.data], [128, 0, 128]);
});

test('parseCube errors name the file and the line', () => {
  const bad = (text: string, pattern: RegExp) =>
    assert.throws(() => parseCube(text, 'grade.cube'), (e: unknown) => e instanceof InputError && pattern.test(e.message) && e.message.startsWith('grade.cube line'), pattern.source);
  const rows = (n: number) => Array.from({ length: n }, () => '0 0 0').join('\n');
  bad(`LUT_3D_SIZE 2\n${rows(7)}\n`, /line \d+: expected 2³ = 8 entries, found 7/);
  bad(`LUT_3D_SIZE 2\n${rows(8)}\n0 0 0\n`, /line 10: more than 2³/);
  bad(`LUT_3D_SIZE 2\n0 0 0\n0 zero 0\n${rows(6)}`, /line 3: a LUT entry needs three numbers, got "0 zero 0"/);
  bad(`LUT_3D_SIZE 2\n0 0\n${rows(7)}`, /line 2: a LUT entry needs three numbers/);
  bad(`0 0 0\nLUT_3D_SIZE 2\n`, /line 1: LUT data before LUT_3D_SIZE/);
  bad(`LUT_1D_SIZE 1024\n`, /line 1: 1-D LUTs are not supported/);
  bad(`LUT_3D_SIZE 1\n`, /line 1: LUT_3D_SIZE must be a whole number from 2 to 256, got "1"/);
  bad(`LUT_3D_SIZE 2\nDOMAIN_MIN 1 1 1\nDOMAIN_MAX 0 1 1\n${rows(8)}`, /DOMAIN_MAX must exceed DOMAIN_MIN/);
  bad(`TITLE "just a title"\n`, /no LUT_3D_SIZE line/);
  bad(`LUT_3D_SIZE 2\n0 0 0\nDOMAIN_MIN 0 0 0\n${rows(7)}`, /line 3: keyword DOMAIN_MIN after the LUT data started/);
});

test('parseCube never fails with anything but an InputError, whatever the text', () => {
  const line = fc.oneof(
    fc.constantFrom('LUT_3D_SIZE 2', 'LUT_3D_SIZE 3', 'TITLE "t"', 'DOMAIN_MIN 0 0 0', 'DOMAIN_MAX 1 1 1', '# c', '', '0 0 0', '1 0.5 0', 'LUT_1D_SIZE 4'),
    fc.string({ maxLength: 16 }),
  );
  fc.assert(fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
    try {
      const lut = parseCube(lines.join('\n'));
      assert.equal(lut.data.length, lut.size ** 3 * 3);
    } catch (err) {
      assert.ok(err instanceof InputError, String(err));
    }
  }), { numRuns: 500 });
});
