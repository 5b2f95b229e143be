/**
 * Grade and score as the pipeline uses them. Colour is anchored to the look's references (never the
 * previous clip). A declared palette swap is not graded back onto the look: that would undo the
 * very change the variant exists to show; its LUT is the identity and says so.
 */
import type { PlannedShot } from '../domain/shot.ts';

export interface GradeOutcome { path: string; lutPath: string; method: string; strength: number; note: string }
export interface ScoreOutcome { score: number; pass: boolean; metrics: Record<string, number | null>; reasons: string[] }

export interface QualityStep {
  /** `references`: the look reference images this shot's colour is anchored to. */
  grade(input: { video: string; shot: PlannedShot; references: readonly string[]; out: string; lutOut: string; signal?: AbortSignal }): Promise<GradeOutcome>;
  score(input: { video: string; shot: PlannedShot; references: readonly string[]; previousClip?: string; signal?: AbortSignal }): Promise<ScoreOutcome>;
}
