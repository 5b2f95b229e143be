import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyLutArgs, ENCODER_ARGS, escapeFilterValue } from '../../../core/grade/grade-args.ts';
import { checkGradeOptions } from '../../../core/grade/clip-lut.ts';
import { InputError } from '../../../core/domain/errors.ts';

test('applyLutArgs: safe input, lut3d with trilinear interpolation, timing passthrough, shared encoder, audio copied', () => {
  const args = applyLutArgs({ input: '/in/clip.mp4', lutPath: '/tmp/x/grade.cube', output: '/out/graded.mp4' });
  assert.deepEqual(args.slice(0, 2), ['-protocol_whitelist', 'file,pipe']);
  assert.ok(args.includes('file:/in/clip.mp4'));
  // Explicit conversions both ways: source → RGB with its matrix (untagged reads as BT.709), LUT, RGB → BT.709 4:2:0.
  assert.equal(args[args.indexOf('-vf') + 1],
    'scale=in_color_matrix=bt709:in_range=tv,format=rgb24,lut3d=file=/tmp/x/grade.cube:interp=trilinear,scale=out_color_matrix=bt709:out_range=tv,format=yuv420p');
  assert.equal(args[args.indexOf('-fps_mode') + 1], 'passthrough');
  assert.equal(args[args.indexOf('-c:a') + 1], 'copy');
  assert.equal(args.at(-1), '/out/graded.mp4');
  const joined = args.join(' ');
  assert.ok(joined.includes(ENCODER_ARGS.join(' ')));
  assert.match(joined, /-pix_fmt yuv420p -colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv -movflags \+faststart/);
  assert.equal(args[args.indexOf('-map_metadata') + 1], '-1');
  assert.ok(!args.includes('-metadata'));
});

test('applyLutArgs decodes a BT.601 full-range source with its own matrix and carries the previz comment', () => {
  const args = applyLutArgs({ input: 'a.mp4', lutPath: 'l.cube', output: 'b.mp4', colour: { colorSpace: 'smpte170m', colorRange: 'pc' }, comment: 'previz: local animatic' });
  assert.match(args[args.indexOf('-vf') + 1]!, /^scale=in_color_matrix=bt601:in_range=pc,format=rgb24,lut3d=/);
  assert.equal(args[args.indexOf('-metadata') + 1], 'comment=previz: local animatic');
  // The comment comes after -map_metadata -1, or it would be dropped with the rest.
  assert.ok(args.indexOf('-metadata') > args.indexOf('-map_metadata'));
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
