/**
 * State shared by the facade's handler groups: the user-data folder, the key and settings
 * stores, the event sink and the one open project. Kept deliberately small; each handler file
 * owns its own domain logic and calls the engine.
 */
import { InputError } from '../domain/errors.ts';
import type { EmitEvent } from './events.ts';
import type { KeyStore } from './key-store.ts';
import type { SettingsStore } from './settings-store.ts';
import type { Project } from '../store/open-project.ts';

/** Capabilities only a shell has (Electron: shell.showItemInFolder); absent in tests. */
export interface HostCapabilities {
  revealPath?(path: string): Promise<boolean> | boolean;
  pickDirectory?(title: string): Promise<string | null>;
  /** The shell's own file picker for a program (Electron: an open-file dialog in main). */
  pickExecutable?(title: string): Promise<string | null>;
}

export interface OpenProjectHandle { dir: string; name: string; project: Project; assetRoot: string; close(): void }

export interface StudioContext {
  userDataDir: string;
  keyStore: KeyStore;
  settings: SettingsStore;
  emit: EmitEvent;
  host: HostCapabilities;
  open: OpenProjectHandle | null;
  /** Provider keys + base URLs as an env-shaped record for the engine (never returned to the UI). */
  engineEnv(): Record<string, string | undefined>;
}

export function requireProject(ctx: StudioContext): OpenProjectHandle {
  if (!ctx.open) throw new InputError('No project is open. Create or open a project first.', 'project');
  return ctx.open;
}
