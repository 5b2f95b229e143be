/**
 * What every shot of a session run shares, resolved once: the look's canon (the latest version,
 * or an offline draft saved as version 1), its images, the batch's size/seconds/fps, and how one
 * session shot becomes a PlannedShot + compiled prompt + planned prompt pack.
 */
import type { Canon } from '../domain/canon.ts';
import { parseSize } from '../domain/look.ts';
import type { PromptPack } from '../domain/prompt-pack.ts';
import type { ContinuitySession, SessionShot } from '../continuity/session.ts';
import { applyCanonOverrides } from '../canon/apply-canon-overrides.ts';
import { compilePrompt, type CompiledPrompt } from '../canon/compile-prompt.ts';
import { draftCanonOffline } from '../canon/draft-canon-offline.ts';
import { promptProfileFor } from '../canon/prompt-model-profile.ts';
import type { LoadedLook } from '../look/load-look-file.ts';
import { buildPromptPack } from '../plan/build-prompt-pack.ts';
import { packReferencesOf, referencePalettesOf } from '../plan/plan-look.ts';
import { getCanonVersion, saveCanonVersion } from '../store/looks-repo.ts';
import type { Project } from '../store/open-project.ts';
import { lookImagesOf, resolveLookAssets, type LookAssets } from './look-assets.ts';
import type { ShotRenderer } from './shot-renderer.ts';
import { sessionPlannedShot, type SessionPlannedShot } from './session-store.ts';

export interface SessionSetup {
  loaded: LoadedLook;
  canon: Canon;
  canonVersion: number;
  assets: LookAssets;
  width: number;
  height: number;
  seconds: number;
  fps: number;
  /** The look's seed and the provider + model it belongs to (seeds never cross providers). */
  lookSeed: { seed: number; provider: string; model: string };
}

export interface PlannedSessionShot { plan: SessionPlannedShot; compiled: CompiledPrompt; pack: PromptPack }

/** Resolve the look once for a session run. */
export function prepareSessionSetup(project: Project, lookId: string, loaded: LoadedLook): SessionSetup {
  let row = getCanonVersion(project.db, lookId);
  if (!row) {
    const canon = applyCanonOverrides(draftCanonOffline(loaded.look, referencePalettesOf(loaded)), loaded.look.canonOverrides);
    saveCanonVersion(project.db, lookId, canon, 'offline');
    row = getCanonVersion(project.db, lookId)!;
  }
  const images = lookImagesOf(loaded);
  const assets = resolveLookAssets(images.references, images.productShots);
  const { width, height } = parseSize(loaded.look.batch.size);
  const { batch } = loaded.look;
  return {
    loaded, canon: row.canon, canonVersion: row.version, assets, width, height, seconds: batch.seconds, fps: batch.fps,
    lookSeed: { seed: batch.seed, provider: batch.provider, model: batch.model },
  };
}

/** The canon with the shot's own action added as a beat (the canon allows at most three). */
function canonForShot(canon: Canon, shot: SessionShot, seconds: number): Canon {
  const action = shot.action.trim();
  if (!action) return canon;
  const beat = { atSeconds: Math.round(seconds * 5) / 10, beat: action };
  return { ...canon, action: [...canon.action.slice(0, 2), beat] };
}

/** Plan, prompt and planned pack for the session's shot at `index`. */
export function planSessionShot(setup: SessionSetup, session: ContinuitySession, index: number, renderer: ShotRenderer): PlannedSessionShot {
  const shot = session.shots[index]!;
  const plan = sessionPlannedShot(shot, index);
  const compiled = compilePrompt({
    canon: canonForShot(setup.canon, shot, setup.seconds), shot: plan, brandKit: setup.loaded.look.brandKit,
    model: promptProfileFor(renderer.model.id),
    batch: { width: setup.width, height: setup.height, seconds: setup.seconds, fps: setup.fps, seed: setup.lookSeed.seed },
  });
  const pack = buildPromptPack({
    lookName: setup.loaded.look.name, canonVersion: setup.canonVersion, shot: plan,
    compiled: { ...compiled, parameters: { ...compiled.parameters, session: { id: session.id, name: session.name, position: index + 1, mode: shot.mode } } },
    references: packReferencesOf(setup.loaded), provider: renderer.provider, model: renderer.model.id,
    size: { width: setup.width, height: setup.height }, seconds: setup.seconds, fps: setup.fps,
    estimatedCostUsd: renderer.estimateAttemptUsd(setup.seconds),
  });
  return { plan, compiled, pack };
}
