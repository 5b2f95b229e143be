/** Projects (library, recent, the open one) and the looks inside the open project. */
import { create } from 'zustand';
import type { LookSummary, ProjectSummary } from '../../core/api/types.ts';
import { call, errorText, studio } from '../bridge.ts';

type Status = 'idle' | 'loading' | 'ready' | 'error';

interface ProjectState {
  status: Status;
  error: string | null;
  recent: ProjectSummary[];
  current: ProjectSummary | null;
  looks: LookSummary[];
  lookId: string | null;
  load(): Promise<void>;
  create(name: string, dir?: string): Promise<void>;
  open(dir: string): Promise<void>;
  close(): Promise<void>;
  refreshLooks(): Promise<void>;
  selectLook(id: string | null): void;
  createLook(name: string, brief?: string): Promise<string>;
  importLook(path: string): Promise<string>;
}

const savedLook = (() => { try { return localStorage.getItem('studio.lookId'); } catch { return null; } })();

export function getInitialProjectState() {
  return { status: 'idle' as Status, error: null, recent: [], current: null, looks: [], lookId: null };
}

export const useProject = create<ProjectState>()((set, get) => ({
  ...getInitialProjectState(),
  async load() {
    set({ status: 'loading', error: null });
    try {
      const [recent, current] = await Promise.all([call(studio().projects.recent()), call(studio().projects.current())]);
      set({ recent, current });
      if (current) await get().refreshLooks();
      set({ status: 'ready' });
    } catch (err) { set({ status: 'error', error: errorText(err) }); }
  },
  async create(name, dir) {
    const current = await call(studio().projects.create({ name, ...(dir ? { dir } : {}) }));
    set({ current, looks: [], lookId: null });
    await get().refreshLooks();
  },
  async open(dir) {
    const current = await call(studio().projects.open({ dir }));
    set({ current, lookId: null });
    await get().refreshLooks();
  },
  async close() {
    await call(studio().projects.close());
    set({ current: null, looks: [], lookId: null });
    set({ recent: await call(studio().projects.recent()) });
  },
  async refreshLooks() {
    const looks = await call(studio().looks.list());
    const keep = get().lookId ?? savedLook;
    set({ looks, lookId: looks.some((l) => l.id === keep) ? keep : looks[0]?.id ?? null });
  },
  selectLook(id) {
    try { if (id) localStorage.setItem('studio.lookId', id); } catch { /* ignore */ }
    set({ lookId: id });
  },
  async createLook(name, brief) {
    const look = await call(studio().looks.create({ name, ...(brief ? { brief } : {}) }));
    await get().refreshLooks();
    get().selectLook(look.id);
    return look.id;
  },
  async importLook(path) {
    const look = await call(studio().looks.importFile({ path }));
    await get().refreshLooks();
    get().selectLook(look.id);
    return look.id;
  },
}));
