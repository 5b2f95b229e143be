/**
 * Issue 11's acceptance measured by hand on any delivered pack, with the same independent helpers
 * the demo test uses: `npx tsx test/integration/demo/check-remix-pack.ts "<pack folder>"`.
 * Prints one line per variant and every failed item; exit 1 when any fails, 2 on bad input.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describeFigure, measureRemixedVariants } from './remix-checks.ts';

const root = process.argv[2];
if (!root || !existsSync(join(root, 'PromptPacks'))) {
  process.stderr.write(`usage: check-remix-pack.ts <pack folder with PromptPacks/ and Clips/> (got ${JSON.stringify(root ?? null)})\n`);
  process.exit(2);
}
const { figures, failures } = measureRemixedVariants(root);
for (const f of figures) process.stdout.write(`${describeFigure(f)}\n`);
for (const f of failures) process.stdout.write(`FAIL ${f}\n`);
process.stdout.write(failures.length ? `${failures.length} failed\n` : 'all issue 11 pack checks hold\n');
process.exit(failures.length ? 1 : 0);
