/** `continuity frame VIDEO --at first|last|representative|SECONDS --out IMAGE`: one frame as a PNG. */
import { existsSync, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import type { CliCommand } from '../command.ts';
import { parseCommandArgs, exactlyOnePositional } from '../command.ts';
import { InputError } from '../../core/domain/errors.ts';
import { assertInputFile } from '../../core/media/safe-input.ts';

const help = `Usage: continuity frame VIDEO --at first|last|representative|SECONDS --out IMAGE.png [--json]

Write one frame of VIDEO as a PNG at the video's own resolution.

  --at first           the first frame
  --at last            the exact last decodable frame (what a frame bridge continues from)
  --at representative  the sharpest well-exposed frame (near-black and blown-out frames lose)
  --at SECONDS         the frame on screen at that time (0 ≤ SECONDS < duration)
  --out IMAGE.png      where to write it (replaced atomically)
  --json               print {file, out, index, timeSeconds} as JSON

Exit codes: 0 ok, 1 failed work, 2 bad input (missing/unreadable file, --at out of range).`;

export type AtChoice = 'first' | 'last' | 'representative' | number;

/** Parse --at, naming the option and value when it is wrong. */
export function parseAt(raw: string | undefined): AtChoice {
  if (raw === undefined) throw new InputError('--at is required (first, last, representative or SECONDS). Run "continuity frame --help".', 'at', raw);
  if (raw === 'first' || raw === 'last' || raw === 'representative') return raw;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw new InputError(`--at must be first, last, representative or a time in seconds, got ${JSON.stringify(raw)}`, 'at', raw);
  if (n < 0) throw new InputError(`--at must not be negative, got ${JSON.stringify(raw)}`, 'at', raw);
  return n;
}

/** `--at -1` would be read as a new option; join it to `--at=-1` so parseAt can name the bad value. */
export function joinNegativeAt(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (argv[i] === '--at' && next !== undefined && /^-[\d.]/.test(next)) { out.push(`--at=${next}`); i++; } else out.push(argv[i]!);
  }
  return out;
}

export const command: CliCommand = {
  name: 'frame',
  summary: 'write the first, last, representative or a timed frame of a video as PNG',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('frame', joinNegativeAt(argv), {
      at: { type: 'string' }, out: { type: 'string', short: 'o' }, json: { type: 'boolean' },
    });
    if (values.help) { io.out(help); return 0; }
    exactlyOnePositional('frame', positionals, 'VIDEO');
    const video = positionals[0]!;
    const at = parseAt(values.at);
    const out = values.out;
    if (!out) throw new InputError('--out is required: where to write the PNG (e.g. --out last.png)', 'out', out);
    if (extname(out).toLowerCase() !== '.png') throw new InputError(`--out must be a .png file, got ${JSON.stringify(out)}`, 'out', out);
    const outDir = dirname(resolve(out));
    if (!existsSync(outDir) || !statSync(outDir).isDirectory()) throw new InputError(`--out folder does not exist: ${outDir}`, 'out', out);
    await assertInputFile(video, 'video', 'VIDEO');
    // Decoding (and sharp) load only once the input is known to be usable.
    const [{ extractFrame }, { extractRepresentativeFrame }] = await Promise.all([import('../../core/media/extract-frame.ts'), import('../../core/media/representative-frame.ts')]);
    const result = at === 'representative'
      ? await extractRepresentativeFrame(video, out, { signal: io.signal })
      : await extractFrame(video, at, out, { signal: io.signal });
    if (values.json) io.out(JSON.stringify({ file: video, out, index: result.index, timeSeconds: result.timeSeconds }));
    else io.out(`wrote ${out} (frame ${result.index} at ${result.timeSeconds.toFixed(3)} s)`);
    return 0;
  },
};
