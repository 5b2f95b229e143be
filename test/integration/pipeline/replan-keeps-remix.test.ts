/**
 * Issues 11 and 16 ("nothing destroyed silently"): a shot a person added by remixing an anchor
 * survives the next run and the next plan of the same plan, with every take; a different plan
 * deletes takes only when the caller asks (`replan`). Real local renderer at 320x180, one anchor
 * and one remix rendered (the other clips of the plan are never made).
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
import { getLook } from '../../../core/store/looks-repo.ts';
import { listShots } from '../../../core/store/shots-repo.ts';
import { listTakes } from '../../../core/store/takes-repo.ts';
import { writeSmallLook } from '../remote-run/remote-run-helpers.ts';

test('a remix of an anchor survives re-planning the same plan; a different plan needs replan to delete takes', { timeout: 600_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'continuity-replan-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const project = openProject(join(dir, 'project'), { create: true });
  t.after(() => project.close());
  const { lookId, loaded } = await importLookFile(project, writeSmallLook(dir));
  const { seed, clips } = loaded.look.batch;
  const renderer = createShotRenderer({ provider: 'local', model: 'local-animatic', purpose: 'look-batch', commercialOnly: false, project, budgetUsd: null, batchId: 'replan-test' });
  const quality = createLookQualityStep();
  const batch = (o: { shotIds: string[]; seed?: number; replan?: boolean }) => runLookBatch({ project, lookId, loaded, renderer, quality, clips, seed, maxRetries: 0, concurrency: 1, ...o });
  const loadProjectLookRow = () => getLook(project.db, lookId)!.look;
  const takesByShot = () => new Map(listShots(project.db, lookId).map((r) => [r.plan.id, listTakes(project.db, r.id).map((x) => x.id)]));

  const a1 = shotRowId(lookId, 'a1');
  await batch({ shotIds: [a1] });
  const remix = await remixShot({ project, lookId, shotId: 'a1', deltas: ['scene:steam rising from the cup'], renderer, quality, maxRetries: 0 });
  assert.deepEqual([remix.shotId, remix.created], ['a1-x1', true]);
  const made = takesByShot();
  assert.equal(made.get('a1')!.length, 1, 'the anchor has its take');
  assert.equal(made.get('a1-x1')!.length, 1, 'the remix has its take');

  // The same plan again, by a run (the CLI) and by the app's plan: nothing is replaced.
  const again = await batch({ shotIds: [] });
  assert.equal(again.shots.length, clips, 'the batch is the planned matrix; the added shot is not re-rendered');
  assert.deepEqual(takesByShot(), made, 'every shot and take kept by a run of the same plan');
  await planAndStore(project, lookId, clips, seed);
  assert.deepEqual(takesByShot(), made, 'every shot and take kept by the app re-planning the same plan');
  assert.equal(listShots(project.db, lookId).at(-1)!.plan.id, 'a1-x1', 'the added shot stays after the planned ones');

  // A different plan over takes is refused unless asked for, and then replaces them.
  await assert.rejects(batch({ shotIds: [], seed: seed + 1 }), (err: Error) => err instanceof InputError && /would delete 2 takes of 2 shots \(a1, a1-x1\)/.test(err.message) && /--replan/.test(err.message));
  await assert.rejects(planAndStore(project, lookId, clips, seed + 1), InputError);
  assert.equal(loadProjectLookRow().batch.seed, seed, 'the refused plan left the look\'s seed as it was');
  assert.deepEqual(takesByShot(), made, 'a refused re-plan changed nothing');
  await batch({ shotIds: [], seed: seed + 1, replan: true });
  const replaced = takesByShot();
  assert.equal(replaced.has('a1-x1'), false, 'asked for: the new plan replaces the shots');
  assert.equal([...replaced.values()].flat().length, 0);
});
