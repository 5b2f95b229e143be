/**
 * Run async work over items with at most `limit` in flight, in order of start. The first failure
 * aborts the rest (their signal fires) and is rethrown once everything in flight has settled.
 */
export async function runPool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number, signal: AbortSignal) => Promise<R>, parent?: AbortSignal): Promise<R[]> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent?.reason);
  parent?.addEventListener('abort', onAbort, { once: true });
  if (parent?.aborted) controller.abort(parent.reason);
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { err: unknown } | undefined;
  const lane = async () => {
    while (!failure && !controller.signal.aborted && next < items.length) {
      const i = next++;
      try { results[i] = await work(items[i]!, i, controller.signal); } catch (err) {
        if (!failure) failure = { err };
        controller.abort(err);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  } finally {
    parent?.removeEventListener('abort', onAbort);
  }
  if (failure) throw failure.err;
  if (controller.signal.aborted) throw parent?.reason ?? new Error('aborted');
  return results;
}
