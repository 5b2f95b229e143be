/**
 * Stops for the CLI (RELIABILITY.md "Stops and load"): SIGINT (Ctrl-C), SIGTERM and SIGHUP all
 * cancel the same way — the command's AbortSignal fires, children are killed and temp folders
 * removed by the code that made them, and the command exits 130 with no partial output. A
 * second signal while cancelling ends the process at once. At start, scratch folders left by
 * killed runs (their pid is gone) are reclaimed.
 */
import { reclaimDeadWorkDirs, removeOwnWorkRoot } from '../../core/runtime/work-dirs.ts';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Wire the stop signals to `controller` and reclaim dead runs' work folders.
 * @returns a function that unwires them and removes this process's own (by then empty) work root
 */
export function startProcessHygiene(controller: AbortController): () => void {
  try { reclaimDeadWorkDirs(); } catch { /* best effort: a stale folder is not worth failing a command for */ }
  let stops = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    stops++;
    if (stops > 1) process.exit(sig === 'SIGINT' ? 130 : 128 + (sig === 'SIGTERM' ? 15 : 1));
    controller.abort(); // the default reason is an AbortError: commands report it as canceled (exit 130)
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return () => {
    for (const s of SIGNALS) process.off(s, onSignal);
    try { removeOwnWorkRoot(); } catch { /* nothing to remove */ }
  };
}
