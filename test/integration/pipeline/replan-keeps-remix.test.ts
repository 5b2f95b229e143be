/**
 * Issues 11 and 16 ("nothing destroyed silently"): a shot a person added by remixing an anchor
 * survives the next run and the next plan of the same plan, with every take; a changed plan that
 * keeps the shots keeps their takes (marked stale); a plan that drops shots with takes deletes them
 * only when the caller asks (`replan`). Real local renderer at 320x180, one anchor and one remix
 * rendered (the other clips of the plan are never made).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../core/domain/errors.ts';
import { planAndStore } from '../../../core/api/plan-store.ts';
import { createShotRenderer } from '../../../core/pipeline/create-renderer.ts';
import { createLookQualityStep } from '../../../core/pipeline/look-quality.ts';
import { importLookFile } from '../../../core/pipeline/project-look.ts';
import { remixShot } from '../../../core/pipeline/remix-shot.ts';
import { runLookBatch, shotRowId } from '../../../core/pipeline/run-look.ts';
import { openProject } from '../../../core/store/open-project.ts';
import { listShots } from '../../../core/store/shots-repo.ts';
import { getTake, listTakes } from '../../../core/store/takes-repo.ts';
import { writeSmallLook } from '../remote-run/remote-run-helpers.ts';

test('a remix of an anchor survives re-planning; takes go only when a re-plan that drops their shots is asked for', { timeout: 600_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'continuity-replan-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const project = openProject(join(dir, 'project'), { create: true });
  t.after(() => project.close());
  const { lookId, loaded } = await importLookFile(project, writeSmallLook(dir));
  const { seed, clips } = loaded.look.batch;
  const renderer = createShotRenderer({ provider: 'local', model: 'local-animatic', purpose: 'look-batch', commercialOnly: false, project, budgetUsd: null, batchId: 'replan-test' });
  const quality = createLookQualityStep();
  const batch = (o: { shotIds: string[]; seed?: number; replan?: boolean; anchors?: number }) => runLookBatch({
    project, lookId, loaded: { ...loaded, look: { ...loaded.look, batch: { ...loaded.look.batch, anchors: o.anchors ?? loaded.look.batch.anchors } } },
    renderer, quality, clips, seed, maxRetries: 0, concurrency: 1, ...o,
  });
  const takesByShot = () => new Map(listShots(project.db, lookId).map((r) => [r.plan.id, listTakes(project.db, r.id).map((x) => x.id)]));

  assert.equal(loaded.look.batch.anchors, 3, 'the sample look plans three anchors');
  await batch({ shotIds: [shotRowId(lookId, 'a3')] });
  const remix = await remixShot({ project, lookId, shotId: 'a3', deltas: ['palette'], renderer, quality, maxRetries: 0, autoApprove: { action: 'gate pass (replan test)' } });
  assert.deepEqual([remix.shotId, remix.created], ['a3-x1', true]);
  // A headless remix's gate pass is the gate's approval, never a person's (and never refused for lacking one).
  const remixTake = getTake(project.db, remix.takeId)!;
  t.diagnostic(`remix ${remix.status} (score ${remix.score.toFixed(2)})`);
  assert.deepEqual([remixTake.review, remixTake.reviewBy, remixTake.reviewAction], remix.status === 'passed' ? ['approved', 'gate', 'gate pass (replan test)'] : ['pending', null, null], `remix ${remix.status}`);
  const made = takesByShot();
  assert.equal(made.get('a3')!.length, 1, 'the anchor has its take');
  assert.equal(made.get('a3-x1')!.length, 1, 'the remix has its take');

  // The same plan again, by a run (the CLI) and by the app's plan: nothing is replaced.
  const again = await batch({ shotIds: [] });
  assert.equal(again.shots.length, clips, 'the batch is the planned matrix; the added shot is not re-rendered');
  assert.deepEqual(takesByShot(), made, 'every shot and take kept by a run of the same plan');
  await planAndStore(project, lookId, clips, seed);
  assert.deepEqual(takesByShot(), made, 'every shot and take kept by the app re-planning the same plan');
  assert.equal(listShots(project.db, lookId).at(-1)!.plan.id, 'a3-x1', 'the added shot stays after the planned ones');

  const planBefore = listShots(project.db, lookId).find((r) => r.plan.id === 'a3')!.plan;
  // Another seed keeps the shots (same ids): their takes stay, the rendered ones marked stale.
  const reseededRun = await batch({ shotIds: [], seed: seed + 1 });
  const reseeded = takesByShot();
  const a3 = listShots(project.db, lookId).find((r) => r.plan.id === 'a3')!;
  assert.notDeepEqual([a3.plan.motion, a3.plan.framing], [planBefore.motion, planBefore.framing], 'this seed re-plans a3 (the checks below need it)');
  assert.equal(a3.stale, true, 'a3 re-planned under its take: marked stale');
  for (const [id, takes] of made) if (takes.length) assert.deepEqual(reseeded.get(id), takes, `${id}: takes kept by a changed plan`);
  assert.equal(listShots(project.db, lookId).at(-1)!.plan.id, 'a3-x1');
  // A stale take was made for the old plan: a run never reports it as this plan's clip ("resumed"),
  // and rendering the shot again makes the new take current and the shot fresh.
  assert.equal(reseededRun.shots.find((s) => s.rowId === a3.id)!.status, 'skipped', 'a stale take is not resumed');
  await batch({ shotIds: [a3.id], seed: seed + 1 });
  assert.equal(listShots(project.db, lookId).find((r) => r.id === a3.id)!.stale, false, 'a3 rendered for the new plan: no longer stale');

  // Fewer anchors drops a3 (and so its remix): refused unless asked for, then replaced.
  const kept = takesByShot();
  await assert.rejects(batch({ shotIds: [], anchors: 2 }), (err: Error) => err instanceof InputError && /would delete 3 takes of 2 shots \(a3, a3-x1\)/.test(err.message) && /--replan/.test(err.message));
  assert.deepEqual(takesByShot(), kept, 'a refused re-plan changed nothing');
  await batch({ shotIds: [], anchors: 2, replan: true });
  const replaced = takesByShot();
  assert.equal(replaced.has('a3-x1') || replaced.has('a3'), false, 'asked for: the new plan replaces the shots');
  assert.equal([...replaced.values()].flat().length, 0);
});
