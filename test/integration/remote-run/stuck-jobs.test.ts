/**
 * Issue 12 item 5 against the loopback fake fal, in process, with the real job runner and SQLite:
 * a paid job stuck in `needs_user_decision` can be abandoned or resubmitted — after which the
 * shot's next run makes a new take instead of re-reading the dead job.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { decideStuckJob, listStuckJobs } from '../../../core/jobs/stuck-jobs.ts';
import { createBudget } from '../../../core/pipeline/budget.ts';
import { runShot, type AttemptRecord } from '../../../core/pipeline/run-shot.ts';
import { openProject } from '../../../core/store/open-project.ts';
import { startFakeFal } from '../../fakes/fake-fal.ts';
import { useFastBackoff } from '../../support/test-switches.ts';
import { falRenderer, makeRig, shotContext, shotJob, type FalShotRig } from './fal-shot-rig.ts';

const REPO = resolve(import.meta.dirname, '../../..');
let rig: FalShotRig;
// Reconcile backs off eight times before it hands the job to a person: milliseconds against the
// loopback fake, not the ~90 s a real provider is given. The count of look-ups is unchanged.
before(async () => { useFastBackoff(); rig = await makeRig('records-remote'); });
after(() => rig.dispose());

test('a stuck paid job: a rerun does not re-send it; after "resubmit" the next run makes a new take', async () => {
  const fake = await startFakeFal();
  fake.behaviour.clipSize = { width: 160, height: 90 };
  fake.behaviour.pollsBeforeDone = 1;
  // The connection drops after the server accepted the create, and fal's list cannot be read:
  // the outcome is unknown, so the job waits for a person.
  fake.inject({ op: 'create', kind: 'reset', times: 1 });
  fake.inject({ op: 'list', kind: 'status', status: 500, times: 50 });
  const project = openProject(join(rig.dir, 'stuck'), { create: true });
  let r = falRenderer(project, fake.proxyUrl, 'stuck');
  try {
    await assert.rejects(runShot(shotJob, shotContext(rig, r, createBudget(null), [])));
    const stuck = listStuckJobs(project.db);
    assert.equal(stuck.length, 1);
    assert.equal(stuck[0]!.shotRowId, 'row-a1', 'the shot is told from the take id');
    const deadTake = stuck[0]!.takeId;
    assert.deepEqual(fake.createCounts(), { [deadTake]: 1 });

    // Run again without deciding: the dead job is not re-sent (one create per take, RELIABILITY.md).
    await assert.rejects(runShot(shotJob, shotContext(rig, r, createBudget(null), [])));
    assert.deepEqual(fake.createCounts(), { [deadTake]: 1 });

    const decided = decideStuckJob(project.db, stuck[0]!.id, 'resubmit', 'test: continuity jobs resubmit', new Date('2026-03-04T05:06:07Z'));
    assert.match(decided.reason, /set aside for resubmission by a person \(test: continuity jobs resubmit\) at 2026-03-04T05:06:07\.000Z/);
    assert.deepEqual(listStuckJobs(project.db), []);

    await r.close?.();
    r = falRenderer(project, fake.proxyUrl, 'stuck');
    const attempts: AttemptRecord[] = [];
    const outcome = await runShot(shotJob, shotContext(rig, r, createBudget(null), attempts));
    assert.notEqual(outcome.current.takeId, deadTake, 'a new take id');
    assert.equal(fake.createsFor(outcome.current.takeId), 1, 'one create for the new take');
    assert.equal(fake.createsFor(deadTake), 1, 'the dead take was never sent again');
    const old = project.db.prepare('SELECT state, error_code FROM jobs WHERE take_id = ?').get(deadTake);
    assert.deepEqual(old, { state: 'failed', error_code: 'resubmitted' });
  } finally { await r.close?.(); project.close(); await fake.close(); }
});

test('abandon: the job ends failed, says who and when; a job not waiting is refused by name', async () => {
  const project = openProject(join(rig.dir, 'abandon'), { create: true });
  try {
    const t = '2026-01-01T00:00:00.000Z';
    project.db.prepare(`INSERT INTO jobs (id, take_id, provider, model, state, request_json, error_code, error_message, submit_started_at, created_at, updated_at)
      VALUES ('j1', 'row-b2-t1-0123456789-kf', 'fal', 'fal-ai/flux-pulid', 'needs_user_decision', '{}', 'create_outcome_unknown', 'x', ?, ?, ?)`).run(t, t, t);
    const [s] = listStuckJobs(project.db);
    assert.deepEqual([s!.shotRowId, s!.keyframe], ['row-b2', true]);
    const done = decideStuckJob(project.db, 'row-b2-t1-0123456789-kf', 'abandon', 'app: job queue', new Date('2026-01-02T00:00:00Z'));
    assert.match(done.reason, /^abandoned by a person \(app: job queue\) at 2026-01-02T00:00:00\.000Z; no new take/);
    assert.throws(() => decideStuckJob(project.db, 'j1', 'abandon', 'again'), /job "j1" is failed, not waiting for a decision/);
    assert.throws(() => decideStuckJob(project.db, 'nope', 'abandon', 'x'), /no job "nope" in this project; no job is waiting/);
  } finally { project.close(); }
});

test('continuity jobs list|abandon: the CLI shows the stuck job and records the decision', async () => {
  const dirOf = join(rig.dir, 'cli');
  const project = openProject(dirOf, { create: true });
  const t = '2026-01-01T00:00:00.000Z';
  project.db.prepare(`INSERT INTO jobs (id, take_id, provider, model, state, request_json, error_code, error_message, submit_started_at, created_at, updated_at)
    VALUES ('j9', 'row-c3-t1-0123456789', 'fal', 'fal-ai/veo3.1/image-to-video', 'needs_user_decision', '{}', 'create_outcome_unknown', 'outcome unknown', ?, ?, ?)`).run(t, t, t);
  project.close();
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(REPO, 'bin/continuity.mjs'), 'jobs', ...args], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
  const list = cli('list', dirOf);
  assert.equal(list.status, 0, list.stderr);
  assert.match(list.stdout, /^j9 {2}take row-c3-t1-0123456789 {2}fal:fal-ai\/veo3\.1\/image-to-video {2}est\. \$0\.00/);
  assert.equal(cli('abandon', dirOf, 'nope').status, 2, 'an unknown job is bad input');
  const done = cli('abandon', dirOf, 'j9');
  assert.equal(done.status, 0, done.stderr);
  assert.match(done.stdout, /abandoned: j9 .*\n.*abandoned by a person \(continuity jobs abandon\)/);
  assert.match(cli('list', dirOf).stdout, /No paid job is waiting for a decision/);
});
