/**
 * What a run needs besides the look, built with core/pipeline's own factories (the CLI uses the
 * same ones): the generator for the chosen model — gated first, so a model that cannot carry a
 * visual anchor is refused naming the eligible ones — and the look's grade/score step.
 */
import { createShotRenderer } from '../pipeline/create-renderer.ts';
import { createLookQualityStep } from '../pipeline/look-quality.ts';
import { createReplicateClip } from '../providers/replicate/replicate-clip.ts';
import type { QualityStep } from '../pipeline/quality-step.ts';
import type { ShotRenderer } from '../pipeline/shot-renderer.ts';
import type { Project } from '../store/open-project.ts';
import type { KeyStore } from './key-store.ts';

export interface RunDeps { renderer: ShotRenderer; quality: QualityStep }

export interface RunChoice { provider: string; model: string; commercialOnly: boolean; concurrency: number; budgetUsd: number | null; batchId: string }

/** Gate and build the renderer synchronously (a refusal must reach the UI before any work starts). */
export function createRunRenderer(project: Project, choice: RunChoice, keyStore: KeyStore, env: NodeJS.ProcessEnv, onJobEvent?: (e: { takeId: string; state: string; progress: number; costSoFarUsd: number }) => void): ShotRenderer {
  return createShotRenderer({
    provider: choice.provider, model: choice.model, purpose: 'look-batch', commercialOnly: choice.commercialOnly, project, env, keyStore,
    concurrency: choice.concurrency, budgetUsd: choice.budgetUsd, batchId: choice.batchId, onJobEvent,
  });
}

/**
 * Grade + score; the pipeline passes each shot's look references (colour never follows the previous
 * clip). With the semantic check turned on in Settings, takes are also judged by Replicate CLIP
 * (refused, naming the key, when no Replicate key is set).
 */
export function createRunQuality(semanticCheck = false, keyStore?: KeyStore, env: NodeJS.ProcessEnv = process.env): QualityStep {
  return createLookQualityStep({ semantic: semanticCheck ? createReplicateClip({ store: keyStore, env }) : undefined });
}
