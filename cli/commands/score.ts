/**
 * `continuity score TAKE --reference IMAGE [--anchor CLIP] [--delta KIND[:VALUE]]… [--previous VIDEO] [--kind K] [--json]`:
 * the continuity score of one take against the look, with the reasons that moved it.
 * A thin shell over core/quality scoreTake. Exit 0 whether or not the take passes: the verdict
 * is in the output (a failing take is a result, not failed work).
 */
import type { CliCommand } from '../command.ts';
import { parseCommandArgs, exactlyOnePositional } from '../command.ts';
import { InputError } from '../../core/domain/errors.ts';
import type { ShotKind } from '../../core/domain/shot.ts';

const KINDS = ['anchor', 'variant', 'seasonal', 'sequence'] as const;

const help = `Usage: continuity score VIDEO|IMAGE --reference IMAGE [--reference IMAGE …]
                        [--anchor CLIP] [--delta KIND[:VALUE]]… [--previous VIDEO]
                        [--kind anchor|variant|seasonal|sequence] [--character IMAGE] [--json]

Score a take against the look, all locally. Colour is judged against the look references with
composition-robust measures (log-chromaticity and a*b* histogram distances: a cast moves the
whole distribution, a reframe does not), plus palette ΔE2000; exposure sanity (near-black,
blown-out, blank, frozen); flicker and colour drift within the clip; with --previous, SSIM across
the frame bridge; with --anchor, the structure of a variant against its anchor's take
(equalised-luma SSIM: a changed subject fails). A declared palette delta is judged against its
target colours instead of the look palette. The score is in [0, 1].

Options:
  --reference IMAGE      look reference image (repeat for several)
  --anchor CLIP          the parent anchor's take (variants and seasonal swaps)
  --delta KIND[:VALUE]   a declared delta (repeatable): palette:#aabbcc,#112233 · prop:LABEL ·
                         scene:TEXT · camera:MOTION[@FRAMING] · motif:SEASON[:TEXT]
  --previous VIDEO       the previous take of a frame bridge
  --kind K               anchor (default; variant when --delta is given), variant, seasonal, sequence
  --character IMAGE      the shot's character reference: the take's face must be that person
                         (local face model; no face in the take where the image shows one fails)
  --json                 {score, pass, checks (value, limit, reason per metric), metrics, reasons,
                         problems, notes, thresholds}
  -h, --help             this text

Exit codes: 0 scored (pass or fail is in the output), 1 failed work, 2 bad input, 130 canceled.`;

export const command: CliCommand = {
  name: 'score',
  summary: 'continuity score of a clip or image against the look, its anchor and its declared deltas',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('score', argv, {
      reference: { type: 'string', multiple: true },
      previous: { type: 'string' },
      anchor: { type: 'string' },
      delta: { type: 'string', multiple: true },
      kind: { type: 'string' },
      character: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help) { io.out(help); return 0; }
    exactlyOnePositional('score', positionals, 'VIDEO', 'VIDEO or IMAGE');
    const references = values.reference ?? [];
    if (references.length === 0) throw new InputError('--reference IMAGE is required (the look reference to score against)', 'reference', references);
    // The same parser as `continuity remix`; with no look here there are no named palettes or products.
    const { parseDelta } = await import('../../core/plan/parse-delta.ts');
    const deltas = (values.delta ?? []).map((d) => parseDelta(d, { palette: [], prop: [], scene: [], seasons: [] }));
    const kind = values.kind ?? (deltas.length ? 'variant' : 'anchor');
    if (!KINDS.includes(kind as ShotKind)) throw new InputError(`--kind must be one of ${KINDS.join(', ')}, got ${JSON.stringify(kind)}`, 'kind', kind);
    const take = positionals[0]!;
    // The scorer (sharp, ffmpeg plumbing) loads only once the arguments are known good.
    const [{ scoreTake }, { isImagePath }] = await Promise.all([import('../../core/quality/score-take.ts'), import('../../core/media/thumbnail.ts')]);
    const result = await scoreTake({
      ...(isImagePath(take) ? { image: take } : { video: take }),
      referenceImages: references, previousVideo: values.previous, anchorVideo: values.anchor, deltas, shotKind: kind as ShotKind, signal: io.signal,
      characterReference: values.character,
    });
    if (values.json) { io.out(JSON.stringify(result, null, 2)); return 0; }
    const m = result.metrics;
    const f = (v: number | null, d = 2) => (v === null ? '—' : v.toFixed(d));
    io.out([
      `${take}: score ${result.score.toFixed(2)} ${result.pass ? 'PASS' : 'FAIL'} (${kind})`,
      `  chromaticity ${f(m.chromaticityDistance)} · a*b* ${f(m.abHistogramDistance)} · palette ΔE ${f(m.paletteDeltaE, 1)} · target ΔE ${f(m.targetPaletteDeltaE, 1)} · anchor SSIM ${f(m.anchorStructure)} · bridge SSIM ${f(m.bridgeSsim)} · flicker ${f(m.flicker)} · drift ΔE ${f(m.drift, 1)} · mean L* ${f(m.meanLightness, 0)}${values.character ? ` · face distance ${f(m.identityDistance)}` : ''}`,
      ...result.reasons.map((r) => `  - ${r}`),
      ...result.notes.map((n) => `  (${n})`),
    ].join('\n'));
    return 0;
  },
};
