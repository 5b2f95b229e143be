/**
 * Grade and score as the pipeline uses them. Colour is anchored to the look's references (never the
 * previous clip). A declared palette swap is not graded back onto the look: that would undo the
 * very change the variant exists to show; its LUT is the identity and says so.
 */
import type { PlannedShot } from '../domain/shot.ts';

export interface GradeOutcome { path: string; lutPath: string; method: string; strength: number; note: string }
export interface ScoreOutcome {
  score: number;
  pass: boolean;
  metrics: Record<string, number | null>;
  reasons: string[];
  /** Which checks were not judged and why (no anchor take, still image…). */
  notes?: string[];
  /** The limit each metric was judged against (null = not judged), beside its value in `metrics`. */
  thresholds?: Record<string, number | null>;
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
