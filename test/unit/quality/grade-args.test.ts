import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyLutArgs, ENCODER_ARGS, escapeFilterValue, plainReencodeArgs } from '../../../core/grade/grade-args.ts';
import { checkGradeOptions } from '../../../core/grade/clip-lut.ts';
import { InputError } from '../../../core/domain/errors.ts';

test('applyLutArgs: safe input, lut3d with trilinear interpolation, timing passthrough, shared encoder, audio copied', () => {
  const args = applyLutArgs({ input: '/in/clip.mp4', lutPath: '/tmp/x/grade.cube', output: '/out/graded.mp4' });
  assert.deepEqual(args.slice(0, 2), ['-protocol_whitelist', 'file,pipe']);
  assert.ok(args.includes('file:/in/clip.mp4'));
  assert.equal(args[args.indexOf('-vf') + 1], 'lut3d=file=/tmp/x/grade.cube:interp=trilinear');
  assert.equal(args[args.indexOf('-fps_mode') + 1], 'passthrough');
  assert.equal(args[args.indexOf('-c:a') + 1], 'copy');
  assert.equal(args.at(-1), '/out/graded.mp4');
  const joined = args.join(' ');
  assert.ok(joined.includes(ENCODER_ARGS.join(' ')));
  assert.match(joined, /-pix_fmt yuv420p -movflags \+faststart/);
});

test('the bench floor re-encodes with exactly the same settings, minus the filter', () => {
  const graded = applyLutArgs({ input: 'a.mp4', lutPath: 'l.cube', output: 'b.mp4' });
  const floor = plainReencodeArgs('a.mp4', 'b.mp4');
  const i = graded.indexOf('-vf');
  assert.deepEqual([...graded.slice(0, i), ...graded.slice(i + 2)], floor);
});

test('escapeFilterValue survives the two levels of filtergraph parsing', () => {
  // Verified against ffmpeg 5.1 with a real LUT in a folder named this way.
  assert.equal(escapeFilterValue("/tmp/we:ird, [dir]; it's/l.cube"), "/tmp/we\\\\:ird\\, \\[dir\\]\\; it\\\\\\'s/l.cube");
  assert.equal(escapeFilterValue('C:\\Users\\me\\look.cube'), 'C\\\\:/Users/me/look.cube');
  assert.equal(escapeFilterValue('/plain/path.cube'), '/plain/path.cube');
});

test('checkGradeOptions names the option and the value', () => {
  assert.throws(() => checkGradeOptions(1.2, 'auto'), (e: unknown) => e instanceof InputError && /"strength".*1\.2/.test(e.message));
  assert.throws(() => checkGradeOptions(Number.NaN, 'auto'), /strength/);
  assert.throws(() => checkGradeOptions(0.5, 'hist'), (e: unknown) => e instanceof InputError && /"method".*hist/.test(e.message));
  assert.doesNotThrow(() => checkGradeOptions(0, 'mkl'));
});
