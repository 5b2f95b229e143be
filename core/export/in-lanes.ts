/** Bounded concurrency for the export's ffprobe/ffmpeg work (one process per core). */

/**
 * Run `work` over items with at most `limit` at once (ffprobe/ffmpeg processes: one per core).
 * Results keep the items' order; the first failure is rethrown after the others settle.
 */
export async function inLanes<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let stop = false;
  const lane = async () => {
    while (!stop && next < items.length) {
      const i = next++;
      try { results[i] = await work(items[i]!, i); } catch (err) { stop = true; throw err; }
    }
  };
  const lanes = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  const failed = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected');
  if (failed) throw failed.reason;
  return results;
}
