import { readFileSync } from 'node:fs';

/**
 * One line of `npm run bench`'s table: an operation's time, the floor it is measured against (plain
 * ffmpeg doing the same work, measured in the same run) and the ratio with the target it must meet.
 * A ratio, never a bare time: the machine's speed cancels out (STYLE.md "Tests").
 */
export interface BenchRow {
  operation: string;
  seconds: number;
  floor: string;
  floorSeconds: number;
  /** The most the ratio may be (issue 18); absent when no target is set. */
  target?: number;
  /**
   * CPU seconds (user + system, this process's threads and the children it waited for) of the
   * operation and of its floor, best of the runs. On a shared machine wall time moves with the
   * neighbours' load; CPU time moves much less, so this ratio is the steadier of the two.
   */
  cpuSeconds?: number;
  floorCpuSeconds?: number;
  note?: string;
}

/** Wall and CPU seconds of one timed call. */
export interface Timing { wall: number; cpu: number }

/**
 * CPU seconds used so far by this process (all threads: libvips, the event loop) plus the
 * children it has waited for (ffmpeg, ffprobe): Linux's /proc/self/stat cutime + cstime, in clock
 * ticks of 1/100 s. Elsewhere the children's share is missing, so the figure is marked by NaN.
 */
function cpuNow(): number {
  const self = process.cpuUsage();
  let children = NaN;
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / 100;
  } catch { /* not Linux */ }
  return (self.user + self.system) / 1e6 + children;
}

/** Wall and CPU time of `fn` (its ffmpeg children included, once they have exited). */
export async function timed(fn: () => Promise<unknown>): Promise<Timing> {
  const t = performance.now(), c = cpuNow();
  await fn();
  return { wall: (performance.now() - t) / 1000, cpu: cpuNow() - c };
}

/** The lowest wall and the lowest CPU of several timings: a busy machine only ever adds. */
export function best(timings: readonly Timing[]): Timing {
  return { wall: Math.min(...timings.map((x) => x.wall)), cpu: Math.min(...timings.map((x) => x.cpu)) };
}

/** The spread of several wall timings, "min–max s", for the notes. */
export function spread(timings: readonly Timing[]): string {
  const w = timings.map((x) => x.wall);
  return `${Math.min(...w).toFixed(2)}–${Math.max(...w).toFixed(2)} s`;
}

/** A row from timings of the operation and its floor (best of each for wall and for CPU). */
export function rowOf(o: Omit<BenchRow, 'seconds' | 'floorSeconds' | 'cpuSeconds' | 'floorCpuSeconds'>, op: readonly Timing[], floor: readonly Timing[]): BenchRow {
  const a = best(op), f = best(floor);
  return { ...o, seconds: a.wall, floorSeconds: f.wall, cpuSeconds: a.cpu, floorCpuSeconds: f.cpu };
}

export const ratioOf = (r: BenchRow): number => r.seconds / r.floorSeconds;

/** The table `npm run bench` prints. */
export function formatBenchTable(rows: BenchRow[]): string {
  const cells = rows.map((r) => {
    const ratio = ratioOf(r);
    const verdict = r.target === undefined ? '' : ratio <= r.target ? 'ok' : 'OVER';
    const cpu = r.cpuSeconds !== undefined && r.floorCpuSeconds ? `×${(r.cpuSeconds / r.floorCpuSeconds).toFixed(2)}` : '—';
    return [r.operation, `${r.seconds.toFixed(2)} s`, `${r.floorSeconds.toFixed(2)} s`, `×${ratio.toFixed(2)}`, cpu, r.target === undefined ? '—' : `≤ ×${r.target}`, verdict, `${r.floor}${r.note ? `; ${r.note}` : ''}`];
  });
  const head = ['operation', 'time', 'floor', 'ratio', 'cpu ratio', 'target', '', 'floor is / notes'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === c.length - 1 ? x : x.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
