import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addShot, deleteShot, dependentsOf, markRegenerated, moveShot, SessionSchema, styleSourceOf, type ContinuitySession } from '../../../core/continuity/session.ts';
import { InputError } from '../../../core/domain/errors.ts';

function fiveShots(): ContinuitySession {
  let s = SessionSchema.parse({ id: 'x', name: 'Night market', shots: [] });
  s = addShot(s, { id: 'a', framing: 'wide', motion: 'push-in', mode: 'style-match' });
  s = addShot(s, { id: 'b', framing: 'wide', motion: 'drift', mode: 'frame-bridge' });
  s = addShot(s, { id: 'c', framing: 'close', motion: 'static', mode: 'style-match' });
  s = addShot(s, { id: 'd', framing: 'medium', motion: 'pan-left', mode: 'style-match', styleReferenceId: 'a' });
  s = addShot(s, { id: 'e', framing: 'medium', motion: 'pan-left', mode: 'frame-bridge' });
  return { ...s, shots: s.shots.map((x) => ({ ...x, rendered: true })) };
}

test('style source: previous shot by default, styleReferenceId for a flashback', () => {
  const s = fiveShots();
  assert.equal(styleSourceOf(s, 'a'), null);
  assert.equal(styleSourceOf(s, 'b'), 'a');
  assert.equal(styleSourceOf(s, 'd'), 'a');
  assert.equal(styleSourceOf(s, 'e'), 'd');
});

test('regenerating a shot marks later dependent shots stale and says why', () => {
  const { session, staled } = markRegenerated(fiveShots(), 'b');
  assert.deepEqual(staled, ['c']);
  const c = session.shots.find((x) => x.id === 'c')!;
  assert.equal(c.stale, true);
  assert.match(c.staleReason!, /"b" was regenerated/);
  assert.equal(session.shots.find((x) => x.id === 'd')!.stale, false, 'd inherits from a, not from b');
  assert.deepEqual(dependentsOf(fiveShots(), 'a').sort(), ['b', 'c', 'd', 'e']);
});

test('styleReferenceId must point at an earlier shot', () => {
  const s = fiveShots();
  assert.throws(() => moveShot(s, 'd', 0), InputError);
  assert.throws(() => addShot(s, { id: 'z', framing: 'wide', motion: 'static', mode: 'style-match', styleReferenceId: 'nope' }), /not an earlier shot/);
});

test('reorder and delete mark downstream shots stale; deleting a style source clears the link', () => {
  const moved = moveShot(fiveShots(), 'c', 1);
  assert.deepEqual(moved.shots.map((x) => x.id), ['a', 'c', 'b', 'd', 'e']);
  assert.equal(moved.shots[0]!.stale, false);
  assert.ok(moved.shots.slice(1).every((x) => x.stale));
  const del = deleteShot(fiveShots(), 'a');
  assert.equal(del.shots.find((x) => x.id === 'd')!.styleReferenceId, null);
});
