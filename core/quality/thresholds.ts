/**
 * The gate's thresholds, by shot kind and declared deltas (issue 4 item 4). A declared change
 * must not fail the take on the very thing it declared: a palette-swap variant is not judged on
 * palette, a seasonal swap is judged on palette and structure but not on props.
 *
 * | shot / declared delta | palette ΔE ≤ | histogram ≤ | bridge SSIM ≥ | flicker ≤ | drift ΔE ≤ | semantic ≥ |
 * |-----------------------|--------------|-------------|---------------|-----------|------------|------------|
 * | anchor, sequence      | 6            | 0.35        | 0.70          | 1.5       | 6          | 0.80       |
 * | variant: palette      | —            | —           | 0.70          | 1.5       | 6          | 0.75       |
 * | variant: prop         | 8            | 0.50        | 0.60          | 1.5       | 6          | 0.75       |
 * | variant: scene        | 8            | 0.50        | 0.50          | 1.5       | 6          | 0.70       |
 * | variant: camera       | 6            | 0.35        | —             | 1.5       | 6          | 0.80       |
 * | seasonal (motif/prop) | 8            | —           | 0.50          | 1.5       | 6          | 0.70       |
 *
 * "—" = not judged. With two deltas each column takes the looser of the two rows. Units:
 * palette = ΔE2000 between weighted palettes (optimal matching); histogram = Lab histogram
 * distance in [0, 1]; flicker = mean |second difference| of per-frame mean L* (slow ramps and
 * camera moves are not flicker, frame-to-frame jitter is); drift = ΔE2000 between the mean Lab
 * of the first and last frames. A metric that could not be measured (no previous take, a still
 * image, no semantic provider) is simply absent from the score.
 */
import type { Delta } from '../domain/shot.ts';
import type { ShotKind } from '../domain/shot.ts';

export interface Thresholds {
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
  /** Min overall score; below it a take fails even when every single check passed. */
  minScore: number;
}

export type JudgedMetric = Exclude<keyof Thresholds, 'minScore'>;
export const LOWER_IS_BETTER: ReadonlySet<JudgedMetric> = new Set(['paletteDeltaE', 'histogramDistance', 'flicker', 'drift']);

const BASE: Thresholds = { paletteDeltaE: 6, histogramDistance: 0.35, bridgeSsim: 0.7, flicker: 1.5, drift: 6, semantic: 0.8, minScore: 0.5 };

type Row = Omit<Thresholds, 'minScore'>;
const VARIANT_ROWS: Record<Delta['kind'], Row> = {
  palette: { paletteDeltaE: null, histogramDistance: null, bridgeSsim: 0.7, flicker: 1.5, drift: 6, semantic: 0.75 },
  prop: { paletteDeltaE: 8, histogramDistance: 0.5, bridgeSsim: 0.6, flicker: 1.5, drift: 6, semantic: 0.75 },
  scene: { paletteDeltaE: 8, histogramDistance: 0.5, bridgeSsim: 0.5, flicker: 1.5, drift: 6, semantic: 0.7 },
  camera: { paletteDeltaE: 6, histogramDistance: 0.35, bridgeSsim: null, flicker: 1.5, drift: 6, semantic: 0.8 },
  // A motif on a variant is judged like a seasonal swap.
  motif: { paletteDeltaE: 8, histogramDistance: null, bridgeSsim: 0.5, flicker: 1.5, drift: 6, semantic: 0.7 },
};
const SEASONAL_ROW: Row = VARIANT_ROWS.motif;

function looser(metric: JudgedMetric, a: number | null, b: number | null): number | null {
  if (a === null || b === null) return null;
  return LOWER_IS_BETTER.has(metric) ? Math.max(a, b) : Math.min(a, b);
}

function merge(rows: Row[]): Row {
  const [first, ...rest] = rows;
  const out = { ...first! };
  for (const row of rest) {
    for (const key of Object.keys(out) as JudgedMetric[]) out[key] = looser(key, out[key], row[key]);
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
    notes.push('seasonal swap: judged on palette and structure, not on props (histogram not judged)');
  } else if (kind === 'variant' && deltas.length > 0) {
    row = merge(deltas.map((d) => VARIANT_ROWS[d.kind]));
    if (deltas.some((d) => d.kind === 'palette')) notes.push('declared palette delta: palette and histogram not judged');
    if (deltas.some((d) => d.kind === 'camera')) notes.push('declared camera delta: bridge SSIM not judged (new angle)');
  } else {
    const { minScore: _m, ...base } = BASE;
    row = base;
  }
  return { thresholds: { ...row, minScore: BASE.minScore, ...overrides }, notes };
}
