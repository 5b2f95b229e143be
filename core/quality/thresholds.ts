/**
 * The gate's thresholds, by shot kind and declared deltas (issue 4 item 4, issue 10). A declared
 * change is judged against what it declares (a palette swap against its target colours, a variant
 * against its anchor's structure), and everything it does not declare is still judged.
 *
 * | shot / declared delta | chroma ≤ | a*b* ≤ | palette ΔE ≤ | target ΔE ≤ | anchor SSIM ≥ | bridge ≥ | flicker ≤ | drift ≤ | semantic ≥ |
 * |-----------------------|----------|--------|--------------|-------------|---------------|----------|-----------|---------|------------|
 * | anchor, sequence      | 0.33     | 0.45   | 12           | —           | —             | 0.70     | 1.5       | 6       | 0.80       |
 * | variant: palette      | —        | —      | —            | 12          | 0.45          | 0.70     | 1.5       | 6       | 0.75       |
 * | variant: prop         | 0.45     | 0.50   | 14           | —           | 0.45          | 0.60     | 1.5       | 6       | 0.75       |
 * | variant: scene        | 0.45     | 0.50   | 14           | —           | 0.25          | 0.50     | 1.5       | 6       | 0.70       |
 * | variant: camera       | 0.33     | 0.45   | 12           | —           | —             | —        | 1.5       | 6       | 0.80       |
 * | seasonal, motif       | 0.45     | 0.50   | 14           | —           | 0.40          | 0.50     | 1.5       | 6       | 0.70       |
 *
 * "—" = not judged. With two deltas each column takes the looser of the two rows (a declared
 * target palette is kept from the palette row). Units and where the numbers come from
 * (docs/gate-v2.md, scripts/eval on real photographs, tuning part only):
 * - chroma = Hellinger distance of log-chromaticity histograms; 0.33 sits between the worst
 *   same-look take (0.317) and the closest off-look take with sane exposure (0.340) of the tuning part;
 * - a*b* = Hellinger distance of a*b* histograms; 0.45 is above the worst same-look tuning take (0.440);
 * - palette = ΔE2000 between weighted palettes (optimal matching); reframes of real photos reach
 *   11.4, so 12 (it is weighted low: a reframe changes the weights, not the look);
 * - target = mean ΔE2000 from each declared target colour to the nearest colour the take holds;
 * - anchor SSIM = equalised-luma SSIM against the parent anchor's take (anchor-structure.ts);
 * - identity (not in the table: the same on every row) = face descriptor distance from the shot's
 *   character reference ≤ IDENTITY_MAX_DISTANCE, measured only when the shot names one;
 * - histogram (3-D Lab) is measured and reported, not judged: on real photographs it ranks worse
 *   (tuning AUC 0.954) than the chromaticity distance (1.000).
 * A metric that could not be measured (no anchor take, no previous take, a still, no semantic
 * provider) is absent from the score. Exposure problems (exposure-sanity.ts) fail a take outright.
 */
import type { Delta } from '../domain/shot.ts';
import type { ShotKind } from '../domain/shot.ts';
import { IDENTITY_MAX_DISTANCE } from './identity/identity-limit.ts';

export interface Thresholds {
  /** Max log-chromaticity histogram distance from the look. */
  chromaticityDistance: number | null;
  /** Max a*b* histogram distance from the look. */
  abHistogramDistance: number | null;
  /** Max mean ΔE2000 from each declared target colour to the take (palette deltas). */
  targetPaletteDeltaE: number | null;
  /** Min equalised-luma SSIM against the parent anchor's take. */
  anchorStructure: number | null;
  /** Max ΔE2000 between the take's and the reference's weighted palettes; null = not judged. */
  paletteDeltaE: number | null;
  /** Max Lab histogram distance. */
  histogramDistance: number | null;
  /** Min SSIM across a frame bridge. */
  bridgeSsim: number | null;
  /** Max within-clip flicker (L* units). */
  flicker: number | null;
  /** Max first→last colour drift (ΔE2000). */
  drift: number | null;
  /** Min semantic similarity (provider-supplied, 0..1). */
  semantic: number | null;
  /**
   * Max face descriptor distance from the character reference, on every shot kind (a declared
   * delta never changes who the character is); measured only when the shot names one.
   */
  identityDistance: number | null;
  /** Min overall score; below it a take fails even when every single check passed. */
  minScore: number;
}

