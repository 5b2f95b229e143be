/** `continuity palette IMAGE|VIDEO [--k N] [--seed S] [--frames N] [--json]`: weighted dominant colours. */
import type { CliCommand } from '../command.ts';
import { numberOption, parseCommandArgs, exactlyOnePositional } from '../command.ts';
import type { FilePalette } from '../../core/color/palette-of-file.ts';
import { assertInputFile } from '../../core/media/safe-input.ts';

const help = `Usage: continuity palette IMAGE|VIDEO [--k N] [--seed S] [--frames N] [--json]

Print the dominant colours of an image, or of a video's frames pooled across the whole clip:
hex, weight (share of the pixels; weights sum to 1) and CIELAB (D65) values. Colours are found
by k-means in Lab and are the same every run for the same seed.

Options:
  --k N        number of colours, 1–32 (default 5; fewer if the picture has fewer)
  --seed S     seed for sampling and clustering (default 1)
  --frames N   frames pooled from a video, 1–120 (default 12)
  --json       machine-readable output
  -h, --help   this text

Exit codes: 0 ok, 1 failed work, 2 bad input (missing or unreadable file, bad option).`;

const round = (v: number, places: number) => Number(v.toFixed(places));

export function formatPalette(path: string, result: FilePalette, k: number, seed: number): string {
  const source = result.kind === 'video' ? `${result.frames} frames pooled` : 'image';
  const rows = result.palette.map((c, i) => [
    String(i + 1).padStart(2), c.hex, `${(c.weight * 100).toFixed(1)}%`.padStart(6),
    c.lab.L.toFixed(2).padStart(7), c.lab.a.toFixed(2).padStart(7), c.lab.b.toFixed(2).padStart(7),
  ].join('  '));
  return [`palette of ${path} (${source}, k=${k}, seed ${seed})`, ' #  hex       weight        L        a        b', ...rows].join('\n');
}

export const command: CliCommand = {
  name: 'palette',
  summary: 'show the weighted dominant colours (hex, weight, Lab) of an image or a clip',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('palette', argv, {
      k: { type: 'string' }, seed: { type: 'string' }, frames: { type: 'string' }, json: { type: 'boolean' },
    });
    if (values.help) { io.out(help); return 0; }
    exactlyOnePositional('palette', positionals, 'IMAGE|VIDEO', 'IMAGE or VIDEO');
    const k = numberOption('k', values.k, { min: 1, max: 32, integer: true }) ?? 5;
    const seed = numberOption('seed', values.seed, { integer: true }) ?? 1;
    const frames = numberOption('frames', values.frames, { min: 1, max: 120, integer: true }) ?? 12;
    const path = positionals[0]!;
    await assertInputFile(path, 'image or video', 'IMAGE|VIDEO');
    const { paletteOfFile } = await import('../../core/color/palette-of-file.ts'); // heavy: only for usable input
    const result = await paletteOfFile(path, { k, seed, frames, signal: io.signal });
    if (values.json) {
      io.out(JSON.stringify({
        file: path, kind: result.kind, frames: result.frames, k, seed,
        colors: result.palette.map((c) => ({ hex: c.hex, weight: round(c.weight, 6), lab: { L: round(c.lab.L, 4), a: round(c.lab.a, 4), b: round(c.lab.b, 4) } })),
      }, null, 2));
    } else {
      io.out(formatPalette(path, result, k, seed));
    }
    return 0;
  },
};
