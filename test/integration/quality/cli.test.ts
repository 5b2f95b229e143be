import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { makeClip, makeTempDir } from '../../helpers/make-clips.ts';
import { extractFrame } from '../../../core/media/extract-frame.ts';
import { main } from '../../../cli/main.ts';

let dir = '';
let cleanup = async () => {};
let clip = '', ref = '';

before(async () => {
  ({ dir, cleanup } = await makeTempDir('quality-cli'));
  clip = await makeClip(dir, { width: 160, height: 90, fps: 12, seconds: 1, colorCast: 'cool', name: 'cool.mp4' });
  const clean = await makeClip(dir, { width: 160, height: 90, fps: 12, seconds: 1, name: 'clean.mp4' });
  ref = join(dir, 'ref.png');
  await extractFrame(clean, 'first', ref);
});
after(() => cleanup());

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(argv, { out: (t) => { out += t + '\n'; }, err: (t) => { err += t + '\n'; }, isTTY: false });
  return { code, out, err };
}

test('continuity grade writes the clip and the LUT and reports ΔE before → after', async () => {
  const out = join(dir, 'graded.mp4');
  const r = await run('grade', clip, '--reference', ref, '--out', out, '--strength', '0.9', '--method', 'reinhard');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /palette ΔE2000 to reference: [\d.]+ → [\d.]+/);
  assert.ok(existsSync(out) && existsSync(join(dir, 'graded.cube')));
  const j = await run('grade', clip, '--reference', ref, '--out', join(dir, 'g2.mp4'), '--lut', join(dir, 'g2-look.cube'), '--json');
  assert.equal(j.code, 0, j.err);
  const parsed = JSON.parse(j.out);
  assert.equal(parsed.lutPath, join(dir, 'g2-look.cube'));
  assert.ok(parsed.after.paletteDeltaE < parsed.before.paletteDeltaE);
});

test('continuity score --json prints {score, pass, metrics, reasons}', async () => {
  const r = await run('score', clip, '--reference', ref, '--previous', join(dir, 'clean.mp4'), '--json');
  assert.equal(r.code, 0, r.err);
  const s = JSON.parse(r.out);
  assert.ok(s.score >= 0 && s.score <= 1);
  assert.equal(typeof s.pass, 'boolean');
  assert.ok(Array.isArray(s.reasons));
  for (const k of ['paletteDeltaE', 'histogramDistance', 'bridgeSsim', 'flicker', 'drift']) assert.equal(typeof s.metrics[k], 'number', k);
  const human = await run('score', ref, '--reference', ref, '--kind', 'variant');
  assert.equal(human.code, 0, human.err);
  assert.match(human.out, /score [\d.]+ (PASS|FAIL) \(variant\)/);
});

test('continuity audit writes the report; bad input exits 2 naming the file or option', async () => {
  const report = join(dir, 'report.html');
  const a = await run('audit', dir, '--reference', ref, '--out', report);
  assert.equal(a.code, 0, a.err);
  assert.ok(existsSync(report));
  assert.match(a.out, /Audit report: .*report\.html/);

  const missing = await run('grade', clip, '--reference', join(dir, 'missing-ref.png'), '--out', join(dir, 'x.mp4'));
  assert.equal(missing.code, 2);
  assert.match(missing.err, /missing-ref\.png/);
  const badStrength = await run('grade', clip, '--reference', ref, '--out', join(dir, 'x.mp4'), '--strength', '1.5');
  assert.equal(badStrength.code, 2);
  assert.match(badStrength.err, /--strength.*1\.5/);
  const badMethod = await run('grade', clip, '--reference', ref, '--out', join(dir, 'x.mp4'), '--method', 'magic');
  assert.equal(badMethod.code, 2);
  assert.match(badMethod.err, /--method.*magic/);
  const noVideo = await run('score', join(dir, 'absent.mp4'), '--reference', ref);
  assert.equal(noVideo.code, 2);
  assert.match(noVideo.err, /absent\.mp4/);
  const noRef = await run('audit', dir, '--out', report);
  assert.equal(noRef.code, 2);
  assert.match(noRef.err, /--reference/);
  const badKind = await run('score', clip, '--reference', ref, '--kind', 'hero');
  assert.equal(badKind.code, 2);
  assert.match(badKind.err, /--kind.*hero/);
});
