/**
 * The commands `continuity` knows, listed without loading them: each file in cli/commands/ that
 * exports `command` declares `name: '…'` and `summary: '…'` as single-quoted literals, read here
 * from the file's text. Loading a command module loads its engine (sharp, SQLite, SDKs); `--help`
 * and an unknown command should cost next to nothing (issue 18: ≤ 0.3 s of CPU).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CliCommand } from './command.ts';

export interface CatalogEntry { name: string; summary: string; load(): Promise<CliCommand> }

const here = dirname(fileURLToPath(import.meta.url));
/** Prebuilt (scripts/build-cli.mjs) this module runs from dist/cli-<stamp>/main.mjs, two folders below the root. */
const built = import.meta.url.endsWith('.mjs');
const commandsDir = built ? join(here, '..', '..', 'cli', 'commands') : join(here, 'commands');

/** The `name` and `summary` a command file declares, or undefined for a helper file. */
export function commandFacts(source: string): { name: string; summary: string } | undefined {
  if (!/export const command\b/.test(source)) return undefined;
  const name = /\bname:\s*'([^'\\]+)'/.exec(source)?.[1];
  const summary = /\bsummary:\s*'((?:[^'\\]|\\.)*)'/.exec(source)?.[1]?.replace(/\\(.)/g, '$1');
  return name && summary !== undefined ? { name, summary } : undefined;
}

async function importCommand(base: string): Promise<CliCommand> {
  const url = built ? new URL(`./command-${base}.mjs`, import.meta.url).href : pathToFileURL(join(commandsDir, `${base}.ts`)).href;
  const mod = (await import(url)) as { command?: CliCommand };
  if (!mod.command) throw new Error(`cli/commands/${base}.ts declares a command but exports none`);
  return mod.command;
}

/** Every command, sorted by file name, each loaded only when asked for. */
export function commandCatalog(): Map<string, CatalogEntry> {
  const map = new Map<string, CatalogEntry>();
  for (const file of readdirSync(commandsDir).filter((f) => f.endsWith('.ts')).sort()) {
    const facts = commandFacts(readFileSync(join(commandsDir, file), 'utf8'));
    if (facts) map.set(facts.name, { ...facts, load: () => importCommand(file.slice(0, -3)) });
  }
  return map;
}
