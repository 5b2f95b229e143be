/** Export of a clip pack: options, progress (pushed), result. */
import { create } from 'zustand';
import type { CommandInput } from '../../core/api/contract.ts';
import type { ExportView } from '../../core/api/types.ts';
import { call, errorText, studio } from '../bridge.ts';

interface ExportState {
  running: boolean;
  progress: number;
  message: string;
  result: ExportView | null;
  error: string | null;
  reset(): void;
  onProgress(progress: number, message: string): void;
  start(input: CommandInput<'export.start'>): Promise<void>;
}

export function getInitialExportState() {
  return { running: false, progress: 0, message: '', result: null, error: null };
}

export const useExport = create<ExportState>()((set) => ({
  ...getInitialExportState(),
  reset() { set(getInitialExportState()); },
  onProgress(progress, message) { set({ progress, message }); },
  async start(input) {
    set({ ...getInitialExportState(), running: true, message: 'Reading the takes…' });
    try { set({ result: await call(studio().export.start(input)), progress: 1, message: 'Done' }); } catch (err) { set({ error: errorText(err) }); } finally { set({ running: false }); }
  },
}));
