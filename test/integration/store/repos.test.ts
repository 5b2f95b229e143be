import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openProject, type Project } from '../../../core/store/open-project.ts';
import { addReference, deleteLook, getCanonVersion, getLook, getLookByName, listCanonVersions, listLooks, listReferences, saveCanonVersion, saveLook, setReferenceAnalysis, setReferences } from '../../../core/store/looks-repo.ts';
import { getShot, insertShot, listSessionShots, listShots, replaceLookShots, setShotStatus, setShotsStale } from '../../../core/store/shots-repo.ts';
import { createSession } from '../../../core/store/sessions-repo.ts';
import { getTake, insertTake, listTakes, setCurrentTake, setTakeReview, setTakeScores, updateTake } from '../../../core/store/takes-repo.ts';
import { deleteSetting, getSetting, listSettings, setSetting } from '../../../core/store/settings-repo.ts';
import { getAsset, recordAsset } from '../../../core/store/assets-repo.ts';
import { InputError } from '../../../core/domain/errors.ts';
import type { LookFile } from '../../../core/domain/look.ts';
import type { Canon } from '../../../core/domain/canon.ts';
import type { PlannedShot } from '../../../core/domain/shot.ts';
import { makeTempDir } from '../../helpers/make-clips.ts';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
let project: Project;
before(async () => { ({ dir, cleanup } = await makeTempDir('repos')); project = openProject(join(dir, 'p'), { create: true }); });
after(async () => { project.close(); await cleanup(); });

const look = (name: string) => ({ schemaVersion: 1, name, brief: 'b', references: [{ path: 'a.png', role: 'style', approved: true }] } as unknown as LookFile);
const plan = (id: string, index: number) => ({ id, index, kind: 'anchor', parentId: null, framing: 'wide', motion: 'static', deltas: [], continuityMode: 'native', styleStrength: 0.6, styleReferenceId: null, characterReference: null, label: id } as PlannedShot);
const SHA = 'a'.repeat(64);

test('looks: save, update, unique names, list, get by name, delete', () => {
  const db = project.db;
  const a = saveLook(db, { look: look('Summer') });
  assert.equal(getLook(db, a.id)!.look.name, 'Summer');
  saveLook(db, { id: a.id, look: look('Summer 2') });
  assert.equal(getLookByName(db, 'Summer 2')!.id, a.id);
  saveLook(db, { look: look('Winter') });
  assert.throws(() => saveLook(db, { look: look('Winter') }), (e: unknown) => e instanceof InputError && /"Winter" already exists/.test(e.message));
  assert.deepEqual(listLooks(db).map((l) => l.look.name).sort(), ['Summer 2', 'Winter']);
  assert.equal(deleteLook(db, getLookByName(db, 'Winter')!.id), true);
});

test('references and canon versions', () => {
  const db = project.db;
  const l = saveLook(db, { look: look('Refs') });
  setReferences(db, l.id, [{ assetSha256: SHA, role: 'style' }, { assetSha256: SHA, role: 'set', approved: false, label: 'room' }]);
  const added = addReference(db, l.id, { assetSha256: SHA, role: 'product' });
  assert.equal(added.position, 2);
  setReferenceAnalysis(db, added.id, { palette: ['#ffffff'] });
  const refs = listReferences(db, l.id);
  assert.deepEqual(refs.map((r) => [r.role, r.approved, r.position]), [['style', true, 0], ['set', false, 1], ['product', true, 2]]);
  assert.deepEqual(refs[2]!.analysis, { palette: ['#ffffff'] });
  const c1 = { style: { era: '1970s' } } as unknown as Canon;
  assert.equal(saveCanonVersion(db, l.id, c1, 'drafted'), 1);
  assert.equal(saveCanonVersion(db, l.id, { ...c1, note: 2 } as unknown as Canon, 'edited'), 2);
  assert.equal(getCanonVersion(db, l.id)!.version, 2);
  assert.deepEqual(getCanonVersion(db, l.id, 1)!.canon, c1);
  assert.deepEqual(listCanonVersions(db, l.id).map((v) => v.source), ['drafted', 'edited']);
});

