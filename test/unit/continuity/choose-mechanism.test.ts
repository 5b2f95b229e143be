import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseMechanism, type MechanismContext } from '../../../core/continuity/choose-mechanism.ts';
import { InputError } from '../../../core/domain/errors.ts';

const base: MechanismContext = {
  shot: { id: 's1', kind: 'anchor', continuityMode: 'native', characterReference: null },
  model: { id: 'm', provider: 'p', startImage: true, referenceImages: 0, seed: true },
  previousTakeAvailable: false,
  seedInheritable: true,
};

test('native reference wins when the model takes reference images', () => {
  const c = chooseMechanism({ ...base, model: { ...base.model, referenceImages: 3 } });
  assert.equal(c.mechanism, 'native-reference');
  assert.deepEqual(c.alsoUsed, ['seed-persistence']);
  assert.ok(c.fallbacks.includes('style-keyframe'));
});

test('frame bridge for a frame-bridge shot with a previous take, even on a reference-capable model', () => {
  const c = chooseMechanism({ ...base, shot: { ...base.shot, continuityMode: 'frame-bridge' }, previousTakeAvailable: true, model: { ...base.model, referenceImages: 3 } });
  assert.equal(c.mechanism, 'frame-bridge');
});

test('identity keyframe when a character reference is set, style keyframe otherwise', () => {
  assert.equal(chooseMechanism({ ...base, shot: { ...base.shot, characterReference: 'ref-2' } }).mechanism, 'identity-keyframe');
  assert.equal(chooseMechanism(base).mechanism, 'style-keyframe');
});

test('seed persistence rides along only when inheritable and the model takes a seed', () => {
  assert.deepEqual(chooseMechanism({ ...base, seedInheritable: false }).alsoUsed, []);
  assert.deepEqual(chooseMechanism({ ...base, model: { ...base.model, seed: false } }).alsoUsed, []);
});

test('escalation skips excluded mechanisms', () => {
  const c = chooseMechanism({ ...base, model: { ...base.model, referenceImages: 2 }, exclude: ['native-reference'] });
  assert.equal(c.mechanism, 'style-keyframe');
});

test('a model with no image input is refused, never a text-only fallback', () => {
  assert.throws(() => chooseMechanism({ ...base, model: { ...base.model, startImage: false, referenceImages: 0 } }), (e: unknown) => e instanceof InputError && /no image input/.test(e.message));
});
