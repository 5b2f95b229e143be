/**
 * Grade and score as the pipeline uses them. Colour is anchored to the look's references (never the
 * previous clip). A declared palette swap is not graded back onto the look: that would undo the
 * very change the variant exists to show; its LUT is the identity and says so.
 */
import type { PlannedShot } from '../domain/shot.ts';
import type { RawImage } from '../domain/raw-image.ts';

export interface GradeOutcome { path: string; lutPath: string; method: string; strength: number; note: string }
/** Money spent measuring a take (a provider metric), as an estimate unless the provider reported a charge. */
export interface ScoreSpend { what: string; usd: number; estimated: boolean; basis: string }

/** A provider-backed image similarity (Replicate CLIP): the value and what it cost. */
export interface SemanticMeter {
  similarity(a: RawImage, b: RawImage, signal?: AbortSignal): Promise<{ value: number; spend: ScoreSpend[] }>;
}

export interface ScoreOutcome {
  score: number;
  pass: boolean;
  metrics: Record<string, number | null>;
  reasons: string[];
  /** Which checks were not judged and why (no anchor take, still image…). */
  notes?: string[];
  /** The limit each metric was judged against (null = not judged), beside its value in `metrics`. */
  thresholds?: Record<string, number | null>;
  /** What measuring this take cost (the semantic metric's predictions); absent: nothing. */
  spend?: ScoreSpend[];
}

export interface QualityStep {
  /** `references`: the look reference images this shot's colour is anchored to. */
  grade(input: { video: string; shot: PlannedShot; references: readonly string[]; out: string; lutOut: string; signal?: AbortSignal }): Promise<GradeOutcome>;
  /**
   * `anchorClip`: the parent anchor's current take, for variants and seasonal swaps (structure
   * outside the declared change). `characterReference`: the image of the character the shot names;
   * the take's face is judged against it (identity).
   */
  score(input: { video: string; shot: PlannedShot; references: readonly string[]; previousClip?: string; anchorClip?: string; characterReference?: string; signal?: AbortSignal }): Promise<ScoreOutcome>;
}
