/** The variation matrix: planned shots, the selected shot and its compiled prompt. */
import { create } from 'zustand';
import type { PlanView, ShotDetail, ShotView } from '../../core/api/types.ts';
import { call, errorText, studio } from '../bridge.ts';

interface ShotsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  lookId: string | null;
  shots: ShotView[];
  estimate: Pick<PlanView, 'estimateUsd' | 'budgetUsd' | 'costBasis'> | null;
  planning: boolean;
  selectedId: string | null;
  detail: ShotDetail | null;
  detailError: string | null;
  load(lookId: string): Promise<void>;
  refresh(): Promise<void>;
  plan(clips: number, seed: number): Promise<void>;
  select(id: string | null): Promise<void>;
}

export function getInitialShotsState() {
  return { status: 'idle' as const, error: null, lookId: null, shots: [], estimate: null, planning: false, selectedId: null, detail: null, detailError: null };
}

export const useShots = create<ShotsState>()((set, get) => ({
  ...getInitialShotsState(),
  async load(lookId) {
    if (get().lookId !== lookId) set({ ...getInitialShotsState(), lookId, status: 'loading' });
    try { set({ shots: await call(studio().shots.list({ lookId })), status: 'ready' }); } catch (err) { set({ status: 'error', error: errorText(err) }); }
  },
  async refresh() {
    const id = get().lookId;
    if (!id) return;
    try { set({ shots: await call(studio().shots.list({ lookId: id })) }); } catch { /* keep the last good list */ }
    const sel = get().selectedId;
    if (sel) await get().select(sel);
  },
  async plan(clips, seed) {
    const id = get().lookId;
    if (!id) return;
    set({ planning: true });
    try {
      const p = await call(studio().plan.create({ lookId: id, clips, seed }));
      set({ shots: p.shots, estimate: { estimateUsd: p.estimateUsd, budgetUsd: p.budgetUsd, costBasis: p.costBasis }, status: 'ready' });
    } finally { set({ planning: false }); }
  },
  async select(id) {
    set({ selectedId: id, detailError: null, ...(id ? {} : { detail: null }) });
    if (!id) return;
    try { set({ detail: await call(studio().shots.get({ shotId: id })) }); } catch (err) { set({ detail: null, detailError: errorText(err) }); }
  },
}));
