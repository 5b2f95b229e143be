/**
 * LOOK.json → clip pack in one call: import into a project, run the batch (render, grade, gate),
 * export the pack. What `continuity run` and `continuity demo` do; the app calls the parts.
 */
import { join, resolve } from 'node:path';
import { openProject } from '../store/open-project.ts';
import { lockProject, thisCommand } from '../store/project-lock.ts';
import type { ExportFormat } from '../export/types.ts';
import type { ConformPolicy } from '../providers/conform-plan.ts';
import type { BatchSize } from '../domain/batch-sizes.ts';
import { createShotRenderer } from './create-renderer.ts';
import { exportLook, type ExportLookResult } from './export-look.ts';
import { createLookQualityStep } from './look-quality.ts';
import { createReplicateClip } from '../providers/replicate/replicate-clip.ts';
import type { PipelineEvent } from './pipeline-events.ts';
import { importLookFile, saveProjectLook } from './project-look.ts';
import { runLookBatch, type RunLookResult } from './run-look.ts';

export interface RunLookFileOptions {
  lookPath: string;
  /** The user allowed images outside the LOOK.json's folder. */
  allowOutside?: boolean;
  outDir: string;
  /** Default: <outDir>/.continuity-project, so `--resume` finds the same project. */
  projectDir?: string;
  provider?: string;
  model?: string;
  budgetUsd?: number | null;
  concurrency?: number;
  resume?: boolean;
  clips?: number;
  seed?: number;
  /** Render at this size instead of the look's (a quick previz draft); saved on the project's copy of the look. */
  size?: BatchSize;
  maxRetries?: number;
  formats?: ExportFormat[];
  includeAll?: boolean;
  /** When the model cannot make the batch's exact duration/size/fps: conform locally (default) or refuse. */
  conformPolicy?: ConformPolicy;
  /** How the gate's auto-approvals of this headless run are described in the record (default: `continuity run`). */
  approveAction?: string;
  env?: NodeJS.ProcessEnv;
  /** The user turned on the semantic metric (Replicate CLIP); refused without a Replicate key. */
  semantic?: boolean;
  /** Another writer holds the project: wait for it (true) or refuse naming it (default). */
  waitForProject?: boolean;
  /** Told once when the project is held by another writer and this run waits. */
  onProjectWaiting?: (message: string) => void;
  signal?: AbortSignal;
  onEvent?: (e: PipelineEvent) => void;
  onExportProgress?: (fraction: number, step: string) => void;
}

/** `pack` is null when no clip of the batch was made (every shot failed): there is nothing to deliver. */
export interface RunLookFileResult { projectDir: string; lookId: string; run: RunLookResult; pack: ExportLookResult | null }

export const DEFAULT_PROJECT_DIR = '.continuity-project';

export async function runLookFile(o: RunLookFileOptions): Promise<RunLookFileResult> {
  const outDir = resolve(o.outDir);
  const projectDir = resolve(o.projectDir ?? join(outDir, DEFAULT_PROJECT_DIR));
  // Turned on without a Replicate key: refused before anything is created or locked.
  const semantic = o.semantic ? createReplicateClip({ env: o.env }) : undefined;
  const project = openProject(projectDir, { create: true });
  let lock;
  try {
    // One writer per project: a second run on it would reconcile this one's creates in flight.
    lock = await lockProject(project.dir, { command: thisCommand('continuity run'), wait: o.waitForProject, signal: o.signal, onWaiting: o.onProjectWaiting });
  } catch (err) { project.close(); throw err; }
  try {
    const imported = await importLookFile(project, o.lookPath, { allowOutside: o.allowOutside });
    const { lookId } = imported;
    // A draft size lives on the project's copy of the look (the LOOK.json is the user's and untouched),
    // so the plan, the renders and the pack all agree on it.
    const loaded = o.size && o.size !== imported.loaded.look.batch.size
      ? await saveProjectLook(project, lookId, { ...imported.loaded.look, batch: { ...imported.loaded.look.batch, size: o.size } })
      : imported.loaded;
    const batch = loaded.look.batch;
    // --model alone: the registry knows which provider offers it.
    const provider = o.provider ?? (o.model ? undefined : batch.provider);
    const renderer = createShotRenderer({
      provider, model: o.model ?? (o.provider && o.provider !== batch.provider ? defaultModelFor(o.provider) : batch.model),
      purpose: 'look-batch', commercialOnly: batch.commercialOnly, project, env: o.env,
      concurrency: o.concurrency, budgetUsd: o.budgetUsd ?? batch.budgetUsd ?? null, batchId: `look-${lookId}`, conformPolicy: o.conformPolicy,
      keyframeModel: batch.keyframeModel,
    });
    try {
      const quality = createLookQualityStep({ semantic });
      const run = await runLookBatch({
        project, lookId, loaded, renderer, quality, clips: o.clips, seed: o.seed, maxRetries: o.maxRetries,
        budgetUsd: o.budgetUsd ?? batch.budgetUsd ?? null, concurrency: o.concurrency, resume: o.resume,
        autoApprove: { action: o.approveAction ?? 'gate pass in a headless run (continuity run): no person reviewed it' }, signal: o.signal, onEvent: o.onEvent,
      });
      // Every shot failed: nothing to export, and "no rendered takes" would hide the real reasons
      // (the caller reports each shot's). Otherwise the clips that succeeded are delivered.
      const pack = run.shots.every((s) => s.status === 'failed') ? null : await exportLook({
        project, lookId, outDir, formats: o.formats, includeAll: o.includeAll, signal: o.signal,
        onProgress: o.onExportProgress && ((p) => o.onExportProgress!(p.fraction, p.step)),
      });
      return { projectDir, lookId, run, pack };
    } finally {
      await renderer.close?.();
    }
  } finally {
    project.close();
    lock.release();
  }
}

/** When only --provider is given: that provider's first image-capable video model. */
function defaultModelFor(provider: string): string {
  const defaults: Record<string, string> = {
    local: 'local-animatic',
    fal: 'fal-ai/veo3.1/image-to-video',
    replicate: 'wan-video/wan-2.2-i2v-fast',
    openai: 'sora-2',
  };
  return defaults[provider] ?? provider;
}
