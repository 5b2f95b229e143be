/**
 * `continuity run LOOK.json --out DIR` — plan the look, generate every clip on its visual anchor,
 * grade, gate with automatic retries, and export the clip pack (DESIGN.md §9).
 */
import type { CliCommand, CliIO } from '../command.ts';
import { numberOption, parseCommandArgs } from '../command.ts';
import { InputError } from '../../core/domain/errors.ts';
import { BATCH_SIZES, type BatchSize } from '../../core/domain/batch-sizes.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../core/export/export-formats.ts';
import type { RunLookFileOptions } from '../../core/pipeline/run-look-file.ts';
import { createRunProgress } from '../shared/run-progress.ts';
import { formatRunSummary } from '../shared/run-summary.ts';
import { createStageTimer } from '../shared/stage-times.ts';

const help = `Usage: continuity run LOOK.json --out DIR [options]

Plans the look, renders every clip conditioned on a visual anchor (keyframe, bridge frame or
native reference), grades it onto the look, scores it and retries off-look takes, then writes
the NLE-ready clip pack to DIR/<Look>/.

Options:
  --out DIR           where the clip pack goes (required)
  --provider ID       local (default, offline previz), fal, replicate, openai, runway, luma,
                      google
  --model ID          model id as the provider names it (see "continuity providers")
  --budget USD        refuse to start work past this spend
  --concurrency N     clips in flight at once (default: CPU cores)
  --project DIR       project folder (default: DIR/.continuity-project)
  --resume            continue an interrupted run: finished clips are kept, nothing is re-submitted
  --replan            the plan changed (clip count, seed, size or canon): replace the project's
                      shots and delete their takes (without it such a run is refused, exit 2)
  --wait              when another run or the app is writing to the project, wait for it to
                      finish instead of refusing
  --clips N           clips in the batch, 8-20 (default: the look's)
  --seed S            the look's seed (default: the look's)
  --size WxH          render at this size instead of the look's: ${BATCH_SIZES.join(', ')}
                      (640x360 and 320x180 are quick previz drafts)
  --max-retries N     automatic retries per clip when a take fails the gate (default 2)
  --conform POLICY    conform (default): a model that cannot make the batch's exact duration,
                      size or fps generates the nearest larger setting and the clip is trimmed /
                      scaled / retimed locally (the extra cost is shown); refuse: stop instead
  --formats LIST      timelines: ${EXPORT_FORMATS.join(',')} (default: all)
  --all               export takes still awaiting review too
  --semantic          also judge each take by CLIP image similarity to the look's references,
                      computed on Replicate (needs REPLICATE_API_TOKEN; a few predictions per
                      clip, recorded on the take as an estimated cost)
  --allow-outside     use images outside the LOOK.json's folder (../, absolute paths, symlinks
                      out of it); without it such a reference is refused (exit 2)
  --json              print the result as JSON on stdout
Progress goes to stderr. Ctrl-C cancels cleanly; run again with --resume.
Exit codes: 0 ok, 1 failed work, 2 bad input, 130 canceled.`;

export function parseFormats(raw: string | undefined): ExportFormat[] | undefined {
  if (raw === undefined) return undefined;
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const f of list) if (!(EXPORT_FORMATS as readonly string[]).includes(f)) throw new InputError(`--formats: unknown format ${JSON.stringify(f)}; choose from ${EXPORT_FORMATS.join(', ')}`, 'formats', f);
  return list as ExportFormat[];
}

/** `--size`: one of the batch sizes, or undefined for the look's own. */
export function parseSizeOption(raw: string | undefined): BatchSize | undefined {
  if (raw === undefined) return undefined;
  if (!(BATCH_SIZES as readonly string[]).includes(raw)) throw new InputError(`--size must be one of ${BATCH_SIZES.join(', ')}, got ${JSON.stringify(raw)}`, 'size', raw);
  return raw as BatchSize;
}

