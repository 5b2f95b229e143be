import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { nextAttempt, type Attempt, type GateOptions } from '../../../core/quality/gate-policy.ts';
import { InputError } from '../../../core/domain/errors.ts';
import { MECHANISMS, type Mechanism } from '../../../core/domain/shot.ts';

const fail = (over: Partial<Attempt> = {}): Attempt => ({ pass: false, score: 0.3, reasons: ['palette drift ΔE 9.1 > 6'], mechanism: 'style-keyframe', seed: 1, styleStrength: 0.6, ...over });
const opts = (over: Partial<GateOptions> = {}): GateOptions => ({ maxRetries: 5, budgetLeftUsd: 10, costPerAttemptUsd: 1, mechanisms: ['style-keyframe', 'seed-persistence'], ...over });

test('accepts the best passing take, even when a later one also passed', () => {
  const history = [fail(), { ...fail(), pass: true, score: 0.9, reasons: [] }, { ...fail(), pass: true, score: 0.7, reasons: [] }];
  assert.deepEqual(nextAttempt(history, opts()), { action: 'accept', takeIndex: 1, score: 0.9 });
});

test('escalates new seed → stronger style → next mechanism, then cycles', () => {
  const h: Attempt[] = [fail()];
  const seen: string[] = [];
  for (let i = 0; i < 5; i++) {
    const d = nextAttempt(h, opts({ maxRetries: 10 }));
    assert.equal(d.action, 'retry');
    if (d.action !== 'retry') return;
    seen.push(d.change);
    h.push(fail({ seed: d.seed, styleStrength: d.styleStrength, mechanism: d.mechanism }));
  }
  assert.deepEqual(seen, ['new-seed', 'stronger-style', 'next-mechanism', 'new-seed', 'stronger-style']);
  assert.equal(h[1]!.seed, 2);
  assert.equal(h[2]!.styleStrength, 0.8);
  assert.equal(h[3]!.mechanism, 'seed-persistence');
  assert.equal(h[5]!.styleStrength, 0.95);
});

test('skips steps that cannot apply: strength already exact, no further mechanism', () => {
  const h = [fail({ styleStrength: 0.95, mechanism: 'seed-persistence' }), fail({ styleStrength: 0.95, mechanism: 'seed-persistence', seed: 2 })];
  const d = nextAttempt(h, opts());
  assert.equal(d.action, 'retry');
  if (d.action === 'retry') { assert.equal(d.change, 'new-seed'); assert.equal(d.seed, 3); }
});

test('a stronger style is skipped when it would not change the inputs (a keyframe cut from a look reference)', () => {
  const history = [fail(), fail({ seed: 2 })];
  const used = nextAttempt(history, opts({ mechanisms: ['style-keyframe', 'frame-bridge'] }));
  assert.equal(used.action === 'retry' && used.change, 'stronger-style');
  const skipped = nextAttempt(history, opts({ mechanisms: ['style-keyframe', 'frame-bridge'], strengthApplies: (m) => m !== 'style-keyframe' }));
  assert.equal(skipped.action === 'retry' && skipped.change, 'next-mechanism');
  assert.equal(skipped.action === 'retry' && skipped.mechanism, 'frame-bridge');
});

test('a step whose inputs came out identical to an earlier attempt is not made: the next step is taken, and with none left the shot goes to review', () => {
  // A seedless model on a frame bridge: a "new seed" retry re-sends the same request.
  const history = [fail({ mechanism: 'frame-bridge', seed: null })];
  const o = opts({ mechanisms: ['frame-bridge', 'style-keyframe'], strengthApplies: (m) => m !== 'frame-bridge' });
  assert.equal((nextAttempt(history, o) as { change: string }).change, 'new-seed');
  const after = nextAttempt(history, { ...o, unchanged: ['new-seed'] });
  assert.equal(after.action, 'retry');
  if (after.action === 'retry') assert.deepEqual([after.change, after.mechanism], ['next-mechanism', 'style-keyframe']);
  const none = nextAttempt([fail({ mechanism: 'style-keyframe', seed: null })], { ...o, unchanged: ['new-seed', 'stronger-style'] });
  assert.equal(none.action, 'review');
  if (none.action === 'review') assert.match(none.reasons.at(-1)!, /no retry would change the inputs: new-seed, stronger-style gave the inputs of an earlier attempt/);
});

