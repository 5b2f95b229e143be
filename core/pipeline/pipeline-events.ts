/** Events the pipeline pushes to its shell (CLI progress bars, the app's job queue). */
export type PipelineStage = 'queued' | 'keyframe' | 'render' | 'grade' | 'score' | 'done' | 'failed' | 'canceled';

export type PipelineEvent =
  | { type: 'job-progress'; jobId: string; shotId: string; attempt: number; stage: PipelineStage; progress: number; costSoFarUsd: number }
  | { type: 'shot-updated'; shotId: string; status: 'queued' | 'running' | 'passed' | 'failed-gate' | 'review' | 'failed' | 'canceled'; score?: number; reasons?: string[] }
  | { type: 'budget-warning'; message: string; /** What the batch is estimated to cost at list price. */ estimateUsd: number; spentUsd: number; budgetUsd: number }
  | { type: 'log'; level: 'info' | 'warn'; message: string };
