/**
 * Navigation, the export dialog, toasts and the one confirmation dialog. The current screen
 * survives a reload (localStorage). A screen with unsaved edits registers a leave guard: moving
 * away asks first instead of dropping the edits (issue 16 item 2).
 */
import { create } from 'zustand';

export const SCREENS = ['library', 'references', 'brand', 'canon', 'batch', 'matrix', 'timeline', 'jobs', 'review', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export interface ToastAction { label: string; run(): void }
export interface Toast { id: number; level: 'info' | 'warn' | 'error'; text: string; action?: ToastAction }

/** What a confirmation asks: the consequence in words, and the verb on the button. */
export interface ConfirmRequest { title: string; body: string; confirm: string; danger?: boolean }
interface PendingConfirm extends ConfirmRequest { resolve(ok: boolean): void }

interface UiState {
  screen: Screen;
  exportOpen: boolean;
  /** The session the export dialog was opened for (null: the look's matrix). */
  exportSessionId: string | null;
  toasts: Toast[];
  pendingConfirm: PendingConfirm | null;
  leaveGuard: (() => string | null) | null;
  go(screen: Screen): Promise<void>;
  setExportOpen(open: boolean, sessionId?: string | null): void;
  toast(level: Toast['level'], text: string, action?: ToastAction): void;
  dismiss(id: number): void;
  confirm(req: ConfirmRequest): Promise<boolean>;
  answer(ok: boolean): void;
  /** A screen's unsaved-edits check: returns what would be lost, or null when nothing would. */
  setLeaveGuard(guard: (() => string | null) | null): void;
}

const saved = (() => { try { return localStorage.getItem('studio.screen'); } catch { return null; } })();
let nextId = 1;
/** Long enough to read a sentence; errors stay a little longer. A toast with an action stays. */
const TOAST_MS = { info: 5000, warn: 9000, error: 12000 } as const;

export function getInitialUiState(): Pick<UiState, 'screen' | 'exportOpen' | 'exportSessionId' | 'toasts' | 'pendingConfirm' | 'leaveGuard'> {
  return { screen: (SCREENS as readonly string[]).includes(saved ?? '') ? (saved as Screen) : 'library', exportOpen: false, exportSessionId: null, toasts: [], pendingConfirm: null, leaveGuard: null };
}

export const useUi = create<UiState>()((set, get) => ({
  ...getInitialUiState(),
  async go(screen) {
    if (screen === get().screen) return;
    const losing = get().leaveGuard?.();
    if (losing && !(await get().confirm({ title: 'Leave without saving?', body: `${losing} They will be lost if you leave this screen now.`, confirm: 'Leave without saving', danger: true }))) return;
    try { localStorage.setItem('studio.screen', screen); } catch { /* private mode */ }
    set({ screen, leaveGuard: null });
  },
  setExportOpen(open, sessionId = null) { set({ exportOpen: open, exportSessionId: open ? sessionId : null }); },
  toast(level, text, action) {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-2), { id, level, text, ...(action ? { action } : {}) }] });
    if (!action) setTimeout(() => get().dismiss(id), TOAST_MS[level]);
  },
  dismiss(id) { set({ toasts: get().toasts.filter((t) => t.id !== id) }); },
  confirm(req) {
    get().pendingConfirm?.resolve(false);
    return new Promise<boolean>((resolve) => set({ pendingConfirm: { ...req, resolve } }));
  },
  answer(ok) {
    const p = get().pendingConfirm;
    set({ pendingConfirm: null });
    p?.resolve(ok);
  },
  setLeaveGuard(guard) { set({ leaveGuard: guard }); },
}));
