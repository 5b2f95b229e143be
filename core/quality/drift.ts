/**
 * Colour drift within a clip: ΔE2000 between the mean colour of its opening frames and of its
 * closing frames. A few frames on each side (not one) so a single odd frame is not "drift".
 */
import { deltaE2000 } from '../color/delta-e.ts';
import type { Lab } from '../color/lab.ts';
import { averageLab } from './frame-means.ts';

/**
 * @param means per-frame mean Lab in time order
 * @param edge  fraction of frames averaged at each end (default 10 %, at least one frame)
 */
export function colourDrift(means: readonly Lab[], edge = 0.1): number {
  if (means.length < 2) return 0;
  const k = Math.max(1, Math.min(Math.floor(means.length / 2), Math.round(means.length * edge)));
  return deltaE2000(averageLab(means.slice(0, k)), averageLab(means.slice(-k)));
}
