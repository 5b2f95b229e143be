import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { planMatrix } from '../../../core/plan/plan-matrix.ts';
import { validateMatrix } from '../../../core/plan/validate-matrix.ts';
import { matrixShape, TIERS } from '../../../core/plan/tiers.ts';
import { draftCanonOffline } from '../../../core/canon/draft-canon-offline.ts';
import { InputError } from '../../../core/domain/errors.ts';
import type { PlannedShot } from '../../../core/domain/shot.ts';
import { makeLook } from './look-fixture.ts';

const look = makeLook();
const canon = draftCanonOffline(look, []);

/** The rules restated independently of validateMatrix, so the planner is checked twice. */
function checkRules(shots: PlannedShot[], clips: number, anchors: number): void {
  assert.equal(shots.length, clips);
  const a = shots.filter((s) => s.kind === 'anchor');
  assert.equal(a.length, matrixShape(clips, anchors).anchors);
  assert.equal(new Set(a.map((s) => s.framing)).size, a.length, 'anchors use distinct framings');
  const kinds = shots.map((s) => s.kind);
  assert.deepEqual(kinds, [...kinds].sort((x, y) => ['anchor', 'variant', 'seasonal'].indexOf(x) - ['anchor', 'variant', 'seasonal'].indexOf(y)), 'timeline order');
  for (const s of shots) {
    if (s.kind === 'variant') {
      assert.ok(s.deltas.length >= 1 && s.deltas.length <= 2, `${s.id} has ${s.deltas.length} deltas`);
      assert.ok(s.deltas.every((d) => ['palette', 'prop', 'scene', 'camera'].includes(d.kind)));
    }
    if (s.kind === 'seasonal') {
      assert.ok(s.deltas.every((d) => d.kind === 'motif' || d.kind === 'prop'), `${s.id} seasonal deltas`);
      const parent = shots.find((p) => p.id === s.parentId)!;
      assert.equal(s.framing, parent.framing);
      assert.equal(s.motion, parent.motion);
    }
  }
  for (const x of a) assert.ok(shots.some((s) => s.kind === 'variant' && s.parentId === x.id), `${x.id} has variants`);
  const keys = shots.map((s) => JSON.stringify([s.parentId, s.framing, s.motion, s.deltas]));
  assert.equal(new Set(keys).size, keys.length, 'no duplicate clip');
}

test('the default look plans 12 clips: 3 anchors, variants, seasonal swaps', () => {
  const shots = planMatrix({ look, canon, seed: 1 });
  checkRules(shots, 12, 3);
  assert.deepEqual(shots.map((s) => s.kind).filter((k) => k === 'seasonal').length, 3);
  assert.deepEqual(shots.filter((s) => s.kind === 'anchor').map((s) => s.framing), ['wide', 'medium', 'close']);
});

test('deterministic for a seed, different across seeds', () => {
  const a = planMatrix({ look, canon, seed: 42 });
  assert.equal(JSON.stringify(a), JSON.stringify(planMatrix({ look, canon, seed: 42 })));
  const others = [1, 2, 3, 4].map((seed) => JSON.stringify(planMatrix({ look, canon, seed })));
  assert.ok(others.some((o) => o !== JSON.stringify(a)));
});

test('tier presets plan valid matrices', () => {
  for (const tier of Object.values(TIERS)) checkRules(planMatrix({ look, canon, clips: tier.clips, anchors: tier.anchors, seed: 5 }), tier.clips, tier.anchors);
});

test('property: every plan satisfies the matrix rules for every N in 8–20', () => {
  fc.assert(fc.property(fc.integer({ min: 8, max: 20 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (clips, anchors, seed) => {
    const shots = planMatrix({ look, canon, clips, anchors, seed });
    checkRules(shots, clips, anchors);
    validateMatrix(shots);
  }), { numRuns: 60 });
});

test('bad clip counts are bad input', () => {
  assert.throws(() => planMatrix({ look, canon, clips: 7 }), (e: unknown) => e instanceof InputError && /clips must be .* 8 to 20, got 7/.test(e.message));
});

test('validateMatrix says which clip broke which rule', () => {
  const good = planMatrix({ look, canon, seed: 1 });
  const v = good.findIndex((s) => s.kind === 'variant');
  const three = good.map((s, i) => (i === v ? { ...s, deltas: [...s.deltas, { kind: 'scene' as const, label: 'x', change: 'x' }, { kind: 'camera' as const, label: 'y', motion: 'static' as const }] } : s));
  assert.throws(() => validateMatrix(three), (e: unknown) => e instanceof InputError && new RegExp(`clip ${v} \\(${good[v]!.id}\\)`).test(e.message));
  const s = good.findIndex((x) => x.kind === 'seasonal');
  const paletteSeasonal = good.map((x, i) => (i === s ? { ...x, deltas: [x.deltas[0]!, { kind: 'palette' as const, label: 'p', hueShiftDeg: 10, saturation: 1, brightness: 0, targetHex: ['#000000'] }] } : x));
  assert.throws(() => validateMatrix(paletteSeasonal), /a seasonal may only carry motif\/prop deltas, has a palette delta/);
  const dup = good.map((x, i) => (i === v + 1 ? { ...good[v]!, id: 'copy', index: i } : x));
  assert.throws(() => validateMatrix(dup), /duplicate clip/);
  const lonely = good.filter((x) => !(x.kind === 'variant' && x.parentId === 'a3')).map((x, index) => ({ ...x, index }));
  assert.throws(() => validateMatrix(lonely, { checkCount: false }), /clip 2 \(a3\): every anchor needs at least one variant/);
});
