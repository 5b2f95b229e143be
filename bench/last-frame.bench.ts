/**
 * The exact last frame of an 8 s 1080p clip (`continuity frame --at last`: pixel-identical to the
 * last frame of a full decode) against the floor of plain ffmpeg's usual idiom for it, measured in
 * this run: seek to half a second before the end and keep overwriting one PNG (`-sseof -0.5
 * -update 1`), which decodes the same tail. Best of 3.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFrame } from '../core/media/extract-frame.ts';
import { SAFE_INPUT, runFfmpeg } from '../core/media/run-ffmpeg.ts';
import { rowOf, timed, type BenchRow, type Timing } from './bench-row.ts';
import { makeBenchClip } from './grade.bench.ts';

export const name = 'last-frame';

export async function run(): Promise<BenchRow> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-last-frame-'));
  try {
    const { clip } = await makeBenchClip(dir);
    const floor: Timing[] = [], op: Timing[] = [];
    for (let i = 0; i < 3; i++) {
      floor.push(await timed(() => runFfmpeg(['-v', 'error', ...SAFE_INPUT, '-sseof', '-0.5', '-i', `file:${clip}`, '-update', '1', '-y', join(dir, `floor-${i}.png`)])));
      op.push(await timed(() => extractFrame(clip, 'last', join(dir, `last-${i}.png`))));
    }
    return rowOf({ operation: 'exact last frame (8 s 1080p)', floor: 'ffmpeg -sseof -0.5 -update 1 (plain idiom)' }, op, floor);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
