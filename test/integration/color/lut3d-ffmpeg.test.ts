/**
 * Our LUT maths against ffmpeg's: a .cube we write, applied by ffmpeg's lut3d, must give the same
 * pixels as applyLutToImage; and a colour-cast clip graded end to end (pooled frames → transform →
 * 33³ LUT → ffmpeg lut3d) must land much closer to its reference palette.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  applyLutToImage, bakeLut, estimateTransfer, extractPalette, formatCube, paletteDistance, parseCube,
} from '../../../core/color/index.ts';
import { runFfmpeg } from '../../../core/media/run-ffmpeg.ts';
import { decodeFrames } from '../../../core/media/decode-frames.ts';
import { BT709_TAGS, TO_BT709_YUV420P, toRgbFilter } from '../../../core/media/bt709.ts';
import type { RawImage } from '../../../core/domain/raw-image.ts';
import { makeClip, makeTempDir, writeRawPng } from '../../helpers/make-clips.ts';
import { cast, scene } from '../../unit/color/synthetic.ts';

/** Escape a path for use as a filtergraph option value (':' separates options, '\\' and "'" quote). */
const filterPath = (p: string) => p.replace(/\\/g, '/').replace(/[:']/g, (c) => `\\${c}`);

/** 32 levels per channel: every cell of a 33³ LUT is exercised, 256 × 128 pixels. */
function colourCube(): RawImage {
  const data = new Uint8Array(32 * 32 * 32 * 3);
  let o = 0;
  for (let b = 0; b < 32; b++) for (let g = 0; g < 32; g++) for (let r = 0; r < 32; r++) {
    data[o++] = Math.round((r * 255) / 31); data[o++] = Math.round((g * 255) / 31); data[o++] = Math.round((b * 255) / 31);
  }
  return { width: 256, height: 128, channels: 3, data };
}

test('ffmpeg lut3d (trilinear) applies our .cube like applyLutToImage, within ±2', async (t) => {
  const { dir, cleanup } = await makeTempDir('color-lut');
  t.after(cleanup);
  const image = colourCube();
  const png = await writeRawPng(join(dir, 'cube.png'), image.width, image.height, image.data);
  const transform = estimateTransfer(cast(scene(96, 54, 1), [1.15, 1, 0.75], [0, 0, 10]), scene(96, 54, 0), { method: 'reinhard' });
  const lut = bakeLut(transform, { size: 33, strength: 0.8 });
  const cubePath = join(dir, 'grade.cube');
  await writeFile(cubePath, formatCube(lut, 'integration'));
  // Read back what we wrote: ffmpeg and our code must see the same table.
  const parsed = parseCube(formatCube(lut, 'integration'), cubePath);

  const { stdout } = await runFfmpeg(['-i', png, '-vf', `lut3d=file=${filterPath(cubePath)}:interp=trilinear`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { subject: png, timeoutMs: 60_000 });
  assert.equal(stdout.length, image.data.length);
  const ours = applyLutToImage(parsed, image).data;
  let max = 0, changed = 0;
  for (let i = 0; i < ours.length; i++) {
    max = Math.max(max, Math.abs(ours[i]! - stdout[i]!));
    if (ours[i] !== image.data[i]) changed++;
  }
  assert.ok(changed > ours.length / 4, 'the LUT is not a near-identity');
  assert.ok(max <= 2, `largest difference between our LUT application and ffmpeg's: ${max}`);
});

test('a warm-cast clip graded with one pooled transform through ffmpeg lut3d more than halves its palette ΔE', async (t) => {
  const { dir, cleanup } = await makeTempDir('color-grade');
  t.after(cleanup);
  const clip = await makeClip(dir, { width: 160, height: 90, fps: 12, seconds: 1, colorCast: 'warm', name: 'warm.mp4' });
  // The reference is the same scene without the cast (frames of the uncast clip), so the palette
  // distance left after grading is the grade's error, not a difference of content.
  const original = await makeClip(dir, { width: 160, height: 90, fps: 12, seconds: 1, name: 'original.mp4' });
  const reference = await decodeFrames(original, { count: 4 });
  const frames = await decodeFrames(clip, { count: 8 });

  const transform = estimateTransfer(frames, reference, { method: 'auto' });
  assert.ok(transform.selection, 'auto reports what it compared');
  const cubePath = join(dir, 'clip.cube');
  await writeFile(cubePath, formatCube(bakeLut(transform), 'warm clip'));
  const graded = join(dir, 'graded.mp4');
  // Explicit conversions on both sides of the LUT, as the product's grade does (core/media/bt709.ts):
  // decodeFrames reads these untagged clips as BT.709, so the LUT must be applied in that RGB too.
  await runFfmpeg(['-i', clip, '-vf', `${toRgbFilter()},lut3d=file=${filterPath(cubePath)}:interp=trilinear,${TO_BT709_YUV420P}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '16', ...BT709_TAGS, graded], { subject: clip, timeoutMs: 60_000 });

  const refPalette = extractPalette(reference);
  const before = paletteDistance(extractPalette(frames), refPalette);
  const after = paletteDistance(extractPalette(await decodeFrames(graded, { count: 8 })), refPalette);
  t.diagnostic(`method ${transform.method}; palette ΔE2000 before ${before.toFixed(2)}, after ${after.toFixed(2)}`);
  assert.ok(after < before / 2, `palette ΔE2000 before ${before.toFixed(2)}, after ${after.toFixed(2)}`);
});
