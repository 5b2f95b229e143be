/**
 * The `continuity` command line: a thin shell over core/. Exit codes: 0 ok, 1 failed work,
 * 2 bad input (the message names the argument and the value), 130 canceled (Ctrl-C).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CliCommand, CliIO } from './command.ts';
import { InputError, isCanceled } from '../core/domain/errors.ts';
import { redact } from '../core/log/logger.ts';
import { APP_VERSION } from '../core/pipeline/app-version.ts';

const commandsDir = join(dirname(fileURLToPath(import.meta.url)), 'commands');

async function loadCommands(): Promise<Map<string, CliCommand>> {
  const files = readdirSync(commandsDir).filter((f) => f.endsWith('.ts')).sort();
  const map = new Map<string, CliCommand>();
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(commandsDir, file)).href)) as { command?: CliCommand };
    if (mod.command) map.set(mod.command.name, mod.command);
  }
  return map;
}

function usage(commands: Map<string, CliCommand>): string {
  const width = Math.max(...[...commands.keys()].map((k) => k.length));
  const lines = [...commands.values()].map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `continuity — AI video clips that cut together\n\nUsage: continuity COMMAND [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "continuity COMMAND --help" for a command's options.\nExit codes: 0 ok, 1 failed work, 2 bad input, 130 canceled.`;
}

export async function main(argv: string[], io?: Partial<CliIO>): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const full: CliIO = {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
    isTTY: Boolean(process.stderr.isTTY),
    signal: controller.signal,
    ...io,
  };
  try {
    // Answered before any command module loads: it must stay instant. The version is the app's own
    // package.json, never npm_package_version (that names whichever package ran npm).
    if (argv[0] === '--version' || argv[0] === '-V') { full.out(APP_VERSION); return 0; }
    const commands = await loadCommands();
    const [name, ...rest] = argv;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      full.out(usage(commands));
      return name ? 0 : 2;
    }
    const command = commands.get(name);
    if (!command) {
      full.err(`continuity: unknown command ${JSON.stringify(name)}.\n\n${usage(commands)}`);
      return 2;
    }
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
    process.off('SIGINT', onSigint);
  }
}
