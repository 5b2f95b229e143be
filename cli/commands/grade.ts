/**
 * `continuity grade VIDEO --reference IMAGE --out VIDEO [--lut FILE] [--strength S] [--method M]`:
 * one colour transform for the whole clip, estimated against the look reference, baked to a 33³
 * .cube and applied with ffmpeg lut3d (DESIGN.md §7). A thin shell over core/grade gradeClip.
 */
import type { CliCommand } from '../command.ts';
import { numberOption, parseCommandArgs, exactlyOnePositional } from '../command.ts';
import { InputError } from '../../core/domain/errors.ts';
import { assertInputFile } from '../../core/media/safe-input.ts';
import type { TransferMethod } from '../../core/color/estimate-transfer.ts';
import { TRANSFER_METHODS } from '../../core/grade/transfer-methods.ts';

const help = `Usage: continuity grade VIDEO --reference IMAGE [--reference IMAGE …] --out VIDEO
                        [--lut FILE] [--strength 0..1] [--method reinhard|mkl|auto] [--json]

Grade a clip toward the look reference: ONE colour transform for the whole clip (estimated from
frames pooled across it, never per frame, so nothing flickers), baked into a 33×33×33 .cube LUT
and applied with ffmpeg's lut3d. Size, frame timing and audio are kept; H.264 yuv420p +faststart.

Options:
  --reference IMAGE  look reference image (repeat for several; they are pooled)
  --out VIDEO        graded clip (.mp4 or .mov)
  --lut FILE         where to write the .cube (default: beside --out, same name)
  --strength S       0..1, blended with identity in the LUT (default 1)
  --method M         reinhard (Lab mean/std), mkl (Monge–Kantorovich) or auto (default:
                     whichever brings the palette closer to the reference)
  --json             machine-readable result
  -h, --help         this text

Prints palette ΔE2000 to the reference before and after.
Exit codes: 0 ok, 1 failed work, 2 bad input, 130 canceled.`;

export const command: CliCommand = {
  name: 'grade',
  summary: 'grade a clip toward the look reference with one LUT (.cube + ffmpeg lut3d)',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('grade', argv, {
      reference: { type: 'string', multiple: true },
      out: { type: 'string' },
      lut: { type: 'string' },
      strength: { type: 'string' },
      method: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help) { io.out(help); return 0; }
    exactlyOnePositional('grade', positionals, 'VIDEO');
    const references = values.reference ?? [];
    if (references.length === 0) throw new InputError('--reference IMAGE is required (the look reference to grade toward)', 'reference', references);
    if (!values.out) throw new InputError('--out VIDEO is required (where the graded clip goes)', 'out', values.out);
    const strength = numberOption('strength', values.strength, { min: 0, max: 1 }) ?? 1;
    const method = values.method ?? 'auto';
    if (!TRANSFER_METHODS.includes(method as TransferMethod)) throw new InputError(`--method must be one of ${TRANSFER_METHODS.join(', ')}, got ${JSON.stringify(method)}`, 'method', method);
    await assertInputFile(positionals[0]!, 'video', 'VIDEO');
    for (const reference of references) await assertInputFile(reference, 'reference image', 'reference');
    // The engine (sharp, colour maths) loads only once the input is known to be usable.
    const { gradeClip } = await import('../../core/grade/grade-clip.ts');

    let shown = -1;
    const result = await gradeClip({
      video: positionals[0]!, referenceImages: references, out: values.out, lutOut: values.lut, strength,
      method: method as TransferMethod, signal: io.signal,
      onProgress: (p) => {
        const pct = Math.floor(p * 10) * 10;
        if (!io.isTTY || values.json || pct === shown) return;
        shown = pct;
        io.err(`  grading ${pct}%`);
      },
    });
    if (values.json) {
      const { transform, ...rest } = result;
      io.out(JSON.stringify({ ...rest, selection: transform.selection ?? null }, null, 2));
      return 0;
    }
    const drop = result.before.paletteDeltaE > 0 ? (1 - result.after.paletteDeltaE / result.before.paletteDeltaE) * 100 : 0;
    io.out([
      `Graded: ${result.out}`,
      `  LUT:      ${result.lutPath} (33³, ${result.method}, strength ${result.strength})`,
      `  palette ΔE2000 to reference: ${result.before.paletteDeltaE.toFixed(2)} → ${result.after.paletteDeltaE.toFixed(2)} (${drop >= 0 ? '−' : '+'}${Math.abs(drop).toFixed(0)} %)`,
    ].join('\n'));
    return 0;
  },
};
