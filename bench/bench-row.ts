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
  note?: string;
}

export const ratioOf = (r: BenchRow): number => r.seconds / r.floorSeconds;

/** Best (lowest) of n timed runs of fn, in seconds: a busy machine only ever adds time. */
export async function bestOf(n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    best = Math.min(best, (performance.now() - t) / 1000);
  }
  return best;
}

/** The table `npm run bench` prints. */
export function formatBenchTable(rows: BenchRow[]): string {
  const cells = rows.map((r) => {
    const ratio = ratioOf(r);
    const verdict = r.target === undefined ? '' : ratio <= r.target ? 'ok' : 'OVER';
    return [r.operation, `${r.seconds.toFixed(2)} s`, `${r.floorSeconds.toFixed(2)} s`, `×${ratio.toFixed(2)}`, r.target === undefined ? '—' : `≤ ×${r.target}`, verdict, `${r.floor}${r.note ? `; ${r.note}` : ''}`];
  });
  const head = ['operation', 'time', 'floor', 'ratio', 'target', '', 'floor is / notes'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === c.length - 1 ? x : x.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
