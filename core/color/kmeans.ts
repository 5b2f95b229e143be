/**
 * k-means with k-means++ seeding (Arthur & Vassilvitskii 2007) on interleaved 3-D points
 * (Lab). Euclidean distance in Lab (ΔE76) is what the centroid update minimises; ΔE2000 is not
 * a metric and has no mean, so it is used only to compare the resulting palettes.
 */
import { seededRandom, type Random } from './random.ts';

export interface KMeansResult {
  /** k' ≤ k centroids, interleaved (k'·3). Fewer than k when the data has fewer distinct points. */
  centroids: Float64Array;
  /** Points assigned to each centroid. */
  counts: Uint32Array;
  /** Sum of squared distances to the assigned centroid. */
  inertia: number;
}

export interface KMeansOptions { k: number; seed: number; maxIterations?: number; restarts?: number }

/** Best of `restarts` seeded k-means++ runs (lowest inertia). Deterministic for a seed. */
export function kmeans(points: Float32Array, options: KMeansOptions): KMeansResult {
  const rand = seededRandom(options.seed);
  const distinct = distinctPoints(points);
  let best: KMeansResult | undefined;
  for (let r = 0; r < (options.restarts ?? 3); r++) {
    // Seeding walks every point (its draw depends on their order); Lloyd runs on distinct points.
    const run = lloyd(distinct, seedPlusPlus(points, options.k, rand), options.maxIterations ?? 40);
    if (!best || run.inertia < best.inertia) best = run;
  }
  return best!;
}

function dist2(p: Float32Array, i: number, c: Float64Array, j: number): number {
  const d0 = p[i]! - c[j]!, d1 = p[i + 1]! - c[j + 1]!, d2 = p[i + 2]! - c[j + 2]!;
  return d0 * d0 + d1 * d1 + d2 * d2;
}

function seedPlusPlus(points: Float32Array, k: number, rand: Random): Float64Array {
  const n = points.length / 3;
  const chosen: number[] = [Math.floor(rand() * n)];
  const d = new Float64Array(n).fill(Infinity);
  while (chosen.length < k) {
    const last = chosen[chosen.length - 1]! * 3;
    const c = new Float64Array([points[last]!, points[last + 1]!, points[last + 2]!]);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const v = dist2(points, i * 3, c, 0);
      if (v < d[i]!) d[i] = v;
      total += d[i]!;
    }
    // Every point coincides with a centroid: the data has fewer than k distinct colours.
    if (total <= 1e-12) break;
    let target = rand() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) { target -= d[i]!; if (target <= 0) { pick = i; break; } }
    chosen.push(pick);
  }
  const out = new Float64Array(chosen.length * 3);
  chosen.forEach((p, j) => { out[j * 3] = points[p * 3]!; out[j * 3 + 1] = points[p * 3 + 1]!; out[j * 3 + 2] = points[p * 3 + 2]!; });
  return out;
}

/** Each distinct point once, with how many times it occurs (first-seen order). */
interface DistinctPoints { points: Float32Array; weights: Uint32Array }

/**
 * Pixels sampled from 8-bit images repeat a lot (flat areas, gradients, upscales): Lloyd on each
 * distinct value with its count assigns exactly as on every point and moves the centres to the
 * same weighted means, in a fraction of the work. Only the order of the float sums differs.
 */
function distinctPoints(points: Float32Array): DistinctPoints {
  const n = points.length / 3;
  const bits = new Uint32Array(points.buffer, points.byteOffset, points.length);
  // Open addressing on the points' bit patterns (a string key per point cost more than Lloyd).
  let capacity = 16;
  while (capacity < n * 2) capacity *= 2;
  const mask = capacity - 1;
  const slots = new Int32Array(capacity).fill(-1); // → index of the distinct point
  const firstAt = new Uint32Array(n); // distinct point → the first point with its value
  const weights = new Uint32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = bits[i * 3]!, y = bits[i * 3 + 1]!, z = bits[i * 3 + 2]!;
    let h = Math.imul(x ^ Math.imul(y, 0x9e3779b1) ^ Math.imul(z, 0x85ebca77), 0xc2b2ae3d);
    h ^= h >>> 15;
    let slot = h & mask;
    for (;;) {
      const at = slots[slot]!;
      if (at < 0) { slots[slot] = count; firstAt[count] = i; weights[count++] = 1; break; }
      const f = firstAt[at]! * 3;
      if (bits[f] === x && bits[f + 1] === y && bits[f + 2] === z) { weights[at]!++; break; }
      slot = (slot + 1) & mask;
    }
  }
  const unique = new Float32Array(count * 3);
  for (let j = 0; j < count; j++) {
    const f = firstAt[j]! * 3;
    unique[j * 3] = points[f]!; unique[j * 3 + 1] = points[f + 1]!; unique[j * 3 + 2] = points[f + 2]!;
  }
  return { points: unique, weights: weights.slice(0, count) };
}

function lloyd({ points, weights }: DistinctPoints, initial: Float64Array, maxIterations: number): KMeansResult {
  const n = points.length / 3;
  const k = initial.length / 3;
  const centroids = Float64Array.from(initial);
  const assign = new Int32Array(n).fill(-1);
  const sums = new Float64Array(k * 3);
  const counts = new Uint32Array(k);
  let inertia = 0;
  for (let iter = 0; iter < maxIterations; iter++) {
    let changed = 0;
    inertia = 0;
    sums.fill(0); counts.fill(0);
    for (let i = 0; i < n; i++) {
      let bestJ = 0, bestD = Infinity;
      for (let j = 0; j < k; j++) {
        const v = dist2(points, i * 3, centroids, j * 3);
        if (v < bestD) { bestD = v; bestJ = j; }
      }
      if (assign[i] !== bestJ) { assign[i] = bestJ; changed++; }
      const w = weights[i]!;
      inertia += w * bestD;
      counts[bestJ]! += w;
      sums[bestJ * 3]! += w * points[i * 3]!; sums[bestJ * 3 + 1]! += w * points[i * 3 + 1]!; sums[bestJ * 3 + 2]! += w * points[i * 3 + 2]!;
    }
    for (let j = 0; j < k; j++) {
      // An emptied cluster keeps its old centre; it is dropped from the palette by its zero count.
      if (counts[j]! === 0) continue;
      centroids[j * 3] = sums[j * 3]! / counts[j]!;
      centroids[j * 3 + 1] = sums[j * 3 + 1]! / counts[j]!;
      centroids[j * 3 + 2] = sums[j * 3 + 2]! / counts[j]!;
    }
    if (changed === 0) break;
  }
  return { centroids, counts: Uint32Array.from(counts), inertia };
}
