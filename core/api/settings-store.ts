/**
 * App-wide settings (default models, budget, commercial-only, ffmpeg path). Electron backs this
 * with electron-store (main/settings.ts); the test host and tests use a JSON file in the
 * user-data folder, written atomically.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppSettings } from './types.ts';

export interface SettingsStore { get(): AppSettings; set(next: AppSettings): void }

export const DEFAULT_SETTINGS: AppSettings = {
  defaultProvider: 'local',
  defaultModel: 'local-animatic',
  budgetUsd: null,
  commercialOnly: false,
  ffmpegPath: null,
  concurrency: 2,
  lumaImageHost: null,
  semanticCheck: false,
};

/** Small JSON document helper shared by the file-backed stores of the facade. */
export function readJson<T>(file: string, fallback: T): T {
  try { return JSON.parse(readFileSync(file, 'utf8')) as T; } catch { return fallback; }
}

export function writeJsonAtomic(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 2));
  renameSync(tmp, file);
}

export function createFileSettingsStore(userDataDir: string): SettingsStore {
  const file = join(userDataDir, 'settings.json');
  return {
    get: () => ({ ...DEFAULT_SETTINGS, ...readJson<Partial<AppSettings>>(file, {}) }),
    set: (next) => writeJsonAtomic(file, next),
  };
}
