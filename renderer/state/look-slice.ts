/** The open look: references, brand kit, brief, canon and batch settings. */
import { create } from 'zustand';
import type { BatchSettings, BrandKit, Canon, ReferenceRole } from '../../core/api/types.ts';
import type { LookView, RejectedFile } from '../../core/api/types.ts';
import { call, errorText, studio } from '../bridge.ts';

interface LookState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  look: LookView | null;
  rejected: RejectedFile[];
  adding: boolean;
  drafting: boolean;
  load(lookId: string): Promise<void>;
  addFiles(files: File[], role: ReferenceRole): Promise<void>;
  addPaths(paths: string[], role: ReferenceRole): Promise<void>;
  setRole(referenceId: string, role: ReferenceRole): Promise<void>;
  setApproved(referenceId: string, approved: boolean): Promise<void>;
  remove(referenceId: string): Promise<void>;
  updateBrandKit(brandKit: BrandKit): Promise<void>;
  updateBrief(brief: string): Promise<void>;
  updateBatch(batch: Partial<BatchSettings>): Promise<void>;
  draftCanon(mode: 'offline' | 'openai'): Promise<void>;
  updateCanon(canon: Canon): Promise<void>;
}

export function getInitialLookState() {
  return { status: 'idle' as const, error: null, look: null, rejected: [], adding: false, drafting: false };
}

export const useLook = create<LookState>()((set, get) => {
  const lookId = () => { const l = get().look; if (!l) throw new Error('no look is open'); return l.id; };
  return {
    ...getInitialLookState(),
    async load(id) {
      if (get().look?.id !== id) set({ status: 'loading', error: null, rejected: [] });
      try { set({ look: await call(studio().looks.get({ lookId: id })), status: 'ready' }); } catch (err) { set({ status: 'error', error: errorText(err) }); }
    },
    async addFiles(files, role) {
      set({ adding: true });
      try {
        const paths = await studio().files.pathsFor(files);
        await get().addPaths(paths, role);
      } finally { set({ adding: false }); }
    },
    async addPaths(paths, role) {
      if (paths.length === 0) return;
      set({ adding: true });
      try {
        const r = await call(studio().references.add({ lookId: lookId(), paths, role }));
        set({ look: r.look, rejected: r.rejected });
      } finally { set({ adding: false }); }
    },
    async setRole(referenceId, role) { set({ look: await call(studio().references.setRole({ lookId: lookId(), referenceId, role })) }); },
    async setApproved(referenceId, approved) { set({ look: await call(studio().references.setApproved({ lookId: lookId(), referenceId, approved })) }); },
    async remove(referenceId) { set({ look: await call(studio().references.remove({ lookId: lookId(), referenceId })) }); },
    async updateBrandKit(brandKit) { set({ look: await call(studio().looks.updateBrandKit({ lookId: lookId(), brandKit })) }); },
    async updateBrief(brief) { set({ look: await call(studio().looks.updateBrief({ lookId: lookId(), brief })) }); },
    async updateBatch(batch) { set({ look: await call(studio().looks.updateBatch({ lookId: lookId(), batch })) }); },
    async draftCanon(mode) {
      set({ drafting: true });
      try {
        const canon = await call(studio().canon.draft({ lookId: lookId(), mode }));
        const look = get().look;
        if (look) set({ look: { ...look, canon } });
      } finally { set({ drafting: false }); }
    },
    async updateCanon(c) {
      const canon = await call(studio().canon.update({ lookId: lookId(), canon: c }));
      const look = get().look;
      if (look) set({ look: { ...look, canon } });
    },
  };
});
