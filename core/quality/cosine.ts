/**
 * Cosine similarity of two feature vectors: one definition for the semantic metric (CLIP image
 * embeddings from Replicate, replicate-clip.ts) and the identity calibration (face descriptors,
 * scripts/eval/eval-identity.ts).
 */

/** Cosine of the angle between `a` and `b` over their common length; 0 when either is all zeros (no direction). */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) { dot += a[i]! * b[i]!; na += a[i]! ** 2; nb += b[i]! ** 2; }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
