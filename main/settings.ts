/** App settings in electron-store (atomic JSON in userData), behind the facade's SettingsStore. */
import Store from 'electron-store';
import { DEFAULT_SETTINGS, type SettingsStore } from '../core/api/settings-store.ts';
import type { AppSettings } from '../core/api/types.ts';

export function createElectronSettings(): SettingsStore {
  const store = new Store<{ settings: AppSettings }>({ name: 'settings', defaults: { settings: DEFAULT_SETTINGS } });
  return {
    get: () => ({ ...DEFAULT_SETTINGS, ...store.get('settings') }),
    set: (next) => store.set('settings', next),
  };
}