test('shots, sessions, takes: attempts count up, scores, review, current take checks ownership', () => {
  const db = project.db;
  const l = saveLook(db, { look: look('Shots') });
  replaceLookShots(db, l.id, [{ plan: plan('s0', 0) }, { plan: plan('s1', 1) }]);
  assert.deepEqual(listShots(db, l.id).map((s) => s.id), ['s0', 's1']);
  const session = createSession(db, { lookId: l.id, name: 'Seq' });
  insertShot(db, l.id, { plan: plan('q0', 0), sessionId: session.id });
  assert.deepEqual(listSessionShots(db, session.id).map((s) => s.id), ['q0']);
  assert.equal(listShots(db, l.id).length, 2, 'session shots are not matrix shots');
  setShotStatus(db, 's0', 'review');
  setShotsStale(db, ['s0', 's1'], true);
  assert.deepEqual([getShot(db, 's0')!.status, getShot(db, 's1')!.stale], ['review', true]);

  const t1 = insertTake(db, { shotId: 's0', pack: { prompt: 'x' }, mechanism: 'frame-bridge' });
  const t2 = insertTake(db, { shotId: 's0' });
  assert.deepEqual([t1.attempt, t2.attempt, insertTake(db, { shotId: 's1' }).attempt], [1, 2, 1]);
  updateTake(db, t1.id, { state: 'succeeded', outputSha256: SHA });
  setTakeScores(db, t1.id, { score: 0.91, pass: true, reasons: ['ok'] });
  assert.throws(() => setTakeReview(db, t1.id, 'approved'), /needs who gave it/, 'an approval without its author is refused');
  setTakeReview(db, t1.id, 'approved', { by: 'person', action: 'review screen: approve', at: '2026-02-03T04:05:06.000Z' });
  assert.deepEqual((({ reviewBy, reviewAt, reviewAction }) => ({ reviewBy, reviewAt, reviewAction }))(getTake(db, t1.id)!),
    { reviewBy: 'person', reviewAt: '2026-02-03T04:05:06.000Z', reviewAction: 'review screen: approve' });
  const got = getTake(db, t1.id)!;
  assert.deepEqual([got.state, got.outputSha256, got.score, got.pass, got.reasons, got.review, got.pack], ['succeeded', SHA, 0.91, true, ['ok'], 'approved', { prompt: 'x' }]);
  assert.equal(got.mechanism, 'frame-bridge', 'fields not in the patch are untouched');
  setCurrentTake(db, 's0', t2.id);
  assert.equal(getShot(db, 's0')!.currentTakeId, t2.id);
  assert.throws(() => setCurrentTake(db, 's1', t1.id), (e: unknown) => e instanceof InputError && /belongs to shot s0/.test(e.message));
  assert.throws(() => setTakeReview(db, t1.id, 'maybe' as never), InputError);
  setTakeReview(db, t1.id, 'pending');
  assert.deepEqual([getTake(db, t1.id)!.reviewBy, getTake(db, t1.id)!.reviewAt], [null, null], 'back to pending clears who decided');
  assert.deepEqual(listTakes(db, 's0').map((t) => t.attempt), [1, 2]);
});

test('settings and asset rows', () => {
  const db = project.db;
  setSetting(db, 'ui.theme', 'dark');
  setSetting(db, 'budget', { usd: 20 });
  setSetting(db, 'ui.theme', 'light');
  assert.equal(getSetting<string>(db, 'ui.theme'), 'light');
  assert.deepEqual(listSettings(db), { budget: { usd: 20 }, 'ui.theme': 'light' });
  assert.equal(deleteSetting(db, 'budget'), true);
  assert.equal(getSetting(db, 'budget'), undefined);
  recordAsset(db, { sha256: SHA, ext: 'png', bytes: 10 }, 'image');
  recordAsset(db, { sha256: SHA, ext: 'png', bytes: 10 }, 'image');
  assert.equal(getAsset(db, SHA)!.kind, 'image');
});
