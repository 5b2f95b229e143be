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
import { bestOf, type BenchRow } from './bench-row.ts';
import { makeBenchClip } from './grade.bench.ts';

export const name = 'last-frame';

export async function run(): Promise<BenchRow> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-last-frame-'));
  try {
    const { clip } = await makeBenchClip(dir);
    const floorSeconds = await bestOf(3, (i) => runFfmpeg(['-v', 'error', ...SAFE_INPUT, '-sseof', '-0.5', '-i', `file:${clip}`, '-update', '1', '-y', join(dir, `floor-${i}.png`)]));
    const seconds = await bestOf(3, (i) => extractFrame(clip, 'last', join(dir, `last-${i}.png`)));
    return { operation: 'exact last frame (8 s 1080p)', seconds, floor: 'ffmpeg -sseof -0.5 -update 1 (plain idiom)', floorSeconds };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
