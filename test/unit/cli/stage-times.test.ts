import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStageTimer, formatStageSeconds } from '../../../cli/shared/stage-times.ts';
import type { PipelineStage } from '../../../core/pipeline/pipeline-events.ts';

test('time between stage changes belongs to the earlier stage, summed over clips; export runs to the end', () => {
  let t = 0;
  const timer = createStageTimer(() => t);
  const at = (ms: number, shotId: string, stage: PipelineStage) => { t = ms; timer.onEvent({ type: 'job-progress', jobId: 'j', shotId, attempt: 1, stage, progress: 0, costSoFarUsd: 0 }); };
  at(0, 'a', 'render'); at(0, 'b', 'render');
  at(500, 'a', 'render'); // same stage again: no split
  at(2000, 'a', 'grade'); at(3000, 'b', 'grade');
  at(3500, 'a', 'score'); at(4000, 'a', 'done'); at(4500, 'b', 'score'); at(5000, 'b', 'done');
  t = 5000; timer.exportStarted(); t = 6500;
  const s = timer.finish();
  assert.deepEqual(s, { render: 5, grade: 3, score: 1, export: 1.5 });
  assert.equal(formatStageSeconds(s), 'render 5.0 s · grade 3.0 s · score 1.0 s (clip-seconds, summed over clips) · export 1.5 s');
});
