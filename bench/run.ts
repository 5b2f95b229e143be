/**
 * `npm run bench`: imports every bench/*.bench.ts and prints each result line. Timings live here,
 * never in tests (STYLE.md "Tests"), and each bench reports a ratio against a floor measured in
 * the same run so the numbers mean something on any machine.
 *
 * A bench file exports `name: string` and `run(): Promise<string>` (the line to print).
 * Usage: npm run bench [-- NAME-SUBSTRING ...]
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchModule { name?: string; run?: () => Promise<string> }

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort()
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));

let failed = 0;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
  if (typeof mod.run !== 'function') { process.stderr.write(`${file}: exports no run()\n`); failed++; continue; }
  try {
    process.stdout.write(`${await mod.run()}\n`);
  } catch (err) {
    failed++;
    process.stderr.write(`${mod.name ?? file}: failed: ${(err as Error).message}\n`);
  }
}
if (files.length === 0) process.stderr.write('no bench files matched\n');
process.exitCode = failed ? 1 : 0;
