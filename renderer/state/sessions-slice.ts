/** Continuity sessions: ordered shots with bridges, style references and strengths. */
import { create } from 'zustand';
import type { SessionView } from '../../core/api/types.ts';
import type { CommandInput } from '../../core/api/contract.ts';
import { call, errorText, studio } from '../bridge.ts';

interface SessionsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  lookId: string | null;
  sessions: SessionView[];
  sessionId: string | null;
  shotId: string | null;
  load(lookId: string): Promise<void>;
  select(sessionId: string | null, shotId?: string | null): void;
  create(name: string): Promise<void>;
  addShot(label?: string): Promise<void>;
  update(view: Promise<import('../../core/api/contract.ts').Result<SessionView>>): Promise<void>;
  reorder(shotIds: string[]): Promise<void>;
  setMode(shotId: string, continuityMode: CommandInput<'sessions.setMode'>['continuityMode']): Promise<void>;
  /** A new take of one session shot (new seed; earlier takes kept; later shots marked stale). */
  regenerate(shotId: string): Promise<void>;
  removeShot(shotId: string): Promise<void>;
  remove(sessionId: string): Promise<void>;
}

export function getInitialSessionsState() {
  return { status: 'idle' as const, error: null, lookId: null, sessions: [], sessionId: null, shotId: null };
}

export const useSessions = create<SessionsState>()((set, get) => ({
  ...getInitialSessionsState(),
  async load(lookId) {
    if (get().lookId !== lookId) set({ ...getInitialSessionsState(), lookId, status: 'loading' });
    try {
      const sessions = await call(studio().sessions.list({ lookId }));
      const keep = sessions.some((s) => s.id === get().sessionId) ? get().sessionId : sessions[0]?.id ?? null;
      set({ sessions, sessionId: keep, status: 'ready', error: null });
    } catch (err) { set({ status: 'error', error: errorText(err) }); }
  },
  select(sessionId, shotId = null) { set({ sessionId, shotId }); },
  async create(name) {
    const lookId = get().lookId;
    if (!lookId) return;
    const s = await call(studio().sessions.create({ lookId, name }));
    set({ sessions: [...get().sessions, s], sessionId: s.id });
  },
  async addShot(label) {
    const sessionId = get().sessionId;
    if (!sessionId) return;
    await get().update(studio().sessions.addShot({ sessionId, ...(label ? { label } : {}) }));
  },
  async update(pending) {
    const s = await call(pending);
    set({ sessions: get().sessions.map((x) => (x.id === s.id ? s : x)) });
  },
  async reorder(shotIds) {
    const sessionId = get().sessionId;
    if (sessionId) await get().update(studio().sessions.reorder({ sessionId, shotIds }));
  },
  async regenerate(shotId) {
    const sessionId = get().sessions.find((s) => s.shots.some((x) => x.id === shotId))?.id;
    if (sessionId) await call(studio().runs.regenerateSessionShot({ sessionId, shotId }));
  },
  async removeShot(shotId) {
    const sessionId = get().sessionId;
    if (sessionId) await get().update(studio().sessions.removeShot({ sessionId, shotId }));
  },
  async remove(sessionId) {
    await call(studio().sessions.delete({ sessionId }));
    const sessions = get().sessions.filter((s) => s.id !== sessionId);
    set({ sessions, sessionId: sessions[0]?.id ?? null, shotId: null });
  },
  async setMode(shotId, continuityMode) {
    const sessionId = get().sessionId;
    if (sessionId) await get().update(studio().sessions.setMode({ sessionId, shotId, continuityMode }));
  },
}));
