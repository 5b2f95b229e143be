/** Text tables for `continuity session list` and `continuity session run`. */
import type { ContinuitySession, StyleReference } from '../../core/continuity/session.ts';
import type { RunSessionResult, SessionShotResult } from '../../core/pipeline/run-session.ts';
import type { SessionRow } from '../../core/store/sessions-repo.ts';

const pad = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n));

export function describePrimary(ref: StyleReference, session: ContinuitySession): string {
  if (ref.kind === 'reference') return `look reference ${ref.index + 1}`;
  const pos = session.shots.findIndex((s) => s.id === ref.shotId);
  return `${ref.at} frame of ${pos >= 0 ? `shot ${pos + 1}` : `shot ${ref.shotId}`}`;
}

/** One session's shots: position, label, framing, motion, how it continues, strength, state. */
export function formatSessionShots(session: ContinuitySession): string {
  const lines = [`session "${session.name}" (${session.id}) · primary style reference: ${describePrimary(session.primaryStyleReference, session)}`];
  if (session.shots.length === 0) return [...lines, '  no shots yet: continuity session add PROJECT SESSION --framing wide --motion push-in --mode frame-bridge'].join('\n');
  lines.push('', '  #  label           framing  motion     continues by                      strength  state');
  session.shots.forEach((s, i) => {
    const from = s.styleReferenceId ? `style of shot ${session.shots.findIndex((x) => x.id === s.styleReferenceId) + 1}` : i === 0 ? 'primary ref' : s.mode;
    const state = s.stale ? `STALE: ${s.staleReason ?? 'inputs changed'}` : s.rendered ? 'rendered' : 'not rendered';
    lines.push(`${String(i + 1).padStart(3)}  ${pad(s.label || '—', 14)}  ${pad(s.framing, 7)}  ${pad(s.motion, 9)}  ${pad(`${s.mode}${s.styleReferenceId || i === 0 ? ` (${from})` : ''}`, 32)}  ${s.styleStrength.toFixed(2).padStart(8)}  ${state}`);
  });
  return lines.join('\n');
}

export function formatSessionList(rows: readonly SessionRow[], shotCounts: ReadonlyMap<string, number>): string {
  if (rows.length === 0) return 'no sessions yet: continuity session create PROJECT --look LOOK.json --name NAME';
  return rows.map((r) => `${r.id}  ${r.name}  (${shotCounts.get(r.id) ?? 0} shots)`).join('\n');
}

function shotLine(r: SessionShotResult): string {
  const ssim = r.bridgeSsim === null ? '     —' : r.bridgeSsim.toFixed(3).padStart(6);
  const score = r.score === null ? '    —' : r.score.toFixed(2).padStart(5);
  const status = r.status === 'review' ? `review: ${r.reasons.join('; ')}` : r.status;
  return `${String(r.position).padStart(3)}  ${pad(r.label, 14)}  ${pad(r.mode, 12)}  ${pad(r.mechanism ?? '—', 16)}  ${score}  ${ssim}  ${status}${r.attempts > 1 && r.status !== 'kept' ? ` (${r.attempts} takes)` : ''}`;
}

/** Per shot: mechanism actually used, score, bridge SSIM; then what is stale and why. */
export function formatSessionRun(name: string, result: RunSessionResult): string {
  const lines = [`session "${name}": ${result.shots.filter((s) => s.status === 'passed' || s.status === 'review').length} shot(s) rendered · ${result.seconds.toFixed(1)} s · cost $${result.spentUsd.toFixed(2)}`, ''];
  lines.push('  #  label           mode          mechanism         score  bridge  status');
  for (const r of result.shots) lines.push(shotLine(r));
  const bridges = result.shots.filter((r) => r.bridgeSsim !== null);
  if (bridges.length) lines.push('', `bridge SSIM (previous last frame → first frame): ${bridges.map((r) => `${r.position - 1}→${r.position} ${r.bridgeSsim!.toFixed(3)}`).join(', ')}`);
  if (result.stale.length) {
    lines.push('', `stale (${result.stale.length}): these no longer continue from what is on screen — run "continuity session run PROJECT SESSION --only-stale"`);
    for (const s of result.stale) lines.push(`  shot ${s.position}: ${s.reason}`);
  }
  return lines.join('\n');
}
