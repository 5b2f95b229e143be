/** Job rows: a phase per stage, "retry n of m" on later attempts, and bars that never move back. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createJobBoard } from '../../../core/api/job-board.ts';
import type { JobView } from '../../../core/api/types.ts';

test('progress never jumps backwards on a retry, and the phase says which attempt', () => {
  const sent: { progress: number; phase?: string | null }[] = [];
  const board = createJobBoard((name, p) => { if (name === 'job-progress') sent.push(p as { progress: number; phase?: string | null }); });
  const job: JobView = { id: 'j', lookId: 'l', shotId: 's', label: '#1', state: 'queued', progress: 0, costSoFarUsd: 0, error: null, updatedAt: '' };
  board.add(job);
  board.progress('j', { stage: 'render', progress: 1, attempt: 1, costSoFarUsd: 0 }, 2);
  board.progress('j', { stage: 'grade', progress: 0.5, attempt: 1, costSoFarUsd: 0 }, 2);
  const high = board.get('j')!.progress;
  board.progress('j', { stage: 'render', progress: 0.1, attempt: 2, costSoFarUsd: 0 }, 2);
  assert.ok(board.get('j')!.progress >= high, `the bar stays at ${high}, got ${board.get('j')!.progress}`);
  assert.equal(board.get('j')!.phase, 'retry 1 of 2 · render');
  for (let i = 1; i < sent.length; i++) assert.ok(sent[i]!.progress >= sent[i - 1]!.progress, 'every pushed value is at least the one before');
  board.update('j', { state: 'succeeded', progress: 1, gate: 'failed' });
  assert.equal(board.get('j')!.etaSeconds, null, 'no ETA once finished');
});
