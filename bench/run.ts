/**
 * `npm run bench`: runs every bench/*.bench.ts and prints one table of ratios against floors
 * measured in the same run. Timings live here, never in tests (STYLE.md "Tests").
 *
 * A bench file exports `name: string` and `run(): Promise<BenchRow | BenchRow[] | string>`.
 * Usage: npm run bench [-- NAME-SUBSTRING ...]
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatBenchTable, type BenchRow } from './bench-row.ts';

interface BenchModule { name?: string; run?: () => Promise<BenchRow | BenchRow[] | string> }

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort()
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));

let failed = 0;
const rows: BenchRow[] = [];
const lines: string[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
  if (typeof mod.run !== 'function') { process.stderr.write(`${file}: exports no run()\n`); failed++; continue; }
  process.stderr.write(`bench: ${mod.name ?? file}…\n`);
  try {
    const out = await mod.run();
    if (typeof out === 'string') lines.push(out);
    else rows.push(...(Array.isArray(out) ? out : [out]));
  } catch (err) {
    failed++;
    process.stderr.write(`${mod.name ?? file}: failed: ${(err as Error).message}\n`);
  }
}
if (rows.length) process.stdout.write(`${formatBenchTable(rows)}\n`);
for (const l of lines) process.stdout.write(`${l}\n`);
if (files.length === 0) process.stderr.write('no bench files matched\n');
process.exitCode = failed ? 1 : 0;
