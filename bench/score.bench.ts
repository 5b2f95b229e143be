/**
 * Scoring time for an 8 s 1080p clip (scoreTake: one decode of every frame at analysis size for
 * flicker, drift and motion, palette and histogram on 12 of them; with a frame bridge, also the
 * exact last frame of the previous take and this take's first frame) against the floor of issue
 * 18 item 2, measured in this run: plain ffmpeg decoding the frames the score samples —
 *   alone:   every frame at ANALYSIS_WIDTH to raw RGB (core/media decodeAllFrames);
 *   bridged: that, plus `-sseof -0.5` decoding the previous take's tail (its last frame) and
 *            the take's first frame, both to the null muxer (decode only).
 * Runs alternate score and floor; best of 3 each.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeAllFrames } from '../core/media/decode-frames.ts';
import { SAFE_INPUT, runFfmpeg } from '../core/media/run-ffmpeg.ts';
import { scoreTake } from '../core/quality/score-take.ts';
import { loadReferences, ANALYSIS_WIDTH } from '../core/quality/load-frames.ts';
import { rowOf, spread, timed, type BenchRow, type Timing } from './bench-row.ts';
import { makeBenchClip } from './grade.bench.ts';

export const name = 'score';

const RUNS = 3;

export async function run(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-score-'));
  try {
    const { clip, reference } = await makeBenchClip(dir);
    const references = await loadReferences([reference]);
    const decodeSampled = () => decodeAllFrames(clip, { maxWidth: ANALYSIS_WIDTH, onFrame: () => {} });
    const decodeEdges = async () => {
      await runFfmpeg(['-v', 'error', '-sseof', '-0.5', ...SAFE_INPUT, '-i', `file:${clip}`, '-map', '0:v:0', '-f', 'null', '-']);
      await runFfmpeg(['-v', 'error', ...SAFE_INPUT, '-i', `file:${clip}`, '-map', '0:v:0', '-frames:v', '1', '-f', 'null', '-']);
    };
    const floor: Timing[] = [], floorBridged: Timing[] = [], score: Timing[] = [], bridged: Timing[] = [];
    for (let i = 0; i < RUNS; i++) {
      floor.push(await timed(decodeSampled));
      score.push(await timed(() => scoreTake({ video: clip, references, shotKind: 'anchor' })));
      floorBridged.push(await timed(async () => { await decodeSampled(); await decodeEdges(); }));
      bridged.push(await timed(() => scoreTake({ video: clip, references, previousVideo: clip, shotKind: 'sequence' })));
    }
    return [
      rowOf({ operation: 'score (8 s 1080p clip)', target: 1.5, floor: `ffmpeg decoding every frame at ${ANALYSIS_WIDTH} px wide (what it samples)`, note: `score ${spread(score)}, floor ${spread(floor)}` }, score, floor),
      rowOf({ operation: 'score with a frame bridge', target: 1.5, floor: 'the same, plus decoding the previous take\'s last frame and this one\'s first', note: `score ${spread(bridged)}, floor ${spread(floorBridged)}` }, bridged, floorBridged),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
