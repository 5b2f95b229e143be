/**
 * Child process for the kill test: reads a ClipPackInput from a JSON file and exports it.
 * Prints "start" just before writing so the parent can time its kill into the export itself.
 * Usage: node --import tsx export-child.ts INPUT.json OUT_DIR [--all]
 */
import { readFileSync } from 'node:fs';
import { writeClipPack } from '../../../core/export/write-clip-pack.ts';
import type { ClipPackInput } from '../../../core/export/types.ts';

const [inputPath, outDir, flag] = process.argv.slice(2);
const input = JSON.parse(readFileSync(inputPath!, 'utf8')) as ClipPackInput;
process.stdout.write('start\n');
await writeClipPack(input, { outDir: outDir!, includeAll: flag === '--all' });
process.stdout.write('done\n');
