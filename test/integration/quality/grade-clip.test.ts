import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { makeClip, makeTempDir } from '../../helpers/make-clips.ts';
import { gradeClip } from '../../../core/grade/grade-clip.ts';
import { applyLutArgs } from '../../../core/grade/grade-args.ts';
import { extractFrame } from '../../../core/media/extract-frame.ts';
import { decodeFrames, decodeAllFrames } from '../../../core/media/decode-frames.ts';
import { probe } from '../../../core/media/probe.ts';
import { runFfmpeg } from '../../../core/media/run-ffmpeg.ts';
import { applyLutToImage } from '../../../core/color/lut3d.ts';
import { parseCube } from '../../../core/color/cube-format.ts';
import { flickerStats } from '../../../core/quality/flicker.ts';
import { meanLab } from '../../../core/quality/frame-means.ts';
import { InputError } from '../../../core/domain/errors.ts';
import { PREVIZ_COMMENT } from '../../../core/providers/local/h264-args.ts';
import type { RawImage } from '../../../core/domain/raw-image.ts';

let dir = '';
let cleanup = async () => {};
let clean = '', cast = '', ref = '';

before(async () => {
  ({ dir, cleanup } = await makeTempDir('quality-grade'));
  clean = await makeClip(dir, { width: 320, height: 180, fps: 24, seconds: 2, name: 'clean.mp4', audio: true });
  cast = await makeClip(dir, { width: 320, height: 180, fps: 24, seconds: 2, colorCast: 'warm', name: 'cast.mp4', audio: true });
  ref = join(dir, 'reference.png');
  await extractFrame(clean, 1, ref);
});
after(() => cleanup());

async function flickerOf(video: string): Promise<number> {
  const means: ReturnType<typeof meanLab>[] = [];
  await decodeAllFrames(video, { maxWidth: 160, onFrame: (img) => means.push(meanLab(img)) });
  return flickerStats(means).flicker;
}

function meanAbsDiff(a: RawImage, b: RawImage): number {
  assert.equal(a.data.length, b.data.length);
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += Math.abs(a.data[i]! - b.data[i]!);
  return s / a.data.length;
}

test('a clip with a colour cast graded toward its reference: palette ΔE2000 more than halves, no flicker added, timing kept', async () => {
  const out = join(dir, 'graded.mp4');
  const progress: number[] = [];
  const r = await gradeClip({ video: cast, referenceImages: [ref], out, onProgress: (p) => progress.push(p) });
  console.log(`grade: palette ΔE2000 ${r.before.paletteDeltaE.toFixed(2)} → ${r.after.paletteDeltaE.toFixed(2)} (${r.method}, selection ${JSON.stringify(r.transform.selection)})`);
  assert.ok(r.after.paletteDeltaE < r.before.paletteDeltaE / 2, `ΔE ${r.before.paletteDeltaE} → ${r.after.paletteDeltaE}`);
  assert.equal(r.lutPath, join(dir, 'graded.cube'));
  assert.ok(progress.length > 0 && progress.at(-1)! === 1);

  const [src, dst] = [await probe(cast), await probe(out)];
  assert.equal(dst.width, src.width);
  assert.equal(dst.height, src.height);
  assert.equal(dst.frameCount, src.frameCount);
  assert.ok(Math.abs(dst.fps - src.fps) < 0.01);
  assert.ok(Math.abs(dst.durationSeconds - src.durationSeconds) < 0.05);
  assert.equal(dst.hasAudio, true);
  assert.equal(dst.pixelFormat, 'yuv420p');

  const [fBefore, fAfter] = [await flickerOf(cast), await flickerOf(out)];
  console.log(`flicker (L* jitter): before ${fBefore.toFixed(3)}, after ${fAfter.toFixed(3)}`);
  assert.ok(fAfter <= fBefore * 1.5 + 0.05, `flicker ${fBefore} → ${fAfter}`);

  // No temp files left beside the output.
  assert.deepEqual((await readdir(dir)).filter((n) => n.startsWith('.')), []);
});

test('the .cube loads in ffmpeg lut3d and reproduces the graded output', async () => {
  const out = join(dir, 'graded-mkl.mp4');
  const lutOut = join(dir, 'luts', 'x.cube');
  await mkdir(join(dir, 'luts'), { recursive: true });
  const r = await gradeClip({ video: cast, referenceImages: [ref], out, lutOut, method: 'mkl', strength: 0.8 });
  assert.equal(r.method, 'mkl');
  const text = await readFile(lutOut, 'utf8');
  assert.match(text, /^LUT_3D_SIZE 33$/m);
  const lut = parseCube(text, lutOut);
  assert.equal(lut.size, 33);

  // ffmpeg, independently, with the delivered .cube: same frames as the graded clip.
  const again = join(dir, 'again.mp4');
  await runFfmpeg(applyLutArgs({ input: cast, lutPath: lutOut, output: again }));
  const [g, a, s] = await Promise.all([out, again, cast].map((v) => decodeFrames(v, { count: 4 })));
  for (let i = 0; i < 4; i++) assert.ok(meanAbsDiff(g![i]!, a![i]!) < 0.5, `frame ${i} re-render differs`);
  // Our own trilinear application of the parsed .cube to the source frames: within codec noise.
  for (let i = 0; i < 4; i++) {
    const d = meanAbsDiff(applyLutToImage(lut, s![i]!), g![i]!);
    if (i === 0) console.log(`JS LUT vs ffmpeg lut3d output: mean |Δ| ${d.toFixed(2)} (8-bit levels)`);
    assert.ok(d < 3, `frame ${i}: JS LUT vs ffmpeg graded mean |Δ| ${d}`);
  }
});

test('strength 0 leaves colours alone; bad options and files are InputErrors naming them', async () => {
  const out = join(dir, 'graded-0.mp4');
  const r = await gradeClip({ video: cast, referenceImages: [ref], out, strength: 0 });
  assert.ok(Math.abs(r.after.paletteDeltaE - r.before.paletteDeltaE) < 1.5);
  await assert.rejects(gradeClip({ video: cast, referenceImages: [ref], out, strength: 2 }), (e: unknown) => e instanceof InputError && /strength/.test(e.message));
  await assert.rejects(gradeClip({ video: cast, referenceImages: [join(dir, 'missing.png')], out }), (e: unknown) => e instanceof InputError && /missing\.png/.test(e.message));
  await assert.rejects(gradeClip({ video: join(dir, 'nope.mp4'), referenceImages: [ref], out }), (e: unknown) => e instanceof InputError && /nope\.mp4/.test(e.message));
  await assert.rejects(gradeClip({ video: cast, referenceImages: [ref], out: join(dir, 'x.gif') }), /\.mp4 or \.mov/);
  await assert.rejects(gradeClip({ video: cast, referenceImages: [ref], out: cast }), /differ/);
});

test('a previz clip stays labelled previz after grading (issue 12 item 2), and the output is tagged BT.709', async () => {
  const previz = join(dir, 'previz.mp4');
  await runFfmpeg(['-i', cast, '-c', 'copy', '-metadata', `comment=${PREVIZ_COMMENT}`, previz]);
  const out = join(dir, 'graded-previz.mp4');
  await gradeClip({ video: previz, referenceImages: [ref], out });
  const p = await probe(out);
  assert.equal(p.comment, PREVIZ_COMMENT);
  assert.deepEqual([p.colorSpace, p.colorRange], ['bt709', 'tv']);
  // A clip without a label gets none.
  assert.equal((await probe(join(dir, 'graded.mp4'))).comment, undefined);
});
