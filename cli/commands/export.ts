/**
 * `continuity export PROJECT --look NAME --out DIR [--formats …] [--all] [--json]`: a look's
 * current takes as an NLE-ready clip pack (DESIGN.md §8). A thin shell over the pipeline's
 * exportLook → core/export writeClipPack; takes that were left out are always printed.
 */
import type { CliCommand } from '../command.ts';
import { parseCommandArgs, exactlyOnePositional } from '../command.ts';
import { InputError } from '../../core/domain/errors.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../core/export/export-formats.ts';
import type { SkippedClip } from '../../core/export/types.ts';
import { exportProgressPrinter } from '../shared/export-progress.ts';

const help = `Usage: continuity export PROJECT --look NAME --out DIR [--formats ${EXPORT_FORMATS.join(',')}] [--all] [--json]

Write the look's current takes as a clip pack an editor can drop into Resolve, Premiere,
Final Cut or Kdenlive: <DIR>/<Look>/ with Clips/ (graded), Clips/Original/, PromptPacks/,
LUTs/, Stills/ (+ contact-sheet.png), Timelines/ and manifest.json (sha256 of every file).
A previous pack of the same look is replaced atomically.

Options:
  --look NAME      the look to export (its name in the project)
  --out DIR        export root; the pack goes to DIR/<Look>/
  --formats LIST   timelines to write, comma-separated (default: all):
                   fcpxml (Final Cut 1.10), edl (CMX3600), otio (OpenTimelineIO),
                   mlt (MLT XML + Kdenlive project)
  --all            also deliver takes not approved in review (marked in the manifest)
  --json           machine-readable result
  -h, --help       this text

Only approved takes are exported by default; the others are listed with the reason.
Exit codes: 0 ok, 1 failed work, 2 bad input, 130 canceled.`;

/** Parse --formats, naming the option and the bad value. */
export function parseFormats(raw: string | undefined): ExportFormat[] {
  if (raw === undefined) return [...EXPORT_FORMATS];
  const list = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (list.length === 0) throw new InputError(`--formats must list at least one of ${EXPORT_FORMATS.join(', ')}, got ${JSON.stringify(raw)}`, 'formats', raw);
  for (const f of list) {
    if (!EXPORT_FORMATS.includes(f as ExportFormat)) throw new InputError(`--formats: unknown format ${JSON.stringify(f)}; use ${EXPORT_FORMATS.join(', ')}`, 'formats', raw);
  }
  return [...new Set(list)] as ExportFormat[];
}

export function formatSkipped(skipped: readonly SkippedClip[]): string[] {
  if (skipped.length === 0) return [];
  return [`Left out ${skipped.length} take${skipped.length === 1 ? '' : 's'}:`, ...skipped.map((s) => `  - ${s.shotId} (${s.label}): ${s.reason}`)];
}

export const command: CliCommand = {
  name: 'export',
  summary: 'write a look\'s takes as an NLE-ready clip pack (FCPXML, EDL, OTIO, Kdenlive)',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('export', argv, {
      look: { type: 'string' },
      out: { type: 'string' },
      formats: { type: 'string' },
      all: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (values.help) { io.out(help); return 0; }
    exactlyOnePositional('export', positionals, 'PROJECT', 'PROJECT folder');
    if (!values.look) throw new InputError('--look NAME is required (the look to export)', 'look', values.look);
    if (!values.out) throw new InputError('--out DIR is required (where the clip pack goes)', 'out', values.out);
    const formats = parseFormats(values.formats);

    // SQLite and the exporter load only once the arguments are known good (cheap bad-input exits).
    const [{ openProject }, { getLookByName, listLooks }, { exportLook }] = await Promise.all([
      import('../../core/store/open-project.ts'), import('../../core/store/looks-repo.ts'), import('../../core/pipeline/export-look.ts'),
    ]);
    const project = openProject(positionals[0]!);
    try {
      const look = getLookByName(project.db, values.look);
      if (!look) {
        const names = listLooks(project.db).map((l) => JSON.stringify(l.name));
        throw new InputError(`--look: no look named ${JSON.stringify(values.look)} in ${project.dir}; looks: ${names.join(', ') || '(none)'}`, 'look', values.look);
      }
      const result = await exportLook({
        project,
        lookId: look.id,
        outDir: values.out,
        formats,
        includeAll: Boolean(values.all),
        signal: io.signal,
        onProgress: exportProgressPrinter(io, Boolean(values.json)),
      });
      if (values.json) {
        io.out(JSON.stringify({ root: result.root, manifest: result.manifestPath, clips: result.clips, skipped: result.skipped, files: result.files.length }, null, 2));
        return 0;
      }
      const notApproved = result.clips.filter((c) => c.review !== 'approved');
      io.out([
        `Clip pack: ${result.root}`,
        `  ${result.clips.length} clip${result.clips.length === 1 ? '' : 's'}, ${result.files.length} files, timelines: ${formats.join(', ')}`,
        `  manifest: ${result.manifestPath}`,
        ...(notApproved.length ? [`Included ${notApproved.length} take(s) not approved in review (--all): ${notApproved.map((c) => `${c.name} [${c.review}]`).join(', ')}`] : []),
        ...formatSkipped(result.skipped),
      ].join('\n'));
      return 0;
    } finally {
      project.close();
    }
  },
};
