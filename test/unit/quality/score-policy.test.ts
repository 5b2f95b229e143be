import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thresholdsFor } from '../../../core/quality/thresholds.ts';
import { scoreMetrics, subScore, type TakeMetrics } from '../../../core/quality/score-metrics.ts';
import { rocAuc } from '../../../core/quality/roc-auc.ts';
import type { Delta } from '../../../core/domain/shot.ts';

const metrics = (over: Partial<TakeMetrics> = {}): TakeMetrics => ({ paletteDeltaE: 2, histogramDistance: 0.1, bridgeSsim: null, flicker: 0.2, lumaStep: 0.5, drift: 1, semantic: null, ...over });
const paletteDelta: Delta = { kind: 'palette', label: 'teal', hueShiftDeg: 120, saturation: 1, brightness: 0, targetHex: ['#00aaaa'] };
const propDelta: Delta = { kind: 'prop', label: 'mug', prop: 'mug' };
const cameraDelta: Delta = { kind: 'camera', label: 'push', motion: 'push-in' };

test('sub-scores: 1 at perfect, 0.5 at the threshold, 0 at twice the distance', () => {
  assert.equal(subScore('paletteDeltaE', 0, 6), 1);
  assert.equal(subScore('paletteDeltaE', 6, 6), 0.5);
  assert.equal(subScore('paletteDeltaE', 12, 6), 0);
  assert.equal(subScore('bridgeSsim', 1, 0.7), 1);
  assert.ok(Math.abs(subScore('bridgeSsim', 0.7, 0.7) - 0.5) < 1e-12);
  assert.equal(subScore('bridgeSsim', 0.3, 0.7), 0);
});

test('an anchor fails on palette drift and a weak bridge, with reasons in the issue\'s wording', () => {
  const { thresholds } = thresholdsFor('anchor');
  const r = scoreMetrics(metrics({ paletteDeltaE: 9.1, bridgeSsim: 0.62 }), thresholds);
  assert.equal(r.pass, false);
  assert.deepEqual(r.reasons.slice(0, 2), ['palette drift ΔE 9.1 > 6', 'bridge SSIM 0.62 < 0.7']);
  assert.ok(r.score >= 0 && r.score <= 1);
  const good = scoreMetrics(metrics({ bridgeSsim: 0.92 }), thresholds);
  assert.equal(good.pass, true);
  assert.ok(good.score > r.score);
});

test('a palette-swap variant is not failed on palette; a prop variant gets a looser palette limit', () => {
  const off = metrics({ paletteDeltaE: 14, histogramDistance: 0.6 });
  assert.equal(scoreMetrics(off, thresholdsFor('anchor').thresholds).pass, false);
  const swap = thresholdsFor('variant', [paletteDelta]);
  assert.equal(swap.thresholds.paletteDeltaE, null);
  assert.match(swap.notes.join(), /palette/);
  assert.equal(scoreMetrics(off, swap.thresholds).pass, true);
  assert.equal(thresholdsFor('variant', [propDelta]).thresholds.paletteDeltaE, 8);
  // Two deltas: each column takes the looser row.
  const both = thresholdsFor('variant', [propDelta, cameraDelta]).thresholds;
  assert.equal(both.paletteDeltaE, 8);
  assert.equal(both.bridgeSsim, null);
});

test('a seasonal swap is judged on palette and structure, not on props (histogram)', () => {
  const { thresholds } = thresholdsFor('seasonal', [{ kind: 'motif', label: 'snow', motif: 'snow', season: 'winter' }]);
  assert.equal(thresholds.histogramDistance, null);
  assert.equal(thresholds.paletteDeltaE, 8);
  assert.equal(thresholds.bridgeSsim, 0.5);
  assert.equal(scoreMetrics(metrics({ histogramDistance: 0.9 }), thresholds).pass, true);
  assert.equal(scoreMetrics(metrics({ paletteDeltaE: 12 }), thresholds).pass, false);
});

test('overrides win field by field; nothing measurable scores 0; near misses are reported', () => {
  const { thresholds } = thresholdsFor('anchor', [], { paletteDeltaE: 3 });
  assert.equal(scoreMetrics(metrics({ paletteDeltaE: 4 }), thresholds).pass, false);
  const none = scoreMetrics({ paletteDeltaE: null, histogramDistance: null, bridgeSsim: null, flicker: null, lumaStep: null, drift: null, semantic: null }, thresholds);
  assert.deepEqual(none, { score: 0, pass: false, reasons: ['no metric could be measured'] });
  const near = scoreMetrics(metrics({ paletteDeltaE: 5.5 }), thresholdsFor('anchor').thresholds);
  assert.equal(near.pass, true);
  assert.match(near.reasons.join(), /near the limit/);
});

test('rocAuc is the Mann–Whitney probability with ties counted half', () => {
  assert.equal(rocAuc([{ score: 0.9, positive: true }, { score: 0.1, positive: false }]), 1);
  assert.equal(rocAuc([{ score: 0.1, positive: true }, { score: 0.9, positive: false }]), 0);
  assert.equal(rocAuc([{ score: 0.5, positive: true }, { score: 0.5, positive: false }]), 0.5);
  assert.throws(() => rocAuc([{ score: 1, positive: true }]), /positives and negatives/);
});
