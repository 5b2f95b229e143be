/** Tier presets (issue 3): what an agency buys. */
export const TIERS = {
  starter: { clips: 8, anchors: 2, looks: 1 },
  pro: { clips: 20, anchors: 4, looks: 1 },
} as const;
export type Tier = keyof typeof TIERS;

/** Matrix limits shared by the planner and its validator. */
export const MATRIX_LIMITS = { minClips: 8, maxClips: 20, minAnchors: 2, maxAnchors: 4 } as const;

/**
 * How a batch of N clips splits into anchors, variants and seasonal swaps. Each anchor must get at
 * least one variant, so seasonal swaps take what is left after that (at most one per anchor).
 */
export function matrixShape(clips: number, anchors: number): { anchors: number; variants: number; seasonal: number } {
  const a = Math.max(MATRIX_LIMITS.minAnchors, Math.min(MATRIX_LIMITS.maxAnchors, anchors, Math.floor(clips / 2)));
  const seasonal = Math.max(0, Math.min(a, Math.floor((clips - a) / 3), clips - 2 * a));
  return { anchors: a, variants: clips - a - seasonal, seasonal };
}
