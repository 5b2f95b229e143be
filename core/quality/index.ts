/** core/quality public surface: metrics, the continuity score, the gate policy and the audit. */
export { scoreTake, type ScoreTakeInput, type TakeScore, type SemanticSimilarity } from './score-take.ts';
export { scoreMetrics, subScore, type TakeMetrics, type ScoreResult } from './score-metrics.ts';
export { thresholdsFor, type Thresholds, type ThresholdPolicy } from './thresholds.ts';
export { nextAttempt, type Attempt, type GateOptions, type GateDecision, type Change } from './gate-policy.ts';
export { auditClips, type AuditInput, type AuditReport, type AuditClip } from './audit.ts';
export { measureFrames, prepareReferences, lookPalette, PALETTE_K, HISTOGRAM_BINS, type ReferenceSet, type TakeFrames } from './measure-frames.ts';
export { loadReferences, readVideoFrames, readImageFrames, readVideoFrame, ANALYSIS_WIDTH, POOLED_FRAMES, BRIDGE_WIDTH } from './load-frames.ts';
export { ssim, ssimPlanes } from './ssim.ts';
export { flickerStats, type FlickerStats } from './flicker.ts';
export { colourDrift } from './drift.ts';
export { meanLab, averageLab } from './frame-means.ts';
export { rocAuc, type Labelled } from './roc-auc.ts';
