/**
 * A batch keeps going when one clip's generation fails: the failure is reported on that shot,
 * every other clip is rendered, graded, scored and kept, and nothing in flight is canceled.
 * The renderer here is a real ShotRenderer that encodes a short still clip from the shot's
 * visual anchor with ffmpeg (fast), except for one shot whose "provider" fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkError } from '../../../core/domain/errors.ts';
import { runFfmpeg } from '../../../core/media/run-ffmpeg.ts';
import { createLookQualityStep } from '../../../core/pipeline/look-quality.ts';
import { importLookFile } from '../../../core/pipeline/project-look.ts';
import { runLookBatch } from '../../../core/pipeline/run-look.ts';
import type { ShotRenderer } from '../../../core/pipeline/shot-renderer.ts';
import { getModel } from '../../../core/providers/registry.ts';
import { openProject } from '../../../core/store/open-project.ts';
import { listShots } from '../../../core/store/shots-repo.ts';
import { listTakes } from '../../../core/store/takes-repo.ts';
import { writeSmallLook } from '../remote-run/remote-run-helpers.ts';

function stillClipRenderer(failShot: string): ShotRenderer & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    provider: 'local',
    model: getModel('local-animatic', 'local'),
    estimateAttemptUsd: () => 0,
    async render(req) {
      calls.push(req.shot.id);
      if (req.shot.id === failShot) throw new WorkError(`provider refused shot ${failShot}`, 'provider_failed');
      await runFfmpeg(['-loop', '1', '-i', req.startImage, '-t', '1', '-r', '24', '-vf', 'scale=160:90', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', req.out]);
      return { path: req.out, provider: 'local', model: 'local-animatic', seedReturned: req.seed, remoteId: null, costUsd: 0, costEstimated: false, previz: true, parameters: {}, note: 'still clip' };
    },
  };
}

test('one failing clip is reported and the rest of the batch is delivered', { timeout: 300_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'continuity-failures-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const project = openProject(join(dir, 'project'), { create: true });
  t.after(() => project.close());
  // The sample look at the 320x180 draft size: its keyframes, grade and scores cost a sixteenth of
  // the 1280x720 default's, and batch-level failure handling does not depend on the size.
  const { lookId, loaded } = await importLookFile(project, writeSmallLook(dir));
  const renderer = stillClipRenderer('a2');
  const result = await runLookBatch({ project, lookId, loaded, renderer, quality: createLookQualityStep(), clips: 8, maxRetries: 0, concurrency: 2 });

  // a2 fails; the variants and swaps made from a2's take (issue 11) cannot be made either, and say
  // why. Every other clip is still rendered and delivered.
  const dependents = new Set(result.plan.shots.filter((s) => s.parentId === 'a2').map((s) => s.id));
  const failed = result.shots.filter((s) => s.status === 'failed');
  assert.deepEqual(failed.map((s) => s.shotId).sort(), ['a2', ...dependents].sort());
  assert.match(failed.find((s) => s.shotId === 'a2')!.reasons[0]!, /provider refused shot a2/);
  for (const s of failed.filter((x) => x.shotId !== 'a2')) assert.match(s.reasons[0]!, /anchor a2 has no finished take/, s.shotId);
  assert.equal(result.shots.length, 8);
  assert.equal(renderer.calls.length, 8 - dependents.size, 'every clip that could be made was attempted');
  for (const row of listShots(project.db, lookId)) {
    if (row.plan.id === 'a2' || dependents.has(row.plan.id)) { assert.equal(row.status, 'failed'); assert.equal(row.currentTakeId, null); continue; }
    assert.ok(row.currentTakeId, `${row.plan.id} has a current take`);
    assert.equal(listTakes(project.db, row.id).length, 1);
  }
});
