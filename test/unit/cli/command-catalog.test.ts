import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { commandCatalog, commandFacts } from '../../../cli/command-catalog.ts';
import type { CliCommand } from '../../../cli/command.ts';

const commandsDir = join(import.meta.dirname, '..', '..', '..', 'cli', 'commands');

test('commandFacts reads a command file\'s name and summary literals, and skips helper files', () => {
  const src = "export const command: CliCommand = {\n  name: 'grade',\n  summary: 'grade a clip toward the look\\'s reference',\n  help,";
  assert.deepEqual(commandFacts(src), { name: 'grade', summary: "grade a clip toward the look's reference" });
  assert.equal(commandFacts("export function formatPlan() { return { name: 'x', summary: 'y' }; }"), undefined);
});

test('the catalog lists every command module under the name and summary the module itself exports', async () => {
  const catalog = commandCatalog();
  const exported: CliCommand[] = [];
  for (const file of readdirSync(commandsDir).filter((f) => f.endsWith('.ts'))) {
    const mod = (await import(pathToFileURL(join(commandsDir, file)).href)) as { command?: CliCommand };
    if (mod.command) exported.push(mod.command);
    else assert.doesNotMatch(readFileSync(join(commandsDir, file), 'utf8'), /export const command\b/, file);
  }
  assert.ok(exported.length >= 10, `found ${exported.length} commands`);
  assert.deepEqual([...catalog.keys()].sort(), exported.map((c) => c.name).sort());
  for (const c of exported) {
    const entry = catalog.get(c.name)!;
    assert.equal(entry.summary, c.summary, `summary of ${c.name}: write it as one single-quoted literal`);
    assert.equal((await entry.load()).name, c.name);
  }
});
