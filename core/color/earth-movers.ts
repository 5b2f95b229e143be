/**
 * Earth mover's distance between two discrete distributions: the cheapest way to move the mass
 * of `supply` onto `demand` given a cost per unit moved from i to j. Solved exactly as a min-cost
 * flow by successive shortest paths (Bellman–Ford on the residual graph, since residual arcs carry
 * negative costs). Palettes are small (≤ 32 × 32), so the O(augmentations · V · E) cost is tiny and
 * an exact answer beats any greedy matching.
 */

import { createLogger } from '../log/logger.ts';

const log = createLogger('color');
const EPS = 1e-12;
// Relaxation needs a strictly better path by more than rounding: with a 1e-15 margin, float error
// along a zero-cost residual cycle looks like a negative cycle and the predecessor chain loops.
const IMPROVE = 1e-9;

/**
 * Minimum total cost of moving `supply` (sums to S) onto `demand` (sums to S) with unit costs
 * `cost[i][j]`. Both sides are normalised to sum to 1 first, so the result is a mean cost per unit.
 */
export function earthMoversDistance(supply: readonly number[], demand: readonly number[], cost: readonly (readonly number[])[]): number {
  const n = supply.length, m = demand.length;
  const sa = supply.reduce((s, v) => s + v, 0), sb = demand.reduce((s, v) => s + v, 0);
  if (n === 0 || m === 0 || !(sa > 0) || !(sb > 0)) return 0;
  const left = supply.map((v) => v / sa);
  const right = demand.map((v) => v / sb);
  const flow = Array.from({ length: n }, () => new Float64Array(m));

  // Nodes: 0..n-1 supplies, n..n+m-1 demands. Forward arcs i→j have unbounded capacity; the
  // backward arc j→i exists while flow[i][j] > 0 with cost −cost[i][j].
  const V = n + m;
  for (let guard = 0; guard < 4 * V * V + 16; guard++) {
    const dist = new Float64Array(V).fill(Infinity);
    const prev = new Int32Array(V).fill(-1);
    for (let i = 0; i < n; i++) if (left[i]! > EPS) dist[i] = 0;
    for (let round = 0; round < V; round++) {
      let relaxed = false;
      for (let i = 0; i < n; i++) {
        const di = dist[i]!;
        if (di === Infinity) continue;
        for (let j = 0; j < m; j++) {
          const nd = di + cost[i]![j]!;
          if (nd < dist[n + j]! - IMPROVE) { dist[n + j] = nd; prev[n + j] = i; relaxed = true; }
        }
      }
      for (let j = 0; j < m; j++) {
        const dj = dist[n + j]!;
        if (dj === Infinity) continue;
        for (let i = 0; i < n; i++) {
          if (flow[i]![j]! <= EPS) continue;
          const nd = dj - cost[i]![j]!;
          if (nd < dist[i]! - IMPROVE) { dist[i] = nd; prev[i] = n + j; relaxed = true; }
        }
      }
      if (!relaxed) break;
    }
    // Cheapest reachable demand that still wants mass.
    let target = -1;
    for (let j = 0; j < m; j++) if (right[j]! > EPS && dist[n + j]! < Infinity && (target < 0 || dist[n + j]! < dist[n + target]!)) target = j;
    if (target < 0) break;

    // Walk back to the source supply to find the bottleneck.
    let amount = right[target]!;
    let node = n + target;
    let steps = 0;
    while (prev[node]! >= 0) {
      if (++steps > V) {
        // Defensive: a predecessor loop can only come from rounding; keep the flow found so far.
        log.warn('earth mover\'s distance stopped early on a rounding loop', { n, m });
        return flowCost(flow, cost);
      }
      const p = prev[node]!;
      if (node < n) amount = Math.min(amount, flow[node]![p - n]!); // backward arc j→i undoes flow i→j
      node = p;
    }
    amount = Math.min(amount, left[node]!);
    if (!(amount > EPS)) break;
    left[node] = left[node]! - amount;
    right[target] = right[target]! - amount;
    node = n + target;
    while (prev[node]! >= 0) {
      const p = prev[node]!;
      if (node >= n) flow[p]![node - n]! += amount; else flow[node]![p - n]! -= amount;
      node = p;
    }
  }
  return flowCost(flow, cost);
}

function flowCost(flow: Float64Array[], cost: readonly (readonly number[])[]): number {
  let total = 0;
  flow.forEach((row, i) => row.forEach((f, j) => { total += f * cost[i]![j]!; }));
  return total;
}
