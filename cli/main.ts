/**
 * The `continuity` command line: a thin shell over core/. Exit codes: 0 ok, 1 failed work,
 * 2 bad input (the message names the argument and the value), 130 canceled (Ctrl-C).
 */
import type { CliIO } from './command.ts';
import { commandCatalog, type CatalogEntry } from './command-catalog.ts';
import { InputError, isCanceled } from '../core/domain/errors.ts';
import { redact } from '../core/log/logger.ts';
import { startProcessHygiene } from './shared/signals.ts';
import { APP_VERSION } from '../core/pipeline/app-version.ts';
import { installCrashGuard } from './crash-guard.ts';

function usage(commands: Map<string, CatalogEntry>): string {
  const width = Math.max(...[...commands.keys()].map((k) => k.length));
  const lines = [...commands.values()].map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `continuity — AI video clips that cut together\n\nUsage: continuity COMMAND [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "continuity COMMAND --help" for a command's options.\nExit codes: 0 ok, 1 failed work, 2 bad input, 130 canceled.`;
}

export async function main(argv: string[], io?: Partial<CliIO>): Promise<number> {
  const controller = new AbortController();
  const stopHygiene = startProcessHygiene(controller); // SIGINT/SIGTERM/SIGHUP cancel; dead runs' folders reclaimed
  const full: CliIO = {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
    isTTY: Boolean(process.stderr.isTTY),
    signal: controller.signal,
    ...io,
  };
  // Process-wide handlers only for the real command line, not when a test calls main() in-process.
  const guard = io ? null : installCrashGuard(full.err);
  try {
    const commands = commandCatalog();
    const [name, ...rest] = argv;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      full.out(usage(commands));
      return name ? 0 : 2;
    }
    if (name === '--version' || name === '-V') { full.out(APP_VERSION); return 0; }
    const entry = commands.get(name);
    if (!entry) {
      full.err(`continuity: unknown command ${JSON.stringify(name)}.\n\n${usage(commands)}`);
      return 2;
    }
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) { full.out(command.helpFor?.(rest) ?? command.help); return 0; }
    return await command.run(rest, full);
  } catch (err) {
    if (isCanceled(err)) { full.err('canceled.'); return 130; }
    if (err instanceof InputError) { full.err(`error: ${redact(err.message)}`); return 2; }
    const e = err as Error;
    full.err(`error: ${redact(e.message ?? String(err))}`);
    if (process.env.CONTINUITY_DEBUG) full.err(redact(e.stack ?? ''));
    return 1;
  } finally {
    stopHygiene();
    guard?.settled();
  }
}
