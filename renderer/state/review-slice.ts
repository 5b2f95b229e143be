/** Review: takes per shot, verdicts, and the look's acceptance rate. */
import { create } from 'zustand';
import type { ReviewStats, TakeView } from '../../core/api/types.ts';
import { call, errorText, studio } from '../bridge.ts';

interface ReviewState {
  takes: Record<string, TakeView[]>;
  stats: ReviewStats | null;
  error: string | null;
  /** A shot another screen asked Review to open (a timeline card, a queue row). */
  focusShotId: string | null;
  focus(shotId: string | null): void;
  loadTakes(shotId: string): Promise<void>;
  loadStats(lookId: string): Promise<void>;
  setVerdict(take: TakeView, verdict: TakeView['review']): Promise<void>;
}

export function getInitialReviewState() {
  return { takes: {}, stats: null, error: null, focusShotId: null };
}

export const useReview = create<ReviewState>()((set, get) => ({
  ...getInitialReviewState(),
  focus(shotId) { set({ focusShotId: shotId }); },
  async loadTakes(shotId) {
    // Read the map after the answer arrives: two loads at once (a variant and its anchor) must not drop each other's takes.
    try { const list = await call(studio().takes.list({ shotId })); set({ takes: { ...get().takes, [shotId]: list }, error: null }); } catch (err) { set({ error: errorText(err) }); }
  },
  async loadStats(lookId) {
    try { set({ stats: await call(studio().review.stats({ lookId })) }); } catch (err) { set({ error: errorText(err) }); }
  },
  async setVerdict(take, verdict) {
    const updated = await call(studio().review.setVerdict({ takeId: take.id, verdict }));
    const list = (get().takes[take.shotId] ?? []).map((t) => (t.id === updated.id ? updated : t));
    set({ takes: { ...get().takes, [take.shotId]: list } });
    const lookStats = get().stats;
    if (lookStats) await get().loadStats(lookStats.lookId);
  },
}));
