import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addShot, deleteShot, moveShot } from '../../../core/continuity/session.ts';
import { InputError } from '../../../core/domain/errors.ts';
import { LookFileSchema } from '../../../core/domain/look.ts';
import { createProjectSession, findSession, findSessionShot, loadSession, saveSession, sessionPlannedShot } from '../../../core/pipeline/session-store.ts';
import { saveLook } from '../../../core/store/looks-repo.ts';
import { openProject, type Project } from '../../../core/store/open-project.ts';
import { getShot, listSessionShots } from '../../../core/store/shots-repo.ts';
import { insertTake, setCurrentTake } from '../../../core/store/takes-repo.ts';

const look = LookFileSchema.parse({
  name: 'Test look', brandKit: { palette: [{ hex: '#c65d3b' }], lighting: 'soft', camera: '35mm' },
  references: [{ path: 'a.png', role: 'set' }], brief: 'a café at dawn',
});

async function withProject(fn: (project: Project, dir: string, lookId: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'session-store-'));
  const project = openProject(dir, { create: true });
  try {
    await fn(project, dir, saveLook(project.db, { look }).id);
  } finally {
    project.close();
    await rm(dir, { recursive: true, force: true });
  }
}

test('a session with its shots survives closing and reopening the project', async () => {
  await withProject(async (project, dir, lookId) => {
    let s = createProjectSession(project, { lookId, name: 'morning', primaryStyleReference: { kind: 'reference', index: 0 } });
    s = addShot(s, { id: 'x1', label: 'one', framing: 'wide', motion: 'push-in', mode: 'frame-bridge', action: 'steam rises' });
    s = addShot(s, { id: 'x2', label: 'two', framing: 'close', motion: 'static', mode: 'style-match', styleStrength: 0.8 });
    s = addShot(s, { id: 'x3', label: 'three', framing: 'medium', motion: 'drift', mode: 'style-match', styleReferenceId: 'x1' });
    saveSession(project, s);
    project.close();
    const reopened = openProject(dir);
    try {
      const { session, lookId: got } = loadSession(reopened, s.id);
      assert.equal(got, lookId);
      assert.deepEqual(session, s);
      const plan = getShot(reopened.db, 'x2')!.plan;
      assert.equal(plan.kind, 'sequence');
      assert.equal(plan.continuityMode, 'style-match');
      assert.equal(plan.styleStrength, 0.8);
      assert.equal(getShot(reopened.db, 'x3')!.plan.styleReferenceId, 'x1');
    } finally { reopened.close(); }
  });
});

test('reorder and delete are saved; rendered shots downstream become stale with a reason', async () => {
  await withProject(async (project, _dir, lookId) => {
    let s = createProjectSession(project, { lookId, name: 's' });
    for (const id of ['a', 'b', 'c']) s = addShot(s, { id, framing: 'wide', motion: 'static', mode: 'frame-bridge' });
    saveSession(project, s);
    // Render a and c (a current take is what "rendered" means).
    for (const id of ['a', 'b', 'c']) { const t = insertTake(project.db, { shotId: id }); setCurrentTake(project.db, id, t.id); }
    s = loadSession(project, s.id).session;
    assert.ok(s.shots.every((x) => x.rendered && !x.stale));
    s = saveSession(project, moveShot(s, 'c', 0)).session;
    assert.deepEqual(listSessionShots(project.db, s.id).map((r) => [r.id, r.position]), [['c', 0], ['a', 1], ['b', 2]]);
    assert.ok(s.shots.every((x) => x.stale), 'every shot after the change point no longer matches its predecessor');
    assert.equal(s.shots[1]!.staleReason, 'the shot order changed');
    s = saveSession(project, deleteShot(s, 'a')).session;
    assert.deepEqual(s.shots.map((x) => x.id), ['c', 'b']);
    assert.equal(getShot(project.db, 'a'), undefined, 'the row (and its takes) are gone');
  });
});

test('sessions and shots are found by id, name, number or label; misses name what exists', async () => {
  await withProject(async (project, _dir, lookId) => {
    let s = createProjectSession(project, { lookId, name: 'morning' });
    s = saveSession(project, addShot(addShot(s, { id: 'p', label: 'pour', framing: 'wide', motion: 'static', mode: 'frame-bridge' }), { id: 'q', label: 'mug', framing: 'close', motion: 'static', mode: 'style-match' })).session;
    assert.equal(findSession(project, 'morning').id, s.id);
    assert.equal(findSession(project, s.id).name, 'morning');
    assert.throws(() => findSession(project, 'evening'), (e: unknown) => e instanceof InputError && /"morning"/.test(e.message));
    assert.equal(findSessionShot(s, '2').id, 'q');
    assert.equal(findSessionShot(s, 'pour').id, 'p');
    assert.equal(findSessionShot(s, 'q').label, 'mug');
    assert.throws(() => findSessionShot(s, '3'), /no shot number 3/);
    assert.throws(() => findSessionShot(s, 'nope'), InputError);
    assert.throws(() => createProjectSession(project, { lookId: 'missing', name: 'x' }), /no look/);
    assert.throws(() => loadSession(project, 'missing'), /session not found/);
  });
});

test('a session shot plans as a sequence shot carrying its mode, strength and style reference', () => {
  const plan = sessionPlannedShot({ id: 's9', label: '', framing: 'close', motion: 'pan-left', mode: 'style-match', styleReferenceId: 's1', styleStrength: 0.95, characterReference: null, action: 'a smile', stale: false, staleReason: null, rendered: false }, 3);
  assert.equal(plan.label, 'shot 4');
  assert.equal(plan.index, 3);
  assert.deepEqual([plan.kind, plan.continuityMode, plan.styleStrength, plan.styleReferenceId, plan.deltas.length], ['sequence', 'style-match', 0.95, 's1', 0]);
  assert.equal(plan.session?.action, 'a smile');
});
