/**
 * `continuity demo` — the bundled sample look, offline, end to end: plan, local animatic render
 * on visual anchors, grade, gate, export. The quick start's main job (README).
 */
import { fileURLToPath } from 'node:url';
import type { CliCommand } from '../command.ts';
import { InputError } from '../../core/domain/errors.ts';
import { numberOption, parseCommandArgs } from '../command.ts';
import { BATCH_SIZES } from '../../core/domain/batch-sizes.ts';
import { parseSizeOption, runAndReport } from './run.ts';

export const SAMPLE_LOOK = fileURLToPath(new URL('../../resources/sample-look/look.json', import.meta.url));

const help = `Usage: continuity demo [--out DIR] [--size WxH] [--concurrency N] [--json]

Runs the bundled sample look (resources/sample-look/look.json: 12 clips, 1280x720, 4 s, 24 fps)
end to end with no keys and no network: canon and matrix, local animatic renders anchored on
keyframes from the references, grade onto the look, continuity gate, and an NLE-ready clip pack.

Options:
  --out DIR         where the pack goes (default: ./demo-pack)
  --size WxH        render at this size instead of 1280x720 (${BATCH_SIZES.join(', ')});
                    640x360 or 320x180 make a quick draft on a slow machine
  --concurrency N   clips rendered at once (default: CPU cores)
  --json            print the result as JSON
The clips are previz animatics, labelled as such in every prompt pack.`;

export const command: CliCommand = {
  name: 'demo',
  summary: 'run the bundled sample look offline, end to end, into a clip pack',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('demo', argv, { out: { type: 'string' }, size: { type: 'string' }, concurrency: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length) throw new InputError(`demo: unexpected argument ${JSON.stringify(positionals[0])}`, 'argument', positionals[0]);
    io.err(`Continuity Studio demo: sample look, local animatic renderer (previz), no keys needed.`);
    return runAndReport({
      lookPath: SAMPLE_LOOK, outDir: values.out ?? 'demo-pack', provider: 'local', model: 'local-animatic', size: parseSizeOption(values.size),
      concurrency: numberOption('concurrency', values.concurrency, { min: 1, max: 32, integer: true }),
      approveAction: 'gate pass in a headless run (continuity demo): no person reviewed it',
    }, Boolean(values.json), io, 12);
  },
};