test('review with reasons at the retry limit or when the budget cannot pay another attempt', () => {
  const limit = nextAttempt([fail({ score: 0.2 }), fail({ score: 0.4, reasons: ['bridge SSIM 0.62 < 0.7'] })], opts({ maxRetries: 1 }));
  assert.equal(limit.action, 'review');
  if (limit.action === 'review') {
    assert.equal(limit.bestTakeIndex, 1);
    assert.equal(limit.reasons[0], 'bridge SSIM 0.62 < 0.7');
    assert.match(limit.reasons.at(-1)!, /retry limit/);
  }
  const broke = nextAttempt([fail()], opts({ budgetLeftUsd: 0.5 }));
  assert.equal(broke.action, 'review');
  if (broke.action === 'review') assert.match(broke.reasons.at(-1)!, /budget left \$0\.50/);
});

test('bad options are InputErrors naming the field', () => {
  assert.throws(() => nextAttempt([], opts()), InputError);
  assert.throws(() => nextAttempt([fail()], opts({ maxRetries: -1 })), /maxRetries/);
  assert.throws(() => nextAttempt([fail()], opts({ budgetLeftUsd: Number.NaN })), /budgetLeftUsd/);
});

test('property: a simulated gate loop never exceeds the retry limit or the budget, and ends in accept or review', () => {
  const mech = fc.constantFrom(...MECHANISMS);
  fc.assert(fc.property(
    fc.integer({ min: 0, max: 8 }),
    fc.double({ min: 0, max: 20, noNaN: true }),
    fc.double({ min: 0, max: 5, noNaN: true }),
    fc.uniqueArray(mech, { minLength: 1, maxLength: 5 }),
    fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    fc.constantFrom(0.4, 0.6, 0.8, 0.95),
    fc.option(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { nil: null }),
    (maxRetries, budget, cost, mechanisms, passes, strength, seed) => {
      let budgetLeft = budget - cost; // the first attempt is paid before the gate is asked
      const h: Attempt[] = [{ pass: passes[0]!, score: passes[0] ? 0.8 : 0.2, reasons: passes[0] ? [] : ['x'], mechanism: mechanisms[0] as Mechanism, seed, styleStrength: strength }];
      for (;;) {
        const d = nextAttempt(h, { maxRetries, budgetLeftUsd: budgetLeft, costPerAttemptUsd: cost, mechanisms });
        if (d.action === 'accept') { assert.ok(h[d.takeIndex]!.pass); return; }
        if (d.action === 'review') { assert.ok(h.every((a) => !a.pass)); assert.ok(d.reasons.length > 0); return; }
        assert.ok(h.length - 1 < maxRetries, 'retry beyond the limit');
        assert.ok(budgetLeft + 1e-9 >= cost, 'retry beyond the budget');
        assert.ok(mechanisms.includes(d.mechanism) || d.mechanism === h[0]!.mechanism);
        assert.ok(d.styleStrength >= h.at(-1)!.styleStrength && d.styleStrength <= 0.95);
        if (d.change === 'new-seed' && d.seed !== null) assert.ok(!h.some((a) => a.seed === d.seed), 'seed reused');
        budgetLeft -= cost;
        const pass = passes[h.length % passes.length]!;
        h.push({ pass, score: pass ? 0.8 : 0.2, reasons: pass ? [] : ['x'], mechanism: d.mechanism, seed: d.seed, styleStrength: d.styleStrength });
        assert.ok(h.length <= maxRetries + 1);
        assert.ok(budgetLeft >= -1e-9, 'spent more than the budget');
      }
    },
  ), { numRuns: 300 });
});
