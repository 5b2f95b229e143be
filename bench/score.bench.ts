/**
 * Scoring time for an 8 s 1080p clip (scoreTake: one full decode at analysis size for flicker and
 * drift, palette and histogram on 12 pooled frames; and with a frame bridge, the exact last frame
 * of the previous take and this take's first frame) as a ratio to the floor: decoding just the
 * 12 sampled frames (core/media decodeFrames), measured in this run. Best of 2 each.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeFrames } from '../core/media/decode-frames.ts';
import { scoreTake } from '../core/quality/score-take.ts';
import { loadReferences, ANALYSIS_WIDTH, POOLED_FRAMES } from '../core/quality/load-frames.ts';
import { makeBenchClip } from './grade.bench.ts';

export const name = 'score';

const RUNS = 2;

async function time(fn: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    best = Math.min(best, (performance.now() - t) / 1000);
  }
  return best;
}

export async function run(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-score-'));
  try {
    const { clip, reference } = await makeBenchClip(dir);
    const references = await loadReferences([reference]);
    const floor = await time(() => decodeFrames(clip, { count: POOLED_FRAMES, maxWidth: ANALYSIS_WIDTH }));
    const score = await time(() => scoreTake({ video: clip, references, shotKind: 'anchor' }));
    const bridged = await time(() => scoreTake({ video: clip, references, previousVideo: clip, shotKind: 'sequence' }));
    return `score: ${score.toFixed(2)} s per 8 s 1080p clip (${bridged.toFixed(2)} s with a frame bridge), floor (decode ${POOLED_FRAMES} sampled frames) ${floor.toFixed(2)} s, ratio ${(score / floor).toFixed(2)} (${(bridged / floor).toFixed(2)} bridged)`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
