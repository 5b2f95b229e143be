/**
 * `continuity score VIDEO|IMAGE --reference IMAGE [--previous VIDEO] [--kind K] [--json]`:
 * the continuity score of one take against the look, with the reasons that moved it.
 * A thin shell over core/quality scoreTake. Exit 0 whether or not the take passes: the verdict
 * is in the output (a failing take is a result, not failed work).
 */
import type { CliCommand } from '../command.ts';
import { parseCommandArgs, exactlyOnePositional } from '../command.ts';
import { InputError } from '../../core/domain/errors.ts';
import { scoreTake } from '../../core/quality/score-take.ts';
import { isImagePath } from '../../core/media/thumbnail.ts';
import type { ShotKind } from '../../core/domain/shot.ts';

const KINDS = ['anchor', 'variant', 'seasonal', 'sequence'] as const;

const help = `Usage: continuity score VIDEO|IMAGE --reference IMAGE [--reference IMAGE …]
                        [--previous VIDEO] [--kind anchor|variant|seasonal|sequence] [--json]

Score a take against the look reference, all locally: palette ΔE2000 (weighted palettes,
optimal matching), Lab histogram distance, within-clip flicker and colour drift, and, with
--previous, SSIM across the frame bridge (previous take's last frame vs this take's first).
The score is in [0, 1]; thresholds depend on the shot kind.

Options:
  --reference IMAGE  look reference image (repeat for several)
  --previous VIDEO   the previous take of a frame bridge
  --kind K           anchor (default), variant, seasonal or sequence
  --json             {score, pass, metrics, reasons, notes, thresholds}
  -h, --help         this text

Exit codes: 0 scored (pass or fail is in the output), 1 failed work, 2 bad input, 130 canceled.`;

export const command: CliCommand = {
  name: 'score',
  summary: 'continuity score of a clip or image against the look (palette, histogram, SSIM, flicker)',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('score', argv, {
      reference: { type: 'string', multiple: true },
      previous: { type: 'string' },
      kind: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help) { io.out(help); return 0; }
    exactlyOnePositional('score', positionals, 'VIDEO', 'VIDEO or IMAGE');
    const references = values.reference ?? [];
    if (references.length === 0) throw new InputError('--reference IMAGE is required (the look reference to score against)', 'reference', references);
    const kind = values.kind ?? 'anchor';
    if (!KINDS.includes(kind as ShotKind)) throw new InputError(`--kind must be one of ${KINDS.join(', ')}, got ${JSON.stringify(kind)}`, 'kind', kind);
    const take = positionals[0]!;
    const result = await scoreTake({
      ...(isImagePath(take) ? { image: take } : { video: take }),
      referenceImages: references, previousVideo: values.previous, shotKind: kind as ShotKind, signal: io.signal,
    });
    if (values.json) { io.out(JSON.stringify(result, null, 2)); return 0; }
    const m = result.metrics;
    const f = (v: number | null, d = 2) => (v === null ? '—' : v.toFixed(d));
    io.out([
      `${take}: score ${result.score.toFixed(2)} ${result.pass ? 'PASS' : 'FAIL'} (${kind})`,
      `  palette ΔE ${f(m.paletteDeltaE, 1)} · histogram ${f(m.histogramDistance)} · bridge SSIM ${f(m.bridgeSsim)} · flicker ${f(m.flicker)} · drift ΔE ${f(m.drift, 1)}`,
      ...result.reasons.map((r) => `  - ${r}`),
      ...result.notes.map((n) => `  (${n})`),
    ].join('\n'));
    return 0;
  },
};
