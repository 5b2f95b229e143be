/**
 * `continuity audit DIR --reference IMAGE... --out REPORT.html [--json]`: score existing clips
 * against a look (the "continuity audit"): per-clip score and reasons, worst drifts first,
 * thumbnails, and a suggested LUT per clip next to the report. Thin shell over auditClips.
 */
import type { CliCommand } from '../command.ts';
import { parseCommandArgs, exactlyOnePositional } from '../command.ts';
import { InputError } from '../../core/domain/errors.ts';
import type { ShotKind } from '../../core/domain/shot.ts';

const KINDS = ['anchor', 'variant', 'seasonal', 'sequence'] as const;

const help = `Usage: continuity audit DIR --reference IMAGE [--reference IMAGE …] --out REPORT.html
                        [--kind anchor|variant|seasonal|sequence] [--json]

Score every clip in DIR (.mp4 .mov .m4v .mkv .webm .avi) against the look's reference images and
write a self-contained HTML report: per-clip score and reasons, worst drifts first, a thumbnail
per clip, and a suggested LUT per clip (<clip>.suggested.cube, 33³) beside the report.

Options:
  --reference IMAGE  look reference image (repeat for several)
  --out REPORT.html  the report; LUTs are written in the same folder
  --kind K           thresholds for this shot kind (default anchor)
  --json             also write REPORT.json and print the report as JSON
  -h, --help         this text

Exit codes: 0 report written (whatever the clips scored), 1 failed work, 2 bad input, 130 canceled.`;

export const command: CliCommand = {
  name: 'audit',
  summary: 'audit existing clips against a look: HTML report, worst drifts first, LUT per clip',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('audit', argv, {
      reference: { type: 'string', multiple: true },
      out: { type: 'string' },
      kind: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help) { io.out(help); return 0; }
    exactlyOnePositional('audit', positionals, 'DIR');
    const references = values.reference ?? [];
    if (references.length === 0) throw new InputError('--reference IMAGE is required (the look to audit against)', 'reference', references);
    if (!values.out) throw new InputError('--out REPORT.html is required', 'out', values.out);
    const kind = values.kind ?? 'anchor';
    if (!KINDS.includes(kind as ShotKind)) throw new InputError(`--kind must be one of ${KINDS.join(', ')}, got ${JSON.stringify(kind)}`, 'kind', kind);
    const json = values.json ? values.out.replace(/\.html?$/i, '') + '.json' : undefined;

    // The scorer and report writer load only once the arguments are known good.
    const { auditClips } = await import('../../core/quality/audit.ts');
    const report = await auditClips({
      dir: positionals[0]!, referenceImages: references, out: values.out, json, kind: kind as ShotKind, signal: io.signal,
      onProgress: (done, total, file) => { if (io.isTTY && !values.json && file) io.err(`  [${done + 1}/${total}] ${file}`); },
    });
    if (values.json) { io.out(JSON.stringify(report, null, 2)); return 0; }
    const s = report.summary;
    io.out([
      `Audit report: ${report.html}`,
      `  ${s.clips} clips: ${s.passed} pass, ${s.failed} fail, ${s.unreadable} unreadable (worst first):`,
      ...report.clips.slice(0, 10).map((c) => `  ${c.score === null ? ' n/a' : c.score.toFixed(2)} ${c.pass ? 'pass' : 'FAIL'} ${c.name}${c.error ? ` — ${c.error}` : c.reasons[0] ? ` — ${c.reasons[0]}` : ''}`),
      ...(report.clips.length > 10 ? [`  … ${report.clips.length - 10} more in the report`] : []),
    ].join('\n'));
    return 0;
  },
};
