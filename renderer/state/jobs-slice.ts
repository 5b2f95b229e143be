/**
 * The job queue. Loaded from the engine on start (so it survives a reload) and then kept live
 * by pushed `job-progress` events — never polled.
 */
import { create } from 'zustand';
import type { EventPayload } from '../../core/api/events.ts';
import type { JobView } from '../../core/api/types.ts';
import { call, errorText, studio } from '../bridge.ts';

interface JobsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  jobs: Record<string, JobView>;
  starting: boolean;
  load(): Promise<void>;
  onProgress(p: EventPayload<'job-progress'>): void;
  start(lookId: string, opts?: { shotIds?: string[]; reroll?: boolean; provider?: string; model?: string; budgetUsd?: number }): Promise<void>;
  cancel(jobId: string): Promise<void>;
  retry(jobId: string): Promise<void>;
}

export function getInitialJobsState() {
  return { status: 'idle' as const, error: null, jobs: {}, starting: false };
}

export const ACTIVE_STATES: ReadonlySet<JobView['state']> = new Set(['queued', 'running']);

export const useJobs = create<JobsState>()((set, get) => ({
  ...getInitialJobsState(),
  async load() {
    if (get().status === 'idle') set({ status: 'loading' });
    try {
      const list = await call(studio().jobs.list({}));
      set({ jobs: Object.fromEntries(list.map((j) => [j.id, j])), status: 'ready', error: null });
    } catch (err) { set({ status: 'error', error: errorText(err) }); }
  },
  onProgress(p) {
    const prev = get().jobs[p.jobId];
    set({ jobs: { ...get().jobs, [p.jobId]: { ...prev, ...p, id: p.jobId, updatedAt: new Date().toISOString() } } });
  },
  async start(lookId, opts = {}) {
    set({ starting: true });
    try { await call(studio().runs.start({ lookId, ...opts })); await get().load(); } finally { set({ starting: false }); }
  },
  async cancel(jobId) { const j = await call(studio().jobs.cancel({ jobId })); set({ jobs: { ...get().jobs, [j.id]: j } }); },
  async retry(jobId) { await call(studio().jobs.retry({ jobId })); await get().load(); },
}));
