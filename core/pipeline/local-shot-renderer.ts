/**
 * The local animatic renderer as a ShotRenderer: free, offline, deterministic for a seed, previz.
 * A remix request (variant / seasonal swap) is rendered on its anchor take's own pixels.
 */
import { WorkError } from '../domain/errors.ts';
import { renderAnimatic } from '../providers/local/render-animatic.ts';
import { renderRemix } from '../providers/local/render-remix.ts';
import { getModel } from '../providers/registry.ts';
import type { RenderRequest, RenderResult, ShotRenderer } from './shot-renderer.ts';

async function renderLocalRemix(req: RenderRequest & { remix: NonNullable<RenderRequest['remix']> }, seed: number): Promise<RenderResult> {
  const src = req.remix;
  const r = await renderRemix({
    anchorClip: src.anchorClip, plate: src.anchorPlate ?? undefined, plateLut: src.anchorLut ?? undefined,
    anchorCamera: src.anchorCamera, anchorFraming: src.anchorFraming, deltas: req.deltas, productImages: req.layers.productImages,
    width: req.width, height: req.height, seconds: req.seconds, fps: req.fps, seed, out: req.out, signal: req.signal, onProgress: req.onProgress,
  });
  if (!r.path) {
    // Never a copy of the anchor under the variant's name: the shot fails with what could not be made.
    throw new WorkError(`shot ${req.shot.id} is not delivered as a variant: ${r.notRendered.join('; ')} (local renderer)`, 'delta_not_rendered');
  }
  return {
    path: r.path, provider: 'local', model: 'local-animatic', seedReturned: seed, remoteId: null, costUsd: 0, costEstimated: false, previz: true,
    parameters: { motion: r.camera.motion, camera: r.camera, frames: r.frames, width: req.width, height: req.height, fps: req.fps, seconds: req.seconds },
    note: `local remix (previz) of anchor take ${src.anchorTakeId}: ${r.notes.join('; ')}`,
    remix: { anchorShotId: src.anchorShotId, anchorTakeId: src.anchorTakeId, instruction: src.instruction, via: 'local-delta', anchorRemoteId: null },
  };
}

export function createLocalShotRenderer(): ShotRenderer {
  return {
    provider: 'local',
    model: getModel('local-animatic', 'local'),
    estimateAttemptUsd: () => 0,
    async render(req: RenderRequest): Promise<RenderResult> {
      const seed = req.seed ?? 1;
      if (req.remix) return renderLocalRemix({ ...req, remix: req.remix }, seed);
      const result = await renderAnimatic({
        startImage: req.startImage, endImage: req.endImage, width: req.width, height: req.height,
        seconds: req.seconds, fps: req.fps, motion: req.shot.motion, deltas: req.deltas, layers: req.layers,
        seed, out: req.out, startOnFullFrame: req.startIsBridge ?? false, signal: req.signal, onProgress: req.onProgress,
      });
      return {
        path: result.path, provider: 'local', model: 'local-animatic', seedReturned: seed, remoteId: null, costUsd: 0, costEstimated: false, previz: true,
        parameters: { motion: result.motion, camera: result.camera, frames: result.frames, width: result.width, height: result.height, fps: result.fps, seconds: result.seconds },
        note: result.mechanismNote,
      };
    },
  };
}
