/**
 * What a CLI command file exports. Each file in cli/commands/ is one command; cli/main.ts
 * discovers them, so adding a command never touches a shared file.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../core/domain/errors.ts';

export interface CliCommand {
  name: string;
  /** One line for `continuity --help`. */
  summary: string;
  /** Full text for `continuity NAME --help`. */
  help: string;
  /** Commands with subcommands: the help for `continuity NAME SUB --help` (undefined → `help`). */
  helpFor?(argv: string[]): string | undefined;
  run(argv: string[], io: CliIO): Promise<number>;
}

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  isTTY: boolean;
  signal: AbortSignal;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with our error style: unknown or malformed options are bad input (exit 2). */
export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new InputError(`${command}: ${(err as Error).message}. Run "continuity ${command} --help".`);
  }
}

/** Parse a numeric option, naming the option and the value when it is not a number in range. */
export function numberOption(name: string, raw: string | undefined, opts: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  const bad = !Number.isFinite(n) || (opts.integer && !Number.isInteger(n)) || (opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max);
  if (bad) {
    const range = opts.min !== undefined || opts.max !== undefined ? ` between ${opts.min ?? '-∞'} and ${opts.max ?? '∞'}` : '';
    throw new InputError(`--${name} must be ${opts.integer ? 'a whole number' : 'a number'}${range}, got ${JSON.stringify(raw)}`, name, raw);
  }
  return n;
}

/**
 * The one positional argument a command takes (VIDEO, DIR, …), or bad input naming what was given.
 * `what` is the argument's name in the help text; `described` how the message says it.
 */
export function exactlyOnePositional(command: string, positionals: string[], what: string, described = what): string {
  if (positionals.length !== 1) {
    throw new InputError(`${command} takes exactly one ${described}, got ${positionals.length} (${JSON.stringify(positionals)}). Run "continuity ${command} --help".`, what, positionals);
  }
  return positionals[0]!;
}
