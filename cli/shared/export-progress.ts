/** Export progress on stderr for `export` and `session export`: one line per new step, TTY only, never with --json. */
import type { CliIO } from '../command.ts';

export function exportProgressPrinter(io: CliIO, json: boolean): (p: { fraction: number; step: string }) => void {
  let lastStep = '';
  return (p) => {
    if (!io.isTTY || json || p.step === lastStep) return;
    lastStep = p.step;
    io.err(`  ${Math.round(p.fraction * 100)}% ${p.step}`);
  };
}
