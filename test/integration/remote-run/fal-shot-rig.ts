/**
 * One shot through runShot on the fal renderer pointed at a loopback URL (the fake fal, or a closed
 * port): shared by the money and stuck-job tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { PlannedShotSchema } from '../../../core/domain/shot.ts';
import type { Budget } from '../../../core/pipeline/budget.ts';
import { createShotRenderer } from '../../../core/pipeline/create-renderer.ts';
import { resolveLookAssets } from '../../../core/pipeline/look-assets.ts';
import { createLookQualityStep } from '../../../core/pipeline/look-quality.ts';
import type { AttemptRecord, ShotJob, ShotRunContext } from '../../../core/pipeline/run-shot.ts';
import type { ShotRenderer } from '../../../core/pipeline/shot-renderer.ts';
import type { Project } from '../../../core/store/open-project.ts';

export const VEO = 'fal-ai/veo3.1/image-to-video';

export interface FalShotRig { dir: string; set: string; dispose(): void }

/** A temp folder with one on-look reference image. */
export async function makeRig(name: string): Promise<FalShotRig> {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const set = join(dir, 'set.png');
  await sharp({ create: { width: 320, height: 180, channels: 3, background: { r: 150, g: 110, b: 80 } } }).png().toFile(set);
  return { dir, set, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export const shotJob: ShotJob = {
  shot: PlannedShotSchema.parse({ id: 'a1', index: 0, kind: 'anchor', parentId: null, framing: 'wide', motion: 'static', deltas: [], label: 'anchor 1' }),
  prompt: 'a warm café, static wide', negativePrompt: '', seed: 11,
};

export function falRenderer(project: Project, baseUrl: string, batchId: string): ShotRenderer {
  return createShotRenderer({
    provider: 'fal', model: VEO, purpose: 'look-batch', project, batchId, budgetUsd: 50,
    env: { FAL_KEY: 'fake-key-for-tests', CONTINUITY_FAL_BASE_URL: baseUrl, CONTINUITY_POLL_INTERVAL_MS: '20' },
  });
}

export function shotContext(rig: FalShotRig, r: ShotRenderer, budget: Budget, attempts: AttemptRecord[]): ShotRunContext {
  return {
    renderer: r, quality: createLookQualityStep(), assets: resolveLookAssets([{ path: rig.set, role: 'set', sha256: 'a'.repeat(64), approved: true, index: 0 }], []),
    budget, width: 320, height: 180, seconds: 4, fps: 24, maxRetries: 0, workDir: rig.dir, seedInheritable: true, takeKey: 'row-a1',
    emit: () => {}, record: async (a) => { attempts.push(a); },
  };
}
