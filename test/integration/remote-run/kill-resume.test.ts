// kill -9 `continuity run` against the fake fal while a paid job is in flight, then run again
// with --resume (issue 7 acceptance): 0 clips lost, ≤ 1 create per take, finished shots kept as
// they were, and the in-flight take's job picked up by its (deterministic) take id, not re-created.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from '../../../core/store/open-project.ts';
import { clipFacts, clipsFromStartImage, falEnv, mp4s, packRoot, runCli, startFake, writeSmallLook } from './remote-run-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'remote-run-kill-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Snapshot { takes: Map<string, string>; jobs: Array<{ take_id: string; state: string }> }

function snapshot(projectDir: string): Snapshot {
  const p = openProject(projectDir);
  try {
    const takes = new Map((p.db.prepare('SELECT id, updated_at FROM takes').all() as Array<{ id: string; updated_at: string }>).map((t) => [t.id, t.updated_at]));
    const jobs = p.db.prepare('SELECT take_id, state FROM jobs ORDER BY take_id').all() as Array<{ take_id: string; state: string }>;
    return { takes, jobs };
  } finally { p.close(); }
}

test('kill -9 mid-batch with a job in flight, then --resume: 0 clips lost, ≤ 1 create per take', async () => {
  const fake = await startFake();
  try {
    clipsFromStartImage(fake, dir);
    // Slow jobs, so a paid job is in flight whenever the kill lands.
    fake.behaviour.minDurationMs = 1500;
    const out = join(dir, 'out');
    const args = ['run', writeSmallLook(dir), '--out', out, '--provider', 'fal', '--model', 'fal-ai/veo3.1/image-to-video', '--max-retries', '0', '--concurrency', '2', '--all']; // --all: about delivery after a kill, not the gate
    const inFlight = () => [...fake.jobs.values()].some((j) => j.state === 'queued' || j.state === 'running');
    const first = await runCli(args, falEnv(fake), (stderr) => /\[2\/\d+\]/.test(stderr) && inFlight());
    assert.equal(first.signal, 'SIGKILL', `killed mid-batch (exit ${first.code}): ${first.stderr.slice(-1500)}`);
    const before = snapshot(join(out, '.continuity-project'));
    assert.ok(before.takes.size >= 2 && before.takes.size < 8, `${before.takes.size} takes recorded before the kill`);
    const unfinished = before.jobs.filter((j) => j.state !== 'succeeded').map((j) => j.take_id);
    assert.ok(unfinished.length >= 1, 'a paid job was in flight at the kill');

    const second = await runCli([...args, '--resume'], falEnv(fake));
    assert.equal(second.code, 0, second.stderr.slice(-2000));

    const afterRun = snapshot(join(out, '.continuity-project'));
    // 0 clips lost: all 8 delivered, exactly the batch's size and length.
    const root = packRoot(out);
    const clips = await clipFacts(mp4s(join(root, 'Clips')));
    assert.equal(clips.length, 8);
    for (const c of clips) assert.deepEqual([c.width, c.height, c.frames], [320, 180, 96], c.file);
    // ≤ 1 create per take, and the jobs in flight at the kill were resumed, not created again.
    for (const [key, n] of Object.entries(fake.createCounts())) assert.equal(n, 1, `${key} was created ${n} times`);
    for (const id of unfinished) assert.ok(afterRun.jobs.some((j) => j.take_id === id && j.state === 'succeeded'), `in-flight take ${id} was picked up and finished`);
    assert.equal(afterRun.jobs.length, 8, 'one job per shot (max-retries 0): nothing re-submitted under a new id');
    // Finished takes were kept (no new take for their shots).
    for (const id of before.takes.keys()) assert.ok(afterRun.takes.has(id), `take ${id} kept`);
    assert.equal(afterRun.takes.size, 8);
  } finally { await fake.close(); }
});
