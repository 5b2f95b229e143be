/**
 * `gradeClip`: estimate one transform from frames pooled across the clip against the look
 * reference, bake it to a 33³ .cube (strength blended with identity while baking), apply it with
 * ffmpeg `lut3d` in one pass, and measure palette ΔE2000 to the reference before and after.
 * Output keeps the source's size, frame timing, audio and `comment` (a previz label); it is
 * BT.709 and tagged so. Files are published atomically and temp files are removed on every exit path.
 *
 * Speed (issue 18 item 1): the only full-size work is the one ffmpeg pass. The fit decodes a few
 * small frames, and "after" is measured on those same frames through the baked LUT (core/color's
 * trilinear applyLutToImage matches lut3d's trilinear render within codec noise; the grade-clip
 * integration test holds it to that) instead of decoding the output a second time.
 */
import { rm, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { makeWorkDir } from '../runtime/work-dirs.ts';
import { InputError } from '../domain/errors.ts';
import type { RawImage } from '../domain/raw-image.ts';
import type { TransferMethod } from '../color/estimate-transfer.ts';
import type { ColorTransform } from '../color/color-transform.ts';
import type { WeightedColor } from '../color/palette.ts';
import { paletteDistance } from '../color/palette-distance.ts';
import { applyLutToImage } from '../color/lut3d.ts';
import { probe } from '../media/probe.ts';
import { decodeFrames } from '../media/decode-frames.ts';
import { runFfmpeg } from '../media/run-ffmpeg.ts';
import { parseFfmpegProgress } from '../media/parse-ffmpeg-progress.ts';
import { commitTempFile, tempPathBeside, writeFileAtomic } from '../store/atomic-write.ts';
import { createLogger } from '../log/logger.ts';
import { lookPalette } from '../quality/measure-frames.ts';
import { ANALYSIS_WIDTH, loadReferences, POOLED_FRAMES } from '../quality/load-frames.ts';
import { applyLutArgs, PROGRESS_ARGS } from './grade-args.ts';
import { checkGradeOptions, estimateClipLut } from './clip-lut.ts';

const log = createLogger('grade');

/**
 * Frames pooled for the estimate and the before/after palettes: the same frames, width and
 * palette size the gate scores with (core/quality), so "after" is what the gate will measure.
 */
const POOL = { count: POOLED_FRAMES, maxWidth: ANALYSIS_WIDTH };

export interface GradeClipInput {
  video: string;
  referenceImages: readonly string[];
  out: string;
  /** Where the .cube goes; default: beside `out` with a .cube extension. */
  lutOut?: string;
  /** 0..1, blended with identity when baking. Default 1. */
  strength?: number;
  method?: TransferMethod;
  signal?: AbortSignal;
  /** 0..1 while ffmpeg renders. */
  onProgress?: (fraction: number) => void;
}

export interface GradeClipResult {
  out: string;
  lutPath: string;
  /** The method used ('auto' resolved). */
  method: ColorTransform['method'];
  strength: number;
  transform: ColorTransform;
  /** Palette ΔE2000 of the pooled source frames to the reference. */
  before: { paletteDeltaE: number };
  /** The same pooled frames through the baked LUT (what lut3d renders), not a second decode. */
  after: { paletteDeltaE: number };
}

function pooledPaletteDistance(frames: RawImage[], reference: WeightedColor[]): number {
  return paletteDistance(lookPalette(frames), reference);
}

/** Grade one clip toward the look reference. Bad input → InputError naming the file or option. */
export async function gradeClip(input: GradeClipInput): Promise<GradeClipResult> {
  const strength = input.strength ?? 1;
  const method = input.method ?? 'auto';
  checkGradeOptions(strength, method);
  if (resolve(input.out) === resolve(input.video)) throw new InputError(`--out must differ from the input video: ${input.out}`, 'out', input.out);
  if (extname(input.out).toLowerCase() !== '.mp4' && extname(input.out).toLowerCase() !== '.mov') {
    throw new InputError(`--out must end in .mp4 or .mov (H.264 in an MP4/QuickTime container), got ${input.out}`, 'out', input.out);
  }
  const lutPath = input.lutOut ?? input.out.slice(0, input.out.length - extname(input.out).length) + '.cube';
  if (input.referenceImages.length === 0) throw new InputError('at least one reference image is needed (--reference IMAGE)', 'referenceImages', []);

  const probed = await probe(input.video, { signal: input.signal });
  // yuv420p (what NLEs and browsers play) needs even sizes, and we never change the size.
  if (probed.width % 2 || probed.height % 2) throw new InputError(`video ${input.video} is ${probed.width}x${probed.height}: yuv420p delivery needs even width and height`, 'video', input.video);
  // The references are read (sharp, here: 80–170 ms for the bench's) while ffmpeg decodes the
  // samples. A bad reference is still reported first, and stops the decode.
  const stopDecode = new AbortController();
  const decoding = decodeFrames(input.video, { ...POOL, probed, signal: input.signal ? AbortSignal.any([input.signal, stopDecode.signal]) : stopDecode.signal });
  decoding.catch(() => undefined); // awaited below, once the references are read
  const references = await loadReferences(input.referenceImages).catch((err: unknown) => { stopDecode.abort(); throw err; });
  const frames = await decoding;
  const before = pooledPaletteDistance(frames, references.palette);

  const { transform, cube, lut, method: used } = estimateClipLut(frames, references.images, { method, strength, referencePalette: references.palette });
  log.info('grade estimated', { video: input.video, method: used, strength, before });

  // ffmpeg reads the LUT from a private temp folder (a plain path, whatever lutOut looks like);
  // the video is rendered beside `out` and renamed into place only when complete.
  const work = await makeWorkDir('continuity-grade');
  const partial = tempPathBeside(input.out, extname(input.out));
  try {
    const workLut = join(work, 'grade.cube');
    await writeFile(workLut, cube);
    const args = [...PROGRESS_ARGS, ...applyLutArgs({ input: input.video, lutPath: workLut, output: partial, colour: probed, comment: probed.comment })];
    await runFfmpeg(args, {
      signal: input.signal, subject: input.video, timeoutMs: 60 * 60_000,
      onStderr: input.onProgress && ((text) => {
        for (const line of text.split('\n')) {
          const p = parseFfmpegProgress(line, probed.durationSeconds);
          if (p !== undefined) input.onProgress!(p);
        }
      }),
    });
    await commitTempFile(partial, input.out);
    await writeFileAtomic(lutPath, cube);
  } finally {
    await rm(partial, { force: true });
    await rm(work, { recursive: true, force: true });
  }

  const after = pooledPaletteDistance(frames.map((f) => applyLutToImage(lut, f)), references.palette);
  log.info('grade done', { out: input.out, before, after });
  return { out: input.out, lutPath, method: used, strength, transform, before: { paletteDeltaE: before }, after: { paletteDeltaE: after } };
}
