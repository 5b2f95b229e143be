/**
 * Post-grade time for an 8 s 1080p clip (estimate from pooled frames + bake 33³ LUT + ffmpeg
 * lut3d render + after-measurement) as a ratio to the floor: a plain ffmpeg re-encode of the same
 * clip with the very same encoder settings (core/grade/grade-args.ts plainReencodeArgs), measured
 * in this run. Best of 2 each, so a busy machine distorts the ratio less.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFfmpeg } from '../core/media/run-ffmpeg.ts';
import { extractFrame } from '../core/media/extract-frame.ts';
import { gradeClip } from '../core/grade/grade-clip.ts';
import { plainReencodeArgs } from '../core/grade/grade-args.ts';

export const name = 'grade';

const RUNS = 2;

/** An 8 s 1080p24 H.264 clip with a warm cast, and a reference frame from the uncast source. */
export async function makeBenchClip(dir: string): Promise<{ clip: string; reference: string }> {
  const clip = join(dir, 'cast-1080p.mp4');
  const clean = join(dir, 'clean-1080p.mp4');
  const src = ['-f', 'lavfi', '-i', 'testsrc2=s=1920x1080:r=24:d=8'];
  const enc = ['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', '-pix_fmt', 'yuv420p'];
  await runFfmpeg([...src, '-vf', 'colorchannelmixer=rr=1.15:bb=0.75', ...enc, clip]);
  await runFfmpeg([...src, '-t', '1', ...enc, clean]);
  const reference = join(dir, 'reference.png');
  await extractFrame(clean, 0.5, reference);
  return { clip, reference };
}

export async function run(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-grade-'));
  try {
    const { clip, reference } = await makeBenchClip(dir);
    const floor: number[] = [], grade: number[] = [];
    let drop = '';
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await runFfmpeg(plainReencodeArgs(clip, join(dir, `floor-${i}.mp4`)), { timeoutMs: 30 * 60_000 });
      floor.push((performance.now() - t) / 1000);
      t = performance.now();
      const r = await gradeClip({ video: clip, referenceImages: [reference], out: join(dir, `graded-${i}.mp4`) });
      grade.push((performance.now() - t) / 1000);
      drop = `ΔE ${r.before.paletteDeltaE.toFixed(1)}→${r.after.paletteDeltaE.toFixed(1)} (${r.method})`;
    }
    const f = Math.min(...floor), g = Math.min(...grade);
    return `grade: ${g.toFixed(2)} s per 8 s 1080p clip, floor (plain re-encode, same encoder) ${f.toFixed(2)} s, ratio ${(g / f).toFixed(2)}; ${drop}`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
