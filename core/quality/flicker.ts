/**
 * Within-clip flicker from the per-frame mean Lab series of consecutive (or densely sampled)
 * frames. Flicker is frame-to-frame jitter, not change: a slow fade or a camera move changes the
 * mean steadily and must not count. So the headline figure is the mean deviation of each frame's
 * L* from the midpoint of its neighbours (|L[i] − (L[i−1] + L[i+1]) / 2|), which is 0 on any
 * linear ramp and equals the amplitude of an alternating brightness flicker.
 */
import { deltaE2000 } from '../color/delta-e.ts';
import type { Lab } from '../color/lab.ts';

export interface FlickerStats {
  /** Mean |L*[i] − midpoint of neighbours| (L* units); the judged figure. */
  flicker: number;
  /** Largest single-frame jitter (L* units). */
  flickerMax: number;
  /** Mean |ΔL*| between consecutive frames (includes intended change). */
  lumaStep: number;
  /** Mean and max ΔE2000 between consecutive frame means. */
  labStepMean: number;
  labStepMax: number;
  frames: number;
}

/** Flicker statistics of a series of per-frame mean Lab colours (see meanLab). */
export function flickerStats(means: readonly Lab[]): FlickerStats {
  let jitter = 0, jitterMax = 0, step = 0, de = 0, deMax = 0;
  for (let i = 1; i < means.length; i++) {
    const prev = means[i - 1]!, cur = means[i]!;
    step += Math.abs(cur.L - prev.L);
    const d = deltaE2000(prev, cur);
    de += d;
    deMax = Math.max(deMax, d);
    const next = means[i + 1];
    if (next) {
      const j = Math.abs(cur.L - (prev.L + next.L) / 2);
      jitter += j;
      jitterMax = Math.max(jitterMax, j);
    }
  }
  const steps = Math.max(1, means.length - 1);
  const triples = Math.max(1, means.length - 2);
  return { flicker: jitter / triples, flickerMax: jitterMax, lumaStep: step / steps, labStepMean: de / steps, labStepMax: deMax, frames: means.length };
}
