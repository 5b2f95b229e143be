/**
 * The local animatic renderer as a ShotRenderer: free, offline, deterministic for a seed, previz.
 */
import { renderAnimatic } from '../providers/local/render-animatic.ts';
import { getModel } from '../providers/registry.ts';
import type { RenderRequest, RenderResult, ShotRenderer } from './shot-renderer.ts';

export function createLocalShotRenderer(): ShotRenderer {
  return {
    provider: 'local',
    model: getModel('local-animatic', 'local'),
    estimateAttemptUsd: () => 0,
    async render(req: RenderRequest): Promise<RenderResult> {
      const seed = req.seed ?? 1;
      const result = await renderAnimatic({
        startImage: req.startImage, endImage: req.endImage, width: req.width, height: req.height,
        seconds: req.seconds, fps: req.fps, motion: req.shot.motion, deltas: req.deltas, layers: req.layers,
        seed, out: req.out, startOnFullFrame: req.startIsBridge ?? false, signal: req.signal, onProgress: req.onProgress,
      });
      return {
        path: result.path, provider: 'local', model: 'local-animatic', seedReturned: seed, remoteId: null, costUsd: 0, costEstimated: false, previz: true,
        parameters: { motion: result.motion, frames: result.frames, width: result.width, height: result.height, fps: result.fps, seconds: result.seconds },
        note: result.mechanismNote,
      };
    },
  };
}
