/**
 * `createStudio()` — the facade that implements every contract command against the engine.
 * Shells (Electron main, the HTTP test host) create one and route `invoke(name, payload)` to it;
 * the UI never has a second implementation. Handler groups live in ./handlers, one per domain.
 */
import { mkdirSync } from 'node:fs';
import { PROVIDER_ENV } from '../providers/gating.ts';
import { PROVIDER_IDS } from '../providers/registry.ts';
import { createLogger } from '../log/logger.ts';
import { applyFfmpegPath } from './apply-ffmpeg-path.ts';
import { reclaimDeadWorkDirs } from '../runtime/work-dirs.ts';
import type { Result } from './contract.ts';
import { dispatch, type Handlers } from './dispatch.ts';
import type { EmitEvent } from './events.ts';
import type { KeyStore } from './key-store.ts';
import { createFileSettingsStore, type SettingsStore } from './settings-store.ts';
import type { HostCapabilities, StudioContext } from './studio-context.ts';
import { settingsHandlers } from './handlers/settings-handlers.ts';
import { projectHandlers } from './handlers/project-handlers.ts';
import { lookHandlers } from './handlers/look-handlers.ts';
import { referenceHandlers } from './handlers/reference-handlers.ts';
import { canonPlanHandlers } from './handlers/canon-plan-handlers.ts';
import { runHandlers, type RunRegistry } from './handlers/run-handlers.ts';
import { reviewHandlers } from './handlers/review-handlers.ts';
import { thumbnailsSettled } from './take-thumbnails.ts';
import { exportHandlers } from './handlers/export-handlers.ts';
import { sessionHandlers } from './handlers/session-handlers.ts';
import { stuckJobHandlers } from './handlers/stuck-job-handlers.ts';

export interface CreateStudioOptions {
  /** App data: recent projects, settings (unless a store is given), staged uploads, logs. */
  userDataDir: string;
  keyStore: KeyStore;
  settings?: SettingsStore;
  onEvent: EmitEvent;
  host?: HostCapabilities;
}

export interface Studio {
  /** Route one command: payload is `unknown`, parsed against the contract here. */
  invoke(name: string, payload: unknown): Promise<Result<unknown>>;
  /** The open project's asset store folder, for the media protocol / route. */
  assetRoot(): string | null;
  /** Jobs queued or running now (the shell asks before quitting while this is > 0). */
  runningJobs(): number;
  /** Cancel running work (it resumes next start) and close the project. */
  close(): Promise<void>;
}

const log = createLogger('api');

export function createStudio(opts: CreateStudioOptions): Studio {
  mkdirSync(opts.userDataDir, { recursive: true });
  const ctx: StudioContext = {
    userDataDir: opts.userDataDir,
    keyStore: opts.keyStore,
    settings: opts.settings ?? createFileSettingsStore(opts.userDataDir),
    emit: (name, payload) => {
      try { opts.onEvent(name, payload); } catch (err) { log.warn('event sink failed', { name, error: (err as Error).message }); }
    },
    host: opts.host ?? {},
    open: null,
    engineEnv() {
      const env: Record<string, string | undefined> = { ...process.env };
      for (const p of PROVIDER_IDS) {
        const v = PROVIDER_ENV[p].keyVar;
        const key = opts.keyStore.get(p);
        if (v && key) env[v] = key;
      }
      // The Settings choice of Luma image host, unless the environment already names one.
      const host = ctx.settings.get().lumaImageHost;
      const hostVar = PROVIDER_ENV.luma.imageHostVar!;
      if (host && !env[hostVar]?.trim()) env[hostVar] = host;
      return env;
    },
  };
  // Scratch folders of runs that were killed outright (SIGKILL, a crash) go at the next start,
  // as the CLI does (RELIABILITY.md "Stops and load"); a live process's folders are kept.
  try {
    const reclaimed = reclaimDeadWorkDirs();
    if (reclaimed.length) log.info('reclaimed scratch folders of ended runs', { pids: reclaimed });
  } catch (err) { log.warn('could not reclaim old scratch folders', { error: (err as Error).message }); }
  // The ffmpeg chosen in Settings applies from the start, not only once it is changed again.
  applyFfmpegPath(ctx.settings.get().ffmpegPath, { startup: true });
  const runs: RunRegistry = runHandlers(ctx);
  const handlers: Handlers = {
    ...settingsHandlers(ctx),
    ...projectHandlers(ctx, () => runs.cancelAll()),
    ...lookHandlers(ctx),
    ...referenceHandlers(ctx),
    ...canonPlanHandlers(ctx, (lookId) => runs.isRunning(lookId)),
    ...runs.handlers,
    ...reviewHandlers(ctx),
    ...exportHandlers(ctx),
    ...sessionHandlers(ctx),
    ...stuckJobHandlers(ctx),
  };
  return {
    invoke: (name, payload) => dispatch(handlers, name, payload),
    assetRoot: () => ctx.open?.assetRoot ?? null,
    runningJobs: () => runs.activeCount(),
    async close() {
      await runs.cancelAll();
      await thumbnailsSettled();
      ctx.open?.close();
      ctx.open = null;
    },
  };
}
