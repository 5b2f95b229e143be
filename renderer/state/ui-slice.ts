/** Navigation, the export dialog and toasts. The current screen survives a reload (localStorage). */
import { create } from 'zustand';

export const SCREENS = ['library', 'references', 'brand', 'canon', 'batch', 'matrix', 'timeline', 'jobs', 'review', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export interface Toast { id: number; level: 'info' | 'warn' | 'error'; text: string }

interface UiState {
  screen: Screen;
  exportOpen: boolean;
  toasts: Toast[];
  go(screen: Screen): void;
  setExportOpen(open: boolean): void;
  toast(level: Toast['level'], text: string): void;
  dismiss(id: number): void;
}

const saved = (() => { try { return localStorage.getItem('studio.screen'); } catch { return null; } })();
let nextId = 1;

export function getInitialUiState(): Pick<UiState, 'screen' | 'exportOpen' | 'toasts'> {
  return { screen: (SCREENS as readonly string[]).includes(saved ?? '') ? (saved as Screen) : 'library', exportOpen: false, toasts: [] };
}

export const useUi = create<UiState>()((set, get) => ({
  ...getInitialUiState(),
  go(screen) { try { localStorage.setItem('studio.screen', screen); } catch { /* private mode */ } set({ screen }); },
  setExportOpen(open) { set({ exportOpen: open }); },
  toast(level, text) {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-3), { id, level, text }] });
    if (level !== 'error') setTimeout(() => get().dismiss(id), 6000);
  },
  dismiss(id) { set({ toasts: get().toasts.filter((t) => t.id !== id) }); },
}));
