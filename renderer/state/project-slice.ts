/** Projects (library, recent, the open one) and the looks inside the open project. */
import { create } from 'zustand';
import type { LookSummary, ProjectSummary } from '../../core/api/types.ts';
import { call, errorText, studio, StudioError } from '../bridge.ts';
import { useUi } from './ui-slice.ts';

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

/**
 * The current look survives a reload of this tab (sessionStorage is per tab); a new tab starts
 * from the look last chosen anywhere (localStorage). Reading only localStorage made two tabs
 * switch each other's look on reload (issue 16 item 10).
 */
const savedLook = (() => { try { return sessionStorage.getItem('studio.lookId') ?? localStorage.getItem('studio.lookId'); } catch { return null; } })();

/** The engine refuses a reference outside the look's folder with this code until the person says yes. */
const OUTSIDE_FOLDER = 'outside_folder';

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
    set({ recent: await call(studio().projects.recent()) });
  },
  async open(dir) {
    const current = await call(studio().projects.open({ dir }));
    set({ current, lookId: null });
    await get().refreshLooks();
    set({ recent: await call(studio().projects.recent()) });
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
    try { if (id) { sessionStorage.setItem('studio.lookId', id); localStorage.setItem('studio.lookId', id); } } catch { /* private mode */ }
    set({ lookId: id });
  },
  async createLook(name, brief) {
    const look = await call(studio().looks.create({ name, ...(brief ? { brief } : {}) }));
    await get().refreshLooks();
    get().selectLook(look.id);
    return look.id;
  },
  async importLook(path) {
    let look;
    try {
      look = await call(studio().looks.importFile({ path }));
    } catch (err) {
      // An image outside the look's folder is read only with the person's explicit yes.
      if (!(err instanceof StudioError) || err.error.code !== OUTSIDE_FOLDER) throw err;
      const ok = await useUi.getState().confirm({
        title: 'Use an image from outside the look’s folder?',
        body: `${err.error.message.replace(/;.*$/, '')}. Import it only if you trust where this LOOK.json came from: it makes the app read a file outside the look's folder.`,
        confirm: 'Import with outside images',
      });
      if (!ok) throw new Error('import canceled: nothing was imported', { cause: err });
      look = await call(studio().looks.importFile({ path, allowOutside: true }));
    }
    await get().refreshLooks();
    get().selectLook(look.id);
    return look.id;
  },
}));
