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

test('a row\'s cost is its own take\'s; the run\'s committed spend is counted once; local work is free', async () => {
  const { jobCost, planCost, queueCost } = await import('../../../renderer/components/money.ts');
  const board = createJobBoard(() => {});
  const row = (id: string): JobView => ({ id, lookId: 'l', shotId: id, label: id, state: 'queued', progress: 0, costSoFarUsd: 0, error: null, updatedAt: '', runId: 'r1' });
  board.add(row('a'));
  board.add(row('b'));
  // The pipeline's figure is the run's (an accepted create reserved at list price), not the clip's.
  board.progress('a', { stage: 'render', progress: 0.5, attempt: 1, costSoFarUsd: 3.2 }, 2);
  board.progress('b', { stage: 'render', progress: 0.5, attempt: 1, costSoFarUsd: 3.2 }, 2);
  assert.deepEqual([board.get('a')!.costSoFarUsd, board.get('a')!.runSpentUsd], [0, 3.2]);
  assert.equal(jobCost(board.get('a')!), '—', 'no take yet: no cost on the row');
  assert.equal(queueCost(board.all()), 'est. $3.20', 'the run counted once, not once per row');
  board.update('a', { state: 'succeeded', costSoFarUsd: 1.6, costEstimated: true });
  assert.equal(jobCost(board.get('a')!), 'est. $1.60');
  board.update('b', { state: 'failed' });
  assert.equal(jobCost(board.get('b')!), '—', 'a create that never reached the provider shows no cost');
  assert.equal(jobCost({ costSoFarUsd: 0, local: true }), 'free (local)');
  assert.equal(queueCost([{ id: 'x', costSoFarUsd: 0, local: true }]), 'free (local renderer)');
  assert.equal(planCost(0, 'free'), 'Cost: free (local renderer)');
  assert.equal(planCost(0, 'unknown'), 'Cost: no price known for this model');
  assert.equal(planCost(4.8, 'list-price'), 'Cost est. $4.80');
});
