/**
 * The palette every quality and grade comparison uses (same k, same sampling on both sides),
 * remembered by content. A run measures the same look references for every take, and grading
 * measures the same frames several times while it picks a transform: k-means over them was a
 * fifth of a run's CPU. The palette is a pure function of the pixels (seeded k-means), so a
 * result found by content is the result k-means would give again.
 */
import { createHash } from 'node:crypto';
import type { RawImage } from '../domain/raw-image.ts';
import { extractPalette, type WeightedColor } from '../color/palette.ts';

/**
 * Palette size. k = 8, not 5: with 5 clusters a many-coloured frame flips between local optima and
 * two palettes of the same footage measured 9 ΔE apart; 8 keeps same-footage distances near 2 at
 * 2× the k-means cost.
 */
export const PALETTE_K = 8;
/** Pixels clustered per palette: ample for 8 colours, and k-means cost is linear in it (40k took 0.5 s). */
export const PALETTE_SAMPLES = 12_000;

/** Palettes kept; a run's references plus the frames of the takes in flight fit comfortably. */
const KEPT = 64;
const remembered = new Map<string, WeightedColor[]>();

/** The look palette of `images` pooled (computed once per distinct set of pixels). */
export function lookPalette(images: RawImage | readonly RawImage[]): WeightedColor[] {
  const list: readonly RawImage[] = Array.isArray(images) ? images : [images as RawImage];
  const key = contentKey(list);
  let palette = remembered.get(key);
  if (palette) {
    remembered.delete(key); // most recently used goes last
  } else {
    palette = extractPalette(list, { k: PALETTE_K, maxSamples: PALETTE_SAMPLES });
    if (remembered.size >= KEPT) remembered.delete(remembered.keys().next().value!);
  }
  remembered.set(key, palette);
  // Copies: callers may sort or adjust what they get without changing what is remembered.
  return palette.map((c) => ({ ...c, lab: { ...c.lab } }));
}

function contentKey(list: readonly RawImage[]): string {
  const h = createHash('sha1');
  for (const img of list) {
    h.update(`${img.width}x${img.height}x${img.channels};`);
    h.update(img.data);
  }
  return h.digest('hex');
}
