/** The one-screen summary after a run: clips, scores, cost, time, where the pack is. */
import { relative } from 'node:path';
import type { RunLookFileResult } from '../../core/pipeline/run-look-file.ts';
import { formatStageSeconds, type StageSeconds } from './stage-times.ts';

/** What the shell measured around the run: time per stage and this process's peak memory. */
export interface RunMeasures { stageSeconds: StageSeconds; peakRssMb: number }

export function formatRunSummary(r: RunLookFileResult, measured?: RunMeasures): string {
  const { run, pack } = r;
  const lines: string[] = [];
  const passed = run.shots.filter((s) => s.status === 'passed' || s.status === 'resumed').length;
  const model = run.plan.packs[0]!.model;
  const { width, height } = run.plan.packs[0]!.size;
  lines.push(`${run.plan.loaded.look.name}: ${run.shots.length} clips · ${width}x${height} · ${run.plan.packs[0]!.seconds} s · ${run.plan.packs[0]!.fps} fps · ${model.provider}:${model.model}${model.provider === 'local' ? ' (previz animatic)' : ''}`);
  lines.push('');
  lines.push('  #  clip            kind      deltas                              score  status');
  for (const s of [...run.shots].sort((a, b) => a.index - b.index)) {
    const shot = run.plan.shots.find((x) => x.id === s.shotId)!;
    const deltas = shot.deltas.map((d) => `${d.kind}: ${d.label}`).join(', ') || '—';
    lines.push(`${String(s.index + 1).padStart(3)}  ${s.shotId.padEnd(14)}  ${s.kind.padEnd(8)}  ${deltas.slice(0, 34).padEnd(34)}  ${s.score === null ? '  —  ' : s.score.toFixed(2).padStart(5)}  ${s.status}${s.attempts > 1 ? ` (${s.attempts} takes)` : ''}`);
  }
  const scores = run.shots.map((s) => s.score).filter((x): x is number => x !== null);
  const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0;
  lines.push('');
  lines.push(`passed the gate: ${passed}/${run.shots.length} · mean continuity score ${mean.toFixed(2)} · cost $${run.spentUsd.toFixed(2)} (estimate $${run.plan.cost.totalUsd.toFixed(2)}) · ${run.seconds.toFixed(1)} s`);
  if (measured) lines.push(`time per stage: ${formatStageSeconds(measured.stageSeconds) || '—'} · peak memory ${measured.peakRssMb} MB (this process; ffmpeg runs in its own)`);
  if (!pack) {
    lines.push('clip pack: not written — no clip of this batch was made (each failed clip and its reason are listed below)');
  } else {
    lines.push(`clip pack: ${pack.root}`);
    lines.push(`  ${pack.files.length + 1} files: Clips/, PromptPacks/, LUTs/, Stills/contact-sheet.png, Timelines/ (fcpxml, edl, otio, mlt, kdenlive), manifest.json`);
  }
  if (pack?.skipped.length) lines.push(`  not exported (${pack.skipped.length}): ${pack.skipped.map((s) => `${s.label}: ${s.reason}`).join('; ')} — use --all to include them`);
  lines.push(`project: ${relative(process.cwd(), r.projectDir) || r.projectDir} (re-run with --resume to continue an interrupted batch)`);
  return lines.join('\n');
}
