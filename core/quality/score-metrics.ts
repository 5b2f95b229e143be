/**
 * Metrics + thresholds → continuity score in [0, 1], pass/fail and the reasons that moved it.
 * Pure, so the policy is tested without decoding anything.
 *
 * Each judged metric maps to a sub-score that is 1 at perfect, 0.5 exactly at its threshold and
 * 0 at twice the distance (linear, clamped); the score is their weighted mean over the metrics
 * that were measured and judged. Colour carries the most weight because it is what drifts first
 * across generated clips; within colour the split chromaticity 0.45 : a*b* 0.45 : palette 0.1 is the
 * one with the widest separation margin on the tuning part of the real-photo set (docs/gate-v2.md).
 * Flicker and drift are within-clip defects, weighted lower. An exposure problem (near-black,
 * blown-out, blank, frozen) fails the take outright and quarters its score.
 */
import { LOWER_IS_BETTER, type JudgedMetric, type Thresholds } from './thresholds.ts';

/** Every metric the gate knows; null = not measured (e.g. no previous take for a bridge). */
export type TakeMetrics = {
  /** Log-chromaticity histogram distance from the look (look-stats.ts). */
  chromaticityDistance: number | null;
  /** a*b* histogram distance from the look. */
  abHistogramDistance: number | null;
  paletteDeltaE: number | null;
  /** 3-D Lab histogram distance: reported, not judged by default. */
  histogramDistance: number | null;
  /** Declared palette delta: mean ΔE2000 from each target colour to the take. */
  targetPaletteDeltaE: number | null;
  /** Equalised-luma SSIM against the parent anchor's take. */
  anchorStructure: number | null;
  bridgeSsim: number | null;
  flicker: number | null;
  /** Mean frame-to-frame |Δ mean luma| (0..255), reported, not judged. */
  lumaStep: number | null;
  drift: number | null;
  /** Mean L* of the pooled frames (exposure), reported. */
  meanLightness: number | null;
  /** Mean |Δ luma| between consecutive frames (0 = frozen), reported. */
  motion: number | null;
  semantic: number | null;
  /** Face descriptor distance from the shot's character reference (identity/judge-identity.ts). */
  identityDistance: number | null;
};

/** One judged metric: its value next to its limit and the reason it gave (if any). */
export interface MetricCheck {
  metric: string;
  value: number;
  limit: number;
  pass: boolean;
  /** The failure or near-miss sentence; null when the value is comfortably within the limit. */
  reason: string | null;
}

export interface ScoreResult {
  score: number;
  pass: boolean;
  /** Every judged metric with its value, limit and reason (the review screen and audit show these). */
  checks: MetricCheck[];
  /** Failures first ("palette drift ΔE 9.1 > 6"), then near misses. */
  reasons: string[];
}

const WEIGHTS: Record<JudgedMetric, number> = {
  chromaticityDistance: 0.27,
  abHistogramDistance: 0.27,
  paletteDeltaE: 0.06,
  histogramDistance: 0.1,
  targetPaletteDeltaE: 0.4,
  anchorStructure: 0.3,
  bridgeSsim: 0.25,
  flicker: 0.1,
  drift: 0.1,
  semantic: 0.2,
  identityDistance: 0.3,
};

const LABEL: Record<JudgedMetric, (v: string, op: string, t: string) => string> = {
  chromaticityDistance: (v, op, t) => `colour cast: chromaticity distance from the look ${v} ${op} ${t}`,
  abHistogramDistance: (v, op, t) => `a*b* histogram distance from the look ${v} ${op} ${t}`,
  targetPaletteDeltaE: (v, op, t) => `declared palette not reached: ΔE ${v} ${op} ${t} from its target colours`,
  anchorStructure: (v, op, t) => `structure vs the anchor's take (subject/layout) SSIM ${v} ${op} ${t}`,
  paletteDeltaE: (v, op, t) => `palette drift ΔE ${v} ${op} ${t}`,
  histogramDistance: (v, op, t) => `Lab histogram distance ${v} ${op} ${t}`,
  bridgeSsim: (v, op, t) => `bridge SSIM ${v} ${op} ${t}`,
  flicker: (v, op, t) => `flicker ${v} L* ${op} ${t}`,
  drift: (v, op, t) => `colour drift first→last ΔE ${v} ${op} ${t}`,
  semantic: (v, op, t) => `semantic similarity ${v} ${op} ${t}`,
  identityDistance: (v, op, t) => `${op === '>' ? 'a different person: ' : ''}face distance from the character reference ${v} ${op} ${t}`,
};

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Sub-score of one metric: 1 perfect, 0.5 at the threshold, 0 at twice the distance. */
export function subScore(metric: JudgedMetric, value: number, threshold: number): number {
  if (LOWER_IS_BETTER.has(metric)) return threshold <= 0 ? (value <= 0 ? 1 : 0) : clamp01(1 - value / (2 * threshold));
  const room = 1 - threshold;
  return room <= 0 ? (value >= 1 ? 1 : 0) : clamp01(0.5 + (value - threshold) / (2 * room));
}

function fmt(metric: JudgedMetric, x: number): string {
  return metric === 'paletteDeltaE' || metric === 'targetPaletteDeltaE' || metric === 'drift' || metric === 'flicker' ? x.toFixed(1) : x.toFixed(2);
}

/** Score measured metrics against thresholds (see thresholds.ts for the policy table). */
export function scoreMetrics(metrics: TakeMetrics, thresholds: Thresholds, problems: readonly string[] = []): ScoreResult {
  let weighted = 0;
  let total = 0;
  const failures: string[] = [];
  const nearMisses: string[] = [];
  const checks: MetricCheck[] = [];
  for (const metric of Object.keys(WEIGHTS) as JudgedMetric[]) {
    const value = metrics[metric];
    const limit = thresholds[metric];
    if (value === null || limit === null || !Number.isFinite(value)) continue;
    const s = subScore(metric, value, limit);
    weighted += WEIGHTS[metric] * s;
    total += WEIGHTS[metric];
    const lower = LOWER_IS_BETTER.has(metric);
    const fails = lower ? value > limit : value < limit;
    let reason: string | null = null;
    if (fails) failures.push(reason = LABEL[metric](fmt(metric, value), lower ? '>' : '<', String(limit)));
    else if (s < 0.6) nearMisses.push(reason = LABEL[metric](fmt(metric, value), lower ? '≤' : '≥', `${limit} (near the limit)`));
    checks.push({ metric, value, limit, pass: !fails, reason });
  }
  // Nothing measurable is not evidence of continuity: score 0 and say so.
  if (total === 0) return { score: 0, pass: false, checks, reasons: [...problems, 'no metric could be measured'] };
  const score = (weighted / total) * (problems.length ? 0.25 : 1);
  failures.unshift(...problems);
  if (failures.length === 0 && score < thresholds.minScore) failures.push(`score ${score.toFixed(2)} < ${thresholds.minScore}`);
  return { score, pass: failures.length === 0, checks, reasons: [...failures, ...nearMisses] };
}