export type JudgedMetric = Exclude<keyof Thresholds, 'minScore'>;
export const LOWER_IS_BETTER: ReadonlySet<JudgedMetric> = new Set(['chromaticityDistance', 'abHistogramDistance', 'paletteDeltaE', 'targetPaletteDeltaE', 'histogramDistance', 'flicker', 'drift', 'identityDistance']);

const BASE: Omit<Thresholds, 'identityDistance'> = {
  chromaticityDistance: 0.33, abHistogramDistance: 0.45, paletteDeltaE: 12, targetPaletteDeltaE: null, anchorStructure: null,
  histogramDistance: null, bridgeSsim: 0.7, flicker: 1.5, drift: 6, semantic: 0.8, minScore: 0.5,
};

type Row = Omit<Thresholds, 'minScore' | 'identityDistance'>;
const JUDGED_OFF: Row = {
  chromaticityDistance: null, abHistogramDistance: null, paletteDeltaE: null, targetPaletteDeltaE: null, anchorStructure: null,
  histogramDistance: null, bridgeSsim: null, flicker: null, drift: null, semantic: null,
};
const VARIANT_ROWS: Record<Delta['kind'], Row> = {
  palette: { ...JUDGED_OFF, targetPaletteDeltaE: 12, anchorStructure: 0.45, bridgeSsim: 0.7, flicker: 1.5, drift: 6, semantic: 0.75 },
  prop: { ...JUDGED_OFF, chromaticityDistance: 0.45, abHistogramDistance: 0.5, paletteDeltaE: 14, anchorStructure: 0.45, bridgeSsim: 0.6, flicker: 1.5, drift: 6, semantic: 0.75 },
  scene: { ...JUDGED_OFF, chromaticityDistance: 0.45, abHistogramDistance: 0.5, paletteDeltaE: 14, anchorStructure: 0.25, bridgeSsim: 0.5, flicker: 1.5, drift: 6, semantic: 0.7 },
  camera: { ...JUDGED_OFF, chromaticityDistance: 0.33, abHistogramDistance: 0.45, paletteDeltaE: 12, bridgeSsim: null, flicker: 1.5, drift: 6, semantic: 0.8 },
  // A motif on a variant is judged like a seasonal swap.
  motif: { ...JUDGED_OFF, chromaticityDistance: 0.45, abHistogramDistance: 0.5, paletteDeltaE: 14, anchorStructure: 0.4, bridgeSsim: 0.5, flicker: 1.5, drift: 6, semantic: 0.7 },
};
const SEASONAL_ROW: Row = VARIANT_ROWS.motif;

function looser(metric: JudgedMetric, a: number | null, b: number | null): number | null {
  // A declared target palette stays judged whatever the other delta is.
  if (metric === 'targetPaletteDeltaE') return a ?? b;
  if (a === null || b === null) return null;
  return LOWER_IS_BETTER.has(metric) ? Math.max(a, b) : Math.min(a, b);
}

function merge(rows: Row[]): Row {
  const [first, ...rest] = rows;
  const out = { ...first! };
  for (const row of rest) {
    for (const key of Object.keys(out) as (keyof Row)[]) out[key] = looser(key, out[key], row[key]);
  }
  return out;
}

/** Why a metric is not judged for this shot, for the report. */
export interface ThresholdPolicy { thresholds: Thresholds; notes: string[] }

/**
 * Thresholds for a shot from its kind and declared deltas, with caller overrides on top
 * (`overrides` wins field by field; pass null to switch a check off).
 */
export function thresholdsFor(kind: ShotKind, deltas: readonly Delta[] = [], overrides: Partial<Thresholds> = {}): ThresholdPolicy {
  let row: Row;
  const notes: string[] = [];
  if (kind === 'seasonal') {
    row = SEASONAL_ROW;
    notes.push('seasonal swap: judged on colour (looser) and on structure against its anchor');
  } else if (kind === 'variant' && deltas.length > 0) {
    row = merge(deltas.map((d) => VARIANT_ROWS[d.kind]));
    if (deltas.some((d) => d.kind === 'palette')) notes.push('declared palette delta: judged against its target colours, not the look palette');
    if (deltas.some((d) => d.kind === 'camera')) notes.push('declared camera delta: bridge SSIM not judged (new angle)');
  } else {
    const { minScore: _m, ...base } = BASE;
    row = base;
  }
  return { thresholds: { ...row, identityDistance: IDENTITY_MAX_DISTANCE, minScore: BASE.minScore, ...overrides }, notes };
}
