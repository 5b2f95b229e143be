/**
 * Post-grade time for an 8 s 1080p clip (probe, fit on pooled small frames, bake the 33³ LUT,
 * one ffmpeg lut3d pass, after-measure) as a ratio to its floor (issue 18 item 1): ffmpeg alone
 * decoding the same clip, applying the grade's own .cube with lut3d and encoding with the same
 * x264 preset and CRF — the very arguments the grade runs (core/grade/grade-args.ts applyLutArgs),
 * measured in this run. Runs alternate grade and floor; the best of each counts, so a busy machine
 * distorts the ratio less.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFfmpeg } from '../core/media/run-ffmpeg.ts';
import { extractFrame } from '../core/media/extract-frame.ts';
import { probe } from '../core/media/probe.ts';
import { gradeClip } from '../core/grade/grade-clip.ts';
import { applyLutArgs } from '../core/grade/grade-args.ts';
import { rowOf, spread, timed, type BenchRow, type Timing } from './bench-row.ts';

export const name = 'grade';

const RUNS = 3;

/** An 8 s 1080p24 H.264 clip (BT.709, tagged) with a warm cast, and a reference frame from the uncast source. */
export async function makeBenchClip(dir: string): Promise<{ clip: string; reference: string }> {
  const clip = join(dir, 'cast-1080p.mp4');
  const clean = join(dir, 'clean-1080p.mp4');
  const src = ['-f', 'lavfi', '-i', 'testsrc2=s=1920x1080:r=24:d=8'];
  const enc = ['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'];
  const toYuv = 'scale=out_color_matrix=bt709:out_range=tv,format=yuv420p';
  await runFfmpeg([...src, '-vf', `colorchannelmixer=rr=1.15:bb=0.75,${toYuv}`, ...enc, clip]);
  await runFfmpeg([...src, '-t', '1', '-vf', toYuv, ...enc, clean]);
  const reference = join(dir, 'reference.png');
  await extractFrame(clean, 0.5, reference);
  return { clip, reference };
}

export async function run(): Promise<BenchRow> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-grade-'));
  try {
    const { clip, reference } = await makeBenchClip(dir);
    const colour = await probe(clip);
    const floor: Timing[] = [], grade: Timing[] = [];
    let drop = '';
    for (let i = 0; i < RUNS; i++) {
      const lutOut = join(dir, `graded-${i}.cube`);
      grade.push(await timed(async () => {
        const r = await gradeClip({ video: clip, referenceImages: [reference], out: join(dir, `graded-${i}.mp4`), lutOut });
        drop = `ΔE ${r.before.paletteDeltaE.toFixed(1)}→${r.after.paletteDeltaE.toFixed(1)} (${r.method})`;
      }));
      floor.push(await timed(() => runFfmpeg(applyLutArgs({ input: clip, lutPath: lutOut, output: join(dir, `floor-${i}.mp4`), colour }), { timeoutMs: 30 * 60_000 })));
    }
    return rowOf({
      operation: 'grade (8 s 1080p clip)',
      floor: 'ffmpeg alone: decode, the grade\'s .cube via lut3d, same x264 preset/CRF', target: 1.15,
      note: `${drop}; grade ${spread(grade)}, floor ${spread(floor)}`,
    }, grade, floor);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
