/**
 * `continuity relink PACK [--json]`: after a clip pack folder is moved or copied, point its .otio,
 * .fcpxml and .edl media references at the new location, verifying every clip's sha256 against
 * the manifest first. A thin shell over core/export relinkPack.
 */
import type { CliCommand } from '../command.ts';
import { parseCommandArgs, exactlyOnePositional } from '../command.ts';

const help = `Usage: continuity relink PACK [--json]

After moving or copying a clip pack (the folder holding manifest.json), rewrite the media links
of its .otio and .fcpxml timelines (absolute file URLs, as those formats require) and the EDL's
"* FROM CLIP:" paths so they point into PACK. Every clip is checked against the sha256 in
manifest.json first; the manifest is updated with the timelines' new hashes.
.mlt and .kdenlive use relative paths and need no relinking.

Options:
  --json      machine-readable result
  -h, --help  this text

Exit codes: 0 ok, 1 failed work, 2 bad input (not a pack, a clip missing or changed: named).`;

export const command: CliCommand = {
  name: 'relink',
  summary: 'point a moved or copied clip pack\'s timelines at its new location (hashes verified)',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('relink', argv, { json: { type: 'boolean' } });
    if (values.help) { io.out(help); return 0; }
    exactlyOnePositional('relink', positionals, 'PACK');
    // Loaded here, not at the top: `--help` and bad arguments never pay for the export module.
    const { relinkPack } = await import('../../core/export/relink-pack.ts');
    const result = await relinkPack(positionals[0]!);
    if (values.json) { io.out(JSON.stringify(result, null, 2)); return 0; }
    io.out([
      `Relinked: ${result.root}`,
      `  ${result.verified} clip${result.verified === 1 ? '' : 's'} verified against manifest.json (sha256)`,
      ...result.timelines.map((t) => `  ${t.path}: ${t.references} media link${t.references === 1 ? '' : 's'} now point into the pack`),
    ].join('\n'));
    return 0;
  },
};
