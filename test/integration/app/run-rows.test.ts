/**
 * Issue 12 item 6: a queue row acts on its own clip. `runs.start` with shotIds renders only those
 * clips; one row's Cancel stops that clip while the others finish; Retry on a session shot re-runs
 * that session shot only (never the look's matrix batch). Real engine, real ffmpeg, 320x180.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openHarness } from './studio-harness.ts';

test('runs.start renders only the clips named in shotIds; Regenerate makes a new take and keeps the rejected one; remix from anchor', { timeout: 1_800_000 }, async () => {
  const h = await openHarness();
  try {
    const shots = await h.call('shots.list', { lookId: h.lookId });
    const chosen = [shots[0]!.id, shots[3]!.id];
    const run = await h.call('runs.start', { lookId: h.lookId, shotIds: chosen });
    assert.equal(run.shotCount, 2);
    const done = await h.until('run-finished', (p) => p.runId === run.runId);
    assert.equal(done.succeeded, 2);
    const after = await h.call('shots.list', { lookId: h.lookId });
    assert.deepEqual(after.filter((s) => s.currentTakeId).map((s) => s.id).sort(), [...chosen].sort(), 'only the named clips have takes');
    for (const s of after.filter((x) => !chosen.includes(x.id))) assert.equal((await h.call('takes.list', { shotId: s.id })).length, 0, `${s.label}: no take made`);

    // Regenerate a rejected take (issue 16): a new take becomes current, the rejected one stays.
    const target = after.find((s) => s.id === chosen[0])!;
    const rejected = await h.call('review.setVerdict', { takeId: target.currentTakeId!, verdict: 'rejected' });
    const before = await h.call('takes.list', { shotId: target.id });
    const again = await h.call('runs.start', { lookId: h.lookId, shotIds: [target.id], reroll: true });
    assert.equal(again.shotCount, 1);
    assert.equal((await h.until('run-finished', (p) => p.runId === again.runId)).succeeded, 1);
    const regenerated = (await h.call('shots.list', { lookId: h.lookId })).find((s) => s.id === target.id)!;
    const history = await h.call('takes.list', { shotId: target.id });
    assert.ok(history.length > before.length, `a new take was made (${before.length} → ${history.length})`);
    assert.notEqual(regenerated.currentTakeId, rejected.id, 'the new take is current');
    assert.equal(history.find((t) => t.id === rejected.id)?.review, 'rejected', 'the rejected take stays in the history, still rejected');
    assert.ok(!before.some((b) => b.id === regenerated.currentTakeId), 'the current take is one of the new ones');

    // Remix from anchor (issue 11): a variant of the rendered anchor made from its take with a new change.
    assert.equal(target.kind, 'anchor', 'the first planned shot is an anchor');
    const variant = after.find((s) => s.parentId === target.id && s.kind === 'variant')!;
    const remix = await h.call('shots.remix', { shotId: variant.id, deltas: [{ kind: 'scene', value: 'steam rising from the cup' }] });
    assert.equal((await h.until('run-finished', (p) => p.runId === remix.runId)).succeeded, 1);
    const [made] = await h.call('takes.list', { shotId: variant.id });
    assert.equal(made?.mechanism, 'remix');
    const remixed = (await h.call('shots.list', { lookId: h.lookId })).find((s) => s.id === variant.id)!;
    // The review screen shows the renderer's own account of the take: what the remix changed.
    const current = (await h.call('takes.list', { shotId: variant.id })).find((t) => t.id === remixed.currentTakeId);
    assert.equal(current?.mechanism, 'remix', 'the new current take is a remix');
    assert.match(current?.renderNote ?? '', /^local remix \(previz\) of anchor take \S+: .*scene change "steam rising from the cup"/, `the take says what the renderer did: ${current?.renderNote}`);
    assert.deepEqual([remixed.deltas.map((d) => d.kind), remixed.editedBy], [['scene'], 'remix']);
    // The changed variant is an edit of the same plan: planning it again keeps every take.
    await h.call('plan.create', { lookId: h.lookId, clips: 8, seed: 1 });
    const replanned = await h.call('shots.list', { lookId: h.lookId });
    assert.deepEqual(replanned.filter((s) => s.currentTakeId).map((s) => s.id).sort(), [...new Set([...chosen, variant.id])].sort(), 'no take was dropped by the re-plan');
    // Another clip count and seed without the person's yes (replace) keeps every shot with a take
    // (re-planned in place, marked stale); the takes themselves are all still there.
    const takesOf = async (ids: string[]) => Promise.all(ids.map(async (id) => (await h.call('takes.list', { shotId: id })).length));
    const withTakes = replanned.filter((s) => s.currentTakeId).map((s) => s.id).sort();
    const takeCounts = await takesOf(withTakes);
    await h.call('plan.create', { lookId: h.lookId, clips: 9, seed: 7 });
    const untouched = await h.call('shots.list', { lookId: h.lookId });
    assert.deepEqual(withTakes.filter((id) => untouched.some((s) => s.id === id)), withTakes, 'no shot with a take went without a yes');
    assert.deepEqual(await takesOf(withTakes), takeCounts, 'and no take');
  } finally { await h.close(); }
});

test('cancelling one row cancels that clip only; the other rows finish', { timeout: 1_800_000 }, async () => {
  const h = await openHarness({ concurrency: 1 });
  try {
    const shots = await h.call('shots.list', { lookId: h.lookId });
    const chosen = shots.slice(0, 3).map((s) => s.id);
    const run = await h.call('runs.start', { lookId: h.lookId, shotIds: chosen });
    // Concurrency 1: the first clip renders while the others wait. Cancel the first once it moves.
    const first = await h.until('job-progress', (p) => p.shotId === chosen[0] && p.state === 'running' && p.progress > 0);
    const canceled = await h.call('jobs.cancel', { jobId: first.jobId });
    assert.equal(canceled.shotId, chosen[0]);
    const done = await h.until('run-finished', (p) => p.runId === run.runId);
    assert.deepEqual([done.succeeded, done.canceled, done.failed], [2, 1, 0], 'one clip canceled, the other two rendered');
    const jobs = (await h.call('jobs.list', { lookId: h.lookId })).filter((j) => j.runId === run.runId);
    assert.equal(jobs.find((j) => j.shotId === chosen[0])!.state, 'canceled');
    for (const id of chosen.slice(1)) assert.equal(jobs.find((j) => j.shotId === id)!.state, 'succeeded');
  } finally { await h.close(); }
});

test('retrying a session shot re-runs that session shot only, not the look batch', { timeout: 1_800_000 }, async () => {
  const h = await openHarness();
  try {
    const session = await h.call('sessions.create', { lookId: h.lookId, name: 'retry me' });
    await h.call('sessions.addShot', { sessionId: session.id, label: 'one' });
    const two = await h.call('sessions.addShot', { sessionId: session.id, label: 'two', continuityMode: 'style-match' });
    const run = await h.call('runs.session', { sessionId: session.id });
    const first = await h.until('run-finished', (p) => p.runId === run.runId);
    assert.equal(first.succeeded, 2, 'the session rendered');
    const shot2 = two.shots[1]!.id;
    const job = (await h.call('jobs.list', { lookId: h.lookId })).find((j) => j.shotId === shot2)!;
    const takesBefore = (await h.call('takes.list', { shotId: shot2 })).length;
    const shot1Before = (await h.call('takes.list', { shotId: two.shots[0]!.id })).length;

    const retry = await h.call('jobs.retry', { jobId: job.id });
    assert.equal(retry.shotCount, 1, 'one job: the session shot');
    const done = await h.until('run-finished', (p) => p.runId === retry.runId);
    assert.equal(done.succeeded, 1);
    assert.ok((await h.call('takes.list', { shotId: shot2 })).length > takesBefore, 'a new take of the session shot, the old ones kept');
    assert.equal((await h.call('takes.list', { shotId: two.shots[0]!.id })).length, shot1Before, 'the shot before it is left alone');
    const matrix = await h.call('shots.list', { lookId: h.lookId });
    assert.equal(matrix.filter((s) => s.currentTakeId).length, 0, 'no matrix clip was rendered');
    const jobs = await h.call('jobs.list', { lookId: h.lookId });
    assert.ok(jobs.every((j) => j.sessionId === session.id || j.runId === 'interrupted'), 'every job belongs to the session');
  } finally { await h.close(); }
});
