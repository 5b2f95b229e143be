/**
 * Progress for look runs on stderr: on a TTY one bar per clip redrawn in place; otherwise one
 * line when each clip finishes (logs stay readable in CI and pipes).
 */
import type { PipelineEvent } from '../../core/pipeline/pipeline-events.ts';
import type { CliIO } from '../command.ts';

interface Row { label: string; stage: string; progress: number; status: string; score?: number }

export function createRunProgress(io: CliIO, total: number): { onEvent: (e: PipelineEvent) => void; finish: () => void } {
  const rows = new Map<string, Row>();
  let drawn = 0;
  let done = 0;
  const bar = (f: number) => { const n = Math.round(Math.max(0, Math.min(1, f)) * 20); return '█'.repeat(n) + '░'.repeat(20 - n); };
  const draw = () => {
    if (!io.isTTY) return;
    const lines = [...rows.values()].map((r) => `${r.label.padEnd(14).slice(0, 14)} ${bar(r.progress)} ${r.stage.padEnd(8)} ${r.status}${r.score !== undefined ? ` ${r.score.toFixed(2)}` : ''}`);
    process.stderr.write((drawn ? `\x1b[${drawn}A` : '') + lines.map((l) => `\x1b[2K${l}\n`).join(''));
    drawn = lines.length;
  };
  const row = (id: string) => {
    let r = rows.get(id);
    if (!r) { r = { label: id.replace(/^[0-9a-f]{8}-/, ''), stage: 'queued', progress: 0, status: '' }; rows.set(id, r); }
    return r;
  };
  return {
    onEvent(e) {
      switch (e.type) {
        case 'job-progress': {
          const r = row(e.shotId);
          r.stage = e.stage;
          const base = { queued: 0, keyframe: 0.02, render: 0.05, grade: 0.8, score: 0.92, done: 1, failed: 1, canceled: 1 }[e.stage];
          r.progress = e.stage === 'render' ? 0.05 + e.progress * 0.75 : base;
          if (e.attempt > 1) r.status = `attempt ${e.attempt}`;
          break;
        }
        case 'shot-updated': {
          const r = row(e.shotId);
          r.status = e.status;
          if (e.score !== undefined) r.score = e.score;
          if (e.status === 'passed' || e.status === 'review') {
            done += 1;
            if (!io.isTTY) io.err(`[${done}/${total}] ${r.label}: ${e.status}${e.score !== undefined ? ` (score ${e.score.toFixed(2)})` : ''}${e.status === 'review' && e.reasons?.length ? ` — ${e.reasons.join('; ')}` : ''}`);
          }
          break;
        }
        case 'budget-warning': io.err(`budget: ${e.message}`); break;
        case 'log': if (!io.isTTY) io.err(e.message); break;
      }
      draw();
    },
    finish() { draw(); },
  };
}
