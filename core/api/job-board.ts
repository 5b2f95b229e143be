/**
 * The app's job rows (one per clip of a run): live state, a phase label (render / grade / score /
 * retry n of m), an ETA, and progress that never moves backwards (issue 16 item 6: a retry used to
 * send the bar from 80 % back to 8 %). Every change is pushed as a `job-progress` event.
 */
import type { PipelineStage } from '../pipeline/pipeline-events.ts';
import type { EmitEvent } from './events.ts';
import { uiWords } from './ui-words.ts';
import type { JobState, JobView } from './types.ts';

export const ACTIVE: ReadonlySet<JobState> = new Set(['queued', 'running']);

/** Overall progress of one attempt by stage: render is the long part. */
const STAGE_SPAN: Record<PipelineStage, [number, number]> = {
  queued: [0, 0], keyframe: [0.02, 0.08], render: [0.08, 0.8], grade: [0.8, 0.9], score: [0.9, 0.98], done: [1, 1], failed: [1, 1], canceled: [1, 1],
};

const STAGE_WORD: Record<PipelineStage, string> = {
  queued: 'queued', keyframe: 'keyframe', render: 'render', grade: 'grade', score: 'score', done: 'done', failed: 'failed', canceled: 'canceled',
};

export interface JobBoard {
  get(jobId: string): JobView | undefined;
  all(): JobView[];
  add(job: JobView): void;
  remove(jobId: string): void;
  update(jobId: string, patch: Partial<JobView>): void;
  /** A pipeline progress event: stage + fraction of one attempt; its cost is the run's committed spend. */
  progress(jobId: string, e: { stage: PipelineStage; progress: number; attempt: number; costSoFarUsd: number }, maxRetries: number): void;
}

export function createJobBoard(emit: EmitEvent): JobBoard {
  const jobs = new Map<string, JobView>();
  const startedAt = new Map<string, number>();

  const update = (jobId: string, patch: Partial<JobView>) => {
    const prev = jobs.get(jobId);
    if (!prev) return;
    const next: JobView = { ...prev, ...patch, updatedAt: new Date().toISOString() };
    if (next.error) next.error = uiWords(next.error);
    // Bars never jump backwards: a retry continues from where the bar is (its phase says "retry").
    if (ACTIVE.has(next.state) && next.progress < prev.progress) next.progress = prev.progress;
    if (!ACTIVE.has(next.state)) next.etaSeconds = null;
    jobs.set(jobId, next);
    emit('job-progress', {
      jobId, lookId: next.lookId, shotId: next.shotId, label: next.label, state: next.state, progress: next.progress, costSoFarUsd: next.costSoFarUsd, error: next.error,
      runId: next.runId, sessionId: next.sessionId, group: next.group, phase: next.phase, etaSeconds: next.etaSeconds, gate: next.gate,
      ...(next.costEstimated !== undefined ? { costEstimated: next.costEstimated } : {}), ...(next.runSpentUsd !== undefined ? { runSpentUsd: next.runSpentUsd } : {}), ...(next.local !== undefined ? { local: next.local } : {}),
    });
  };

  return {
    get: (id) => jobs.get(id),
    all: () => [...jobs.values()],
    add(job) { jobs.set(job.id, job); update(job.id, {}); },
    remove(id) { jobs.delete(id); startedAt.delete(id); },
    update,
    progress(jobId, e, maxRetries) {
      const [a, b] = STAGE_SPAN[e.stage];
      const overall = Math.min(0.99, a + (b - a) * e.progress);
      if (!startedAt.has(jobId)) startedAt.set(jobId, Date.now());
      const elapsed = (Date.now() - startedAt.get(jobId)!) / 1000;
      const prev = jobs.get(jobId)?.progress ?? 0;
      const shown = Math.max(prev, overall);
      // A straight-line ETA from the time spent so far; none until there is something to go on.
      const etaSeconds = shown > 0.05 && elapsed > 1 ? Math.max(0, Math.round((elapsed / shown) * (1 - shown))) : null;
      const phase = e.attempt > 1 ? `retry ${e.attempt - 1} of ${maxRetries} · ${STAGE_WORD[e.stage]}` : STAGE_WORD[e.stage];
      // The event's figure is the whole run's committed spend, not this clip's (issue 16 item 4).
      update(jobId, { state: 'running', progress: overall, runSpentUsd: e.costSoFarUsd, phase, etaSeconds });
    },
  };
}
