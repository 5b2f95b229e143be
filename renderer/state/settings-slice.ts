/** Settings: app settings, provider keys (hints only) and the model registry with gating. */
import { create } from 'zustand';
import type { AppSettings, KeysView, ModelView } from '../../core/api/types.ts';
import type { CommandInput } from '../../core/api/contract.ts';
import { call, errorText, studio } from '../bridge.ts';

type Provider = CommandInput<'keys.set'>['provider'];

interface SettingsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  settings: AppSettings | null;
  keys: KeysView | null;
  models: ModelView[];
  testResults: Record<string, { ok: boolean; message: string }>;
  load(): Promise<void>;
  save(patch: CommandInput<'settings.set'>): Promise<void>;
  setKey(provider: Provider, key: string): Promise<void>;
  removeKey(provider: Provider): Promise<void>;
  testKey(provider: Provider): Promise<void>;
}

export function getInitialSettingsState() {
  return { status: 'idle' as const, error: null, settings: null, keys: null, models: [], testResults: {} };
}

export const useSettings = create<SettingsState>()((set, get) => ({
  ...getInitialSettingsState(),
  async load() {
    if (!get().settings) set({ status: 'loading' });
    try {
      const [settings, keys, models] = await Promise.all([call(studio().settings.get()), call(studio().keys.status()), call(studio().providers.list())]);
      set({ settings, keys, models, status: 'ready', error: null });
    } catch (err) { set({ status: 'error', error: errorText(err) }); }
  },
  async save(patch) {
    set({ settings: await call(studio().settings.set(patch)) });
    set({ models: await call(studio().providers.list()) });
  },
  async setKey(provider, key) { set({ keys: await call(studio().keys.set({ provider, key })) }); },
  async removeKey(provider) { set({ keys: await call(studio().keys.remove({ provider })) }); },
  async testKey(provider) {
    const r = await call(studio().keys.test({ provider }));
    set({ testResults: { ...get().testResults, [provider]: r } });
  },
}));