export async function runAndReport(opts: RunLookFileOptions, json: boolean, io: CliIO, totalClips: number): Promise<number> {
  const progress = createRunProgress(io, totalClips);
  const stages = createStageTimer();
  // The engine loads only once the arguments are known good: a bad-input rejection stays cheap.
  const { runLookFile } = await import('../../core/pipeline/run-look-file.ts');
  const result = await runLookFile({
    ...opts, signal: io.signal,
    onEvent: (e) => { stages.onEvent(e); progress.onEvent(e); },
    onProjectWaiting: (m) => io.err(m),
    onExportProgress: (fraction, step) => { stages.exportStarted(); opts.onExportProgress?.(fraction, step); },
  });
  progress.finish();
  const stageSeconds = stages.finish();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  if (json) {
    io.out(JSON.stringify({
      projectDir: result.projectDir, lookId: result.lookId, pack: result.pack && { root: result.pack.root, manifest: result.pack.manifestPath, skipped: result.pack.skipped },
      shots: result.run.shots, spentUsd: result.run.spentUsd, estimateUsd: result.run.plan.cost.totalUsd, seconds: result.run.seconds,
      stageSeconds, peakRssMb,
    }, null, 2));
  } else {
    io.out(formatRunSummary(result, { stageSeconds, peakRssMb }));
  }
  // Shots held for review are a result, not a failure: the summary lists them and their reasons.
  // A clip whose generation failed is: the rest of the pack was still delivered.
  const failed = result.run.shots.filter((s) => s.status === 'failed');
  if (failed.length) {
    // One line per clip with its reason (HTTP status and the provider's message are in it): the
    // same text the take's job row holds, so nobody has to open SQLite to learn why.
    const lines = [...failed].sort((a, b) => a.index - b.index).map((s) => `  clip ${s.index + 1} (${s.shotId}): ${s.reasons.join('; ') || 'no reason was recorded'}`);
    io.err(`${failed.length} of ${result.run.shots.length} clip${result.run.shots.length === 1 ? '' : 's'} failed${result.pack ? ' (the others were exported)' : ''}:\n${lines.join('\n')}\nRun again with --resume to retry them; finished clips are kept.`);
    return 1;
  }
  return 0;
}

export const command: CliCommand = {
  name: 'run',
  summary: 'render a LOOK.json end to end (anchor, grade, gate, retry) into a clip pack',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('run', argv, {
      out: { type: 'string' }, provider: { type: 'string' }, model: { type: 'string' }, budget: { type: 'string' },
      concurrency: { type: 'string' }, project: { type: 'string' }, resume: { type: 'boolean' }, replan: { type: 'boolean' }, wait: { type: 'boolean' }, clips: { type: 'string' },
      seed: { type: 'string' }, size: { type: 'string' }, 'max-retries': { type: 'string' }, conform: { type: 'string' }, formats: { type: 'string' }, all: { type: 'boolean' }, json: { type: 'boolean' }, 'allow-outside': { type: 'boolean' },
      semantic: { type: 'boolean' },
    });
    const [lookPath, ...extra] = positionals;
    if (!lookPath) throw new InputError('run: missing LOOK.json argument. Run "continuity run --help".', 'LOOK.json');
    if (extra.length) throw new InputError(`run: unexpected argument ${JSON.stringify(extra[0])}`, 'argument', extra[0]);
    if (!values.out) throw new InputError('run: --out DIR is required (where the clip pack goes)', 'out');
    const clips = numberOption('clips', values.clips, { min: 8, max: 20, integer: true });
    if (values.conform !== undefined && values.conform !== 'conform' && values.conform !== 'refuse') {
      throw new InputError(`--conform must be conform or refuse, got ${JSON.stringify(values.conform)}`, 'conform', values.conform);
    }
    return runAndReport({
      lookPath, allowOutside: values['allow-outside'], outDir: values.out, projectDir: values.project, provider: values.provider, model: values.model,
      budgetUsd: numberOption('budget', values.budget, { min: 0 }) ?? null,
      concurrency: numberOption('concurrency', values.concurrency, { min: 1, max: 32, integer: true }),
      resume: values.resume, replan: values.replan, waitForProject: values.wait, clips, size: parseSizeOption(values.size), seed: numberOption('seed', values.seed, { min: 0, max: 2 ** 31 - 1, integer: true }),
      maxRetries: numberOption('max-retries', values['max-retries'], { min: 0, max: 10, integer: true }),
      formats: parseFormats(values.formats), includeAll: values.all, conformPolicy: values.conform as 'conform' | 'refuse' | undefined,
      semantic: values.semantic,
    }, Boolean(values.json), io, clips ?? 12);
  },
};
