/**
 * A take's measured figures beside the thresholds the gate held them to (core/quality
 * thresholdsFor, by shot kind and declared deltas), in words a person reads: the review screen's
 * score legend (issue 16 item 5: "scores have no legend or threshold").
 */
import type { Delta, ShotKind } from '../domain/shot.ts';
import { thresholdsFor, type JudgedMetric } from '../quality/thresholds.ts';
import { LOWER_IS_BETTER } from '../quality/thresholds.ts';
import type { MetricView } from './types.ts';

const LABELS: Record<JudgedMetric, string> = {
  chromaticityDistance: 'Colour cast against the look (chromaticity distance)',
  abHistogramDistance: 'Colour distribution against the look (a*b* histogram distance, 0–1)',
  targetPaletteDeltaE: 'Distance from the declared palette (ΔE2000)',
  anchorStructure: 'Same shot as its anchor outside the declared change (structure SSIM)',
  paletteDeltaE: 'Palette difference from the look (ΔE2000)',
  histogramDistance: 'Colour distribution distance (0–1)',
  bridgeSsim: 'Match with the previous shot\'s last frame (SSIM)',
  flicker: 'Flicker (L* units)',
  drift: 'Colour drift first → last frame (ΔE2000)',
  semantic: 'Semantic similarity (0–1)',
  identityDistance: 'Face distance from the character reference (same person ≤ limit)',
};

export function metricViews(kind: ShotKind, deltas: readonly Delta[], metrics: Record<string, number | null>): { metrics: MetricView[]; minScore: number; notes: string[] } {
  const { thresholds, notes } = thresholdsFor(kind, deltas);
  const out: MetricView[] = [];
  for (const key of Object.keys(LABELS) as JudgedMetric[]) {
    const value = metrics[key];
    if (value === undefined || value === null) continue; // not measured for this take
    const threshold = thresholds[key];
    const lower = LOWER_IS_BETTER.has(key);
    out.push({ key, label: LABELS[key], value, threshold, lowerIsBetter: lower, pass: threshold === null ? null : lower ? value <= threshold : value >= threshold });
  }
  return { metrics: out, minScore: thresholds.minScore, notes };
}
