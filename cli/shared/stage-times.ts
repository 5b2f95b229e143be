/**
 * Time per pipeline stage for the run summary (issue 18: "the demo prints time per stage").
 * Each clip's stage changes arrive as job-progress events; the time between two changes belongs
 * to the earlier stage. Clips run in parallel, so the figures are clip-seconds (summed over
 * clips), next to the wall-clock time of the whole run and of the export.
 */
import type { PipelineEvent, PipelineStage } from '../../core/pipeline/pipeline-events.ts';

export type StageSeconds = Partial<Record<PipelineStage | 'export', number>>;

export interface StageTimer {
  onEvent(e: PipelineEvent): void;
  /** The export started now (its time runs until `finish`). */
  exportStarted(): void;
  finish(): StageSeconds;
}

export function createStageTimer(now: () => number = () => performance.now()): StageTimer {
  const current = new Map<string, { stage: PipelineStage; since: number }>();
  const totals: StageSeconds = {};
  let exportSince: number | undefined;
  const add = (stage: PipelineStage | 'export', ms: number) => { totals[stage] = (totals[stage] ?? 0) + ms / 1000; };
  return {
    onEvent(e) {
      if (e.type !== 'job-progress') return;
      const t = now();
      const was = current.get(e.shotId);
      if (was?.stage === e.stage) return;
      if (was) add(was.stage, t - was.since);
      current.set(e.shotId, { stage: e.stage, since: t });
    },
    exportStarted() { exportSince ??= now(); },
    finish() {
      const t = now();
      for (const [id, was] of current) { if (was.stage !== 'done' && was.stage !== 'failed' && was.stage !== 'canceled') add(was.stage, t - was.since); current.delete(id); }
      if (exportSince !== undefined) add('export', t - exportSince);
      delete totals.done; delete totals.failed; delete totals.canceled;
      return totals;
    },
  };
}

/** "keyframe 1.2 s · render 40.1 s · grade 20.3 s · score 5.0 s (clip-seconds) · export 8.0 s". */
export function formatStageSeconds(s: StageSeconds): string {
  const clipStages = (['queued', 'keyframe', 'render', 'grade', 'score'] as const).filter((k) => s[k] !== undefined && k !== 'queued');
  const parts = clipStages.map((k) => `${k} ${s[k]!.toFixed(1)} s`);
  const clip = parts.length ? `${parts.join(' · ')} (clip-seconds, summed over clips)` : '';
  const exp = s.export !== undefined ? `export ${s.export.toFixed(1)} s` : '';
  return [clip, exp].filter(Boolean).join(' · ');
}
