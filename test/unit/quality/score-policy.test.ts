import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thresholdsFor } from '../../../core/quality/thresholds.ts';
import { scoreMetrics, subScore, type TakeMetrics } from '../../../core/quality/score-metrics.ts';
import { rocAuc } from '../../../core/quality/roc-auc.ts';
import { cosineSimilarity } from '../../../core/quality/cosine.ts';
import type { Delta } from '../../../core/domain/shot.ts';

const NONE: TakeMetrics = { chromaticityDistance: null, abHistogramDistance: null, paletteDeltaE: null, histogramDistance: null, targetPaletteDeltaE: null, anchorStructure: null, bridgeSsim: null, flicker: null, lumaStep: null, drift: null, meanLightness: null, motion: null, semantic: null, identityDistance: null };
const metrics = (over: Partial<TakeMetrics> = {}): TakeMetrics => ({ ...NONE, chromaticityDistance: 0.1, abHistogramDistance: 0.1, paletteDeltaE: 2, histogramDistance: 0.1, flicker: 0.2, lumaStep: 0.5, drift: 1, meanLightness: 50, motion: 1, ...over });
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

test('an anchor fails on a colour cast and a weak bridge, with reasons that carry the values', () => {
  const { thresholds } = thresholdsFor('anchor');
  const r = scoreMetrics(metrics({ chromaticityDistance: 0.52, bridgeSsim: 0.62 }), thresholds);
  assert.equal(r.pass, false);
  assert.deepEqual(r.reasons.slice(0, 2), ['colour cast: chromaticity distance from the look 0.52 > 0.33', 'bridge SSIM 0.62 < 0.7']);
  assert.ok(r.score >= 0 && r.score <= 1);
  const good = scoreMetrics(metrics({ bridgeSsim: 0.92 }), thresholds);
  assert.equal(good.pass, true);
  assert.ok(good.score > r.score);
});

test('a palette-swap variant is judged against its target colours, not the look; undeclared checks stay', () => {
  const off = metrics({ chromaticityDistance: 0.7, abHistogramDistance: 0.7, paletteDeltaE: 14 });
  assert.equal(scoreMetrics(off, thresholdsFor('anchor').thresholds).pass, false);
  const swap = thresholdsFor('variant', [paletteDelta]);
  assert.equal(swap.thresholds.chromaticityDistance, null);
  assert.equal(swap.thresholds.targetPaletteDeltaE, 12);
  assert.match(swap.notes.join(), /target colours/);
  assert.equal(scoreMetrics({ ...off, targetPaletteDeltaE: 4, anchorStructure: 0.8 }, swap.thresholds).pass, true);
  const missed = scoreMetrics({ ...off, targetPaletteDeltaE: 25, anchorStructure: 0.8 }, swap.thresholds);
  assert.equal(missed.pass, false);
  assert.match(missed.reasons[0]!, /declared palette not reached: ΔE 25.0 > 12/);
  const otherSubject = scoreMetrics({ ...off, targetPaletteDeltaE: 4, anchorStructure: 0.2 }, swap.thresholds);
  assert.match(otherSubject.reasons[0]!, /structure vs the anchor/);
  assert.equal(thresholdsFor('variant', [propDelta]).thresholds.chromaticityDistance, 0.45);
  // Two deltas: each column takes the looser row; a declared target palette stays judged.
  const both = thresholdsFor('variant', [propDelta, cameraDelta]).thresholds;
  assert.equal(both.chromaticityDistance, 0.45);
  assert.equal(both.bridgeSsim, null);
  assert.equal(thresholdsFor('variant', [paletteDelta, cameraDelta]).thresholds.targetPaletteDeltaE, 12);
});

test('a seasonal swap is judged on colour (looser) and on structure against its anchor', () => {
  const { thresholds } = thresholdsFor('seasonal', [{ kind: 'motif', label: 'snow', motif: 'snow', season: 'winter' }]);
  assert.equal(thresholds.histogramDistance, null);
  assert.equal(thresholds.chromaticityDistance, 0.45);
  assert.equal(thresholds.anchorStructure, 0.4);
  assert.equal(scoreMetrics(metrics({ histogramDistance: 0.9, anchorStructure: 0.7 }), thresholds).pass, true);
  assert.equal(scoreMetrics(metrics({ chromaticityDistance: 0.6 }), thresholds).pass, false);
});

test('exposure problems fail a take outright and lead the reasons', () => {
  const { thresholds } = thresholdsFor('anchor');
  const fine = scoreMetrics(metrics(), thresholds);
  const dark = scoreMetrics(metrics(), thresholds, ['near-black: mean L* 3 (look 50), 97 % of pixels crushed']);
  assert.equal(dark.pass, false);
  assert.match(dark.reasons[0]!, /^near-black/);
  assert.ok(dark.score < fine.score / 2);
});

test('overrides win field by field; nothing measurable scores 0; near misses are reported', () => {
  const { thresholds } = thresholdsFor('anchor', [], { paletteDeltaE: 3 });
  assert.equal(scoreMetrics(metrics({ paletteDeltaE: 4 }), thresholds).pass, false);
  const none = scoreMetrics(NONE, thresholds);
  assert.deepEqual(none, { score: 0, pass: false, checks: [], reasons: ['no metric could be measured'] });
  const near = scoreMetrics(metrics({ chromaticityDistance: 0.3 }), thresholdsFor('anchor').thresholds);
  assert.equal(near.pass, true);
  assert.match(near.reasons.join(), /near the limit/);
});

test('rocAuc is the Mann–Whitney probability with ties counted half', () => {
  assert.equal(rocAuc([{ score: 0.9, positive: true }, { score: 0.1, positive: false }]), 1);
  assert.equal(rocAuc([{ score: 0.1, positive: true }, { score: 0.9, positive: false }]), 0);
  assert.equal(rocAuc([{ score: 0.5, positive: true }, { score: 0.5, positive: false }]), 0.5);
  assert.throws(() => rocAuc([{ score: 1, positive: true }]), /positives and negatives/);
});

test('cosineSimilarity (semantic metric and identity calibration): direction only, 0 for a zero vector', () => {
  assert.equal(cosineSimilarity([1, 2, 3], [2, 4, 6]), 1);
  assert.equal(cosineSimilarity([1, 0], [0, 5]), 0);
  assert.ok(Math.abs(cosineSimilarity(new Float32Array([1, 1]), [1, 0]) - Math.SQRT1_2) < 1e-6);
  assert.equal(cosineSimilarity([0, 0], [1, 1]), 0, 'no direction: 0, never NaN');
});
