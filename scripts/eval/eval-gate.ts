/**
 * ROC AUC of the continuity score on the real-photo evaluation set (build-eval-set.ts), per split,
 * beside the naive palette-ΔE baseline. Each take is scored as a still against its look reference
 * by the same code `continuity score` runs (scoreTake, anchor thresholds), so the figure is the
 * product's, not a re-implementation's. Also prints each colour metric's AUC alone (tuning data
 * for the weights in score-metrics.ts and thresholds.ts).
 *
 *   npm run eval:gate [-- --out DIR] [--reuse] [--split tuning|held-back] [--json]
 *   (needs: apt-get install python3-skimage)
 *
 * `--split tuning` prints the tuning part alone: what to look at while changing a weight or a
 * threshold, so the held-back figure is read only once the change is made.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildEvalSet, type EvalSample } from './build-eval-set.ts';
import { loadReferences } from '../../core/quality/load-frames.ts';
import { scoreTake } from '../../core/quality/score-take.ts';
import { rocAuc } from '../../core/quality/roc-auc.ts';
import type { ReferenceSet } from '../../core/quality/measure-frames.ts';
import type { TakeMetrics } from '../../core/quality/score-metrics.ts';

interface Row { sample: EvalSample; score: number; pass: boolean; metrics: TakeMetrics; reasons: string[]; problems: string[] }

const sd = (xs: number[]) => { const m = xs.reduce((a, b) => a + b, 0) / xs.length; return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length); };

const args = process.argv.slice(2);
const out = args.includes('--out') ? args[args.indexOf('--out') + 1]! : '/tmp/continuity-eval';
const reuse = args.includes('--reuse');
const samples: EvalSample[] = reuse ? JSON.parse(await readFile(join(out, 'labels.json'), 'utf8')) : await buildEvalSet(out);

const refs = new Map<string, Promise<ReferenceSet>>();
const rows: Row[] = [];
for (const sample of samples) {
  if (!refs.has(sample.reference)) refs.set(sample.reference, loadReferences([sample.reference]));
  const s = await scoreTake({ image: sample.take, references: await refs.get(sample.reference)!, shotKind: 'anchor' });
  rows.push({ sample, score: s.score, pass: s.pass, metrics: s.metrics, reasons: s.reasons, problems: s.problems });
}

const auc = (rs: Row[], f: (r: Row) => number) => rocAuc(rs.map((r) => ({ score: f(r), positive: r.sample.positive })));
const METRICS = ['chromaticityDistance', 'abHistogramDistance', 'paletteDeltaE', 'histogramDistance'] as const;
const report: Record<string, unknown> = {};
const onlySplit = args.includes('--split') ? args[args.indexOf('--split') + 1] : undefined;
for (const split of (['tuning', 'held-back'] as const).filter((x) => !onlySplit || x === onlySplit)) {
  const rs = rows.filter((r) => r.sample.split === split);
  const pos = rs.filter((r) => r.sample.positive);
  const neg = rs.filter((r) => !r.sample.positive);
  const entry = {
    samples: rs.length, positives: pos.length, negatives: neg.length,
    auc: auc(rs, (r) => r.score),
    baselinePaletteDeltaEAuc: auc(rs, (r) => -(r.metrics.paletteDeltaE ?? 0)),
    perMetricAuc: Object.fromEntries(METRICS.map((m) => [m, auc(rs, (r) => -(r.metrics[m] ?? 0))])),
    // What sets a limit: the worst same-look take and the closest off-look take with no exposure problem.
    worstSameLook: Object.fromEntries(METRICS.map((m) => [m, Math.max(...pos.map((r) => r.metrics[m] ?? 0))])),
    closestOffLook: Object.fromEntries(METRICS.map((m) => [m, Math.min(...neg.filter((r) => !r.problems.length).map((r) => r.metrics[m] ?? Infinity))])),
    // Widest-margin rule for the weights: (lowest same-look score − highest off-look score) / SD of all scores.
    marginSd: (Math.min(...pos.map((r) => r.score)) - Math.max(...neg.map((r) => r.score))) / sd(rs.map((r) => r.score)),
    passRatePositives: pos.filter((r) => r.pass).length / pos.length,
    failRateNegatives: neg.filter((r) => !r.pass).length / neg.length,
    misjudged: rs.filter((r) => r.pass !== r.sample.positive).map((r) => `${r.sample.id} ${r.sample.positive ? 'failed' : 'passed'} at ${r.score.toFixed(2)}${r.reasons[0] ? ` (${r.reasons[0]})` : ''}`),
  };
  report[split] = entry;
}
if (args.includes('--json')) {
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
} else {
  type Entry = { samples: number; positives: number; negatives: number; auc: number; baselinePaletteDeltaEAuc: number; perMetricAuc: Record<string, number>;
    worstSameLook: Record<string, number>; closestOffLook: Record<string, number>; marginSd: number; passRatePositives: number; failRateNegatives: number; misjudged: string[] };
  for (const [split, e] of Object.entries(report) as [string, Entry][]) {
    process.stdout.write(`${split}: ${e.samples} takes (${e.positives} same-look, ${e.negatives} off-look)\n`);
    process.stdout.write(`  continuity score ROC AUC ${e.auc.toFixed(3)}   naive palette-ΔE baseline ${e.baselinePaletteDeltaEAuc.toFixed(3)}\n`);
    process.stdout.write(`  alone: ${Object.entries(e.perMetricAuc).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(' · ')}\n`);
    process.stdout.write(`  worst same-look: ${Object.entries(e.worstSameLook).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(' · ')}\n`);
    process.stdout.write(`  closest off-look (exposure fine): ${Object.entries(e.closestOffLook).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(' · ')}\n`);
    process.stdout.write(`  score margin ${e.marginSd.toFixed(3)} SD (lowest same-look − highest off-look)\n`);
    process.stdout.write(`  verdicts: ${(e.passRatePositives * 100).toFixed(0)} % of same-look pass, ${(e.failRateNegatives * 100).toFixed(0)} % of off-look fail\n`);
    for (const m of e.misjudged) process.stdout.write(`    ${m}\n`);
  }
}
