/**
 * SQLite access for jobs, batches and the cost ledger (migration 002). better-sqlite3 is
 * synchronous, so when a function here returns, the row is committed; with `synchronous=FULL`
 * (set by the runner) it is also on disk. Every state move is checked against `canMove` and is a
 * compare-and-swap on the state the caller last saw (`UPDATE … WHERE id = ? AND state = ?`): two
 * writers on one row (two processes on a project, or a cancel racing a step) can never both move
 * it, and the loser learns so from a JobMovedError instead of overwriting the winner's move.
 */
import type Database from 'better-sqlite3';
import { WorkError } from '../domain/errors.ts';
import type { GenerationRequest } from '../providers/adapter.ts';
import { ledgerTotal } from './ledger.ts';
import { canMove, isReopenable, JOB_STATES, REOPENABLE, type Job, type JobError, type JobOutput, type JobState } from './job-state.ts';

type Db = Database.Database;

/**
 * A compare-and-swap move found the job no longer in the state its caller read: another writer
 * moved it first. The caller must stop touching the job (its new owner drives it).
 */
export class JobMovedError extends WorkError {
  constructor(readonly jobId: string, readonly expected: JobState, readonly found: JobState, readonly to: JobState) {
    super(`job ${jobId} was moved to ${found} by another writer while this one moved it ${expected} → ${to}; leaving it to that writer`, 'job_moved');
    this.name = 'JobMovedError';
  }
}

interface JobRow {
  id: string; batch_id: string | null; take_id: string; provider: string; model: string; state: string;
  request_json: string; payload_json: string | null; submit_started_at: string | null; remote_id: string | null;
  progress: number; output_url: string | null; output_sha256: string | null; output_bytes: number | null;
  output_path: string | null; seed_returned: number | null; estimated_cost_usd: number; error_code: string | null;
  error_message: string | null; cancel_requested: number; cancel_sent: number; created_at: string; updated_at: string;
  finished_at: string | null;
}

function rowToJob(r: JobRow): Job {
  if (!(JOB_STATES as readonly string[]).includes(r.state)) throw new WorkError(`job ${r.id} has unknown state ${JSON.stringify(r.state)}`, 'job_corrupt');
  const base = {
    id: r.id, batchId: r.batch_id, takeId: r.take_id, provider: r.provider, model: r.model,
    request: JSON.parse(r.request_json) as GenerationRequest, estimatedCostUsd: r.estimated_cost_usd,
    progress: r.progress, payload: r.payload_json === null ? null : JSON.parse(r.payload_json) as unknown,
    submitStartedAt: r.submit_started_at, cancelRequested: r.cancel_requested === 1, cancelSent: r.cancel_sent === 1,
    createdAt: r.created_at, updatedAt: r.updated_at, finishedAt: r.finished_at,
  };
  const error: JobError = { code: r.error_code ?? 'unknown', message: r.error_message ?? '' };
  const need = <T>(v: T | null, what: string): T => {
    if (v === null) throw new WorkError(`job ${r.id} in state ${r.state} has no ${what}`, 'job_corrupt');
    return v;
  };
  const state = r.state as JobState;
  switch (state) {
    case 'planned': return { ...base, state, remoteId: null };
    case 'submitting': return { ...base, state, remoteId: null, submitStartedAt: need(r.submit_started_at, 'submit time') };
    case 'submitted': case 'running': return { ...base, state, remoteId: need(r.remote_id, 'remote id') };
    case 'downloading': return { ...base, state, remoteId: need(r.remote_id, 'remote id'), outputUrl: need(r.output_url, 'output url'), seedReturned: r.seed_returned };
    case 'succeeded': {
      const path = need(r.output_path, 'output path');
      const output: JobOutput = { sha256: need(r.output_sha256, 'output hash'), bytes: need(r.output_bytes, 'output size'), path, ext: path.slice(path.lastIndexOf('.') + 1) };
      return { ...base, state, remoteId: need(r.remote_id, 'remote id'), output, seedReturned: r.seed_returned };
    }
    case 'failed': return { ...base, state, remoteId: r.remote_id, error };
    case 'canceled': return { ...base, state, remoteId: r.remote_id };
    case 'output_expired': return { ...base, state, remoteId: need(r.remote_id, 'remote id'), outputUrl: r.output_url, error };
    case 'needs_user_decision': return { ...base, state, remoteId: null, error };
  }
}

export interface NewJob {
  id: string; batchId: string | null; takeId: string; provider: string; model: string;
  request: GenerationRequest; estimatedCostUsd: number;
}

/** Typed statements over one connection. */
export function createJobsRepo(db: Db, now: () => string) {
  const get = (id: string): Job => {
    const r = db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    if (!r) throw new WorkError(`job ${id} not found`, 'job_missing');
    return rowToJob(r);
  };

  /**
   * Move a job from the state the caller saw (`from`) to `to`, checking the transition, in one
   * compare-and-swap statement; extra columns ride along. Throws JobMovedError when the row is no
   * longer in `from` (0 rows changed): someone else moved it first.
   */
  const move = (id: string, from: JobState, to: JobState, cols: Record<string, unknown> = {}): Job => {
    if (!canMove(from, to)) throw new WorkError(`job ${id}: illegal move ${from} → ${to}`, 'job_state');
    const t = now();
    const terminal = ['succeeded', 'failed', 'canceled', 'output_expired'].includes(to);
    const all: Record<string, unknown> = { ...cols, state: to, updated_at: t, ...(terminal ? { finished_at: t } : {}) };
    const keys = Object.keys(all);
    const r = db.prepare(`UPDATE jobs SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @cas_id AND state = @cas_from`).run({ ...all, cas_id: id, cas_from: from });
    if (r.changes === 0) throw new JobMovedError(id, from, get(id).state, to);
    return get(id);
  };

  return {
    get,
    move,
    byTake(takeId: string): Job | undefined {
      const r = db.prepare('SELECT * FROM jobs WHERE take_id = ?').get(takeId) as JobRow | undefined;
      return r ? rowToJob(r) : undefined;
    },
    ensureBatch(id: string, budgetUsd: number | null): { budgetUsd: number | null } {
      db.prepare('INSERT OR IGNORE INTO batches (id, budget_usd, created_at) VALUES (?, ?, ?)').run(id, budgetUsd, now());
      if (budgetUsd !== null) db.prepare('UPDATE batches SET budget_usd = ? WHERE id = ?').run(budgetUsd, id);
      const r = db.prepare('SELECT budget_usd FROM batches WHERE id = ?').get(id) as { budget_usd: number | null };
      return { budgetUsd: r.budget_usd };
    },
    /** Estimated spend already committed in a batch: every job except those that ended before any create was accepted. */
    committedUsd(batchId: string): number {
      const r = db.prepare(`SELECT COALESCE(SUM(estimated_cost_usd), 0) AS s FROM jobs WHERE batch_id = ?
        AND NOT (remote_id IS NULL AND state IN ('failed','canceled','needs_user_decision'))`).get(batchId) as { s: number };
      return r.s;
    },
    insert(j: NewJob): Job {
      const t = now();
      db.prepare(`INSERT INTO jobs (id, batch_id, take_id, provider, model, state, request_json, estimated_cost_usd, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 'planned', ?, ?, ?, ?)`).run(j.id, j.batchId, j.takeId, j.provider, j.model, JSON.stringify(j.request), j.estimatedCostUsd, t, t);
      return get(j.id);
    },
    savePayload(id: string, payload: unknown): void {
      db.prepare('UPDATE jobs SET payload_json = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(payload ?? null), now(), id);
    },
    setProgress(id: string, progress: number): void {
      db.prepare('UPDATE jobs SET progress = ?, updated_at = ? WHERE id = ?').run(progress, now(), id);
    },
    /**
     * Remote id + ledger entry in one transaction: the id is on disk before the first poll. The
     * entry is an `estimate` at list price: an accepted create is money committed, but what the
     * provider bills is a charge only when it reports one (ledger.ts).
     */
    accept(id: string, remoteId: string, note: string): Job {
      return db.transaction(() => {
        const j = move(id, 'submitting', 'submitted', { remote_id: remoteId, progress: 0 });
        db.prepare(`INSERT INTO cost_ledger (job_id, take_id, batch_id, kind, amount_usd, note, created_at)
          VALUES (?, ?, ?, 'estimate', ?, ?, ?)`).run(j.id, j.takeId, j.batchId, j.estimatedCostUsd, note, now());
        return j;
      })();
    },
    /**
     * A take whose polls or downloads failed in transit (REOPENABLE) is picked up again: back to
     * polling or downloading by its remote id, never a new create. Null when it is not reopenable.
     */
    reopen(id: string): Job | null {
      const j = get(id);
      if (!isReopenable(j) || j.state !== 'failed') return null;
      const outputUrl = (db.prepare('SELECT output_url FROM jobs WHERE id = ?').get(id) as { output_url: string | null }).output_url;
      const to = REOPENABLE[j.error.code] === 'downloading' && outputUrl !== null ? 'downloading' : 'submitted';
      return move(id, 'failed', to, { error_code: null, error_message: null, finished_at: null });
    },
    markCancelRequested(id: string): void {
      db.prepare('UPDATE jobs SET cancel_requested = 1, updated_at = ? WHERE id = ?').run(now(), id);
    },
    /** Claim the single provider cancel; false when it was already sent. */
    claimCancel(id: string): boolean {
      return db.prepare('UPDATE jobs SET cancel_sent = 1, updated_at = ? WHERE id = ? AND cancel_sent = 0').run(now(), id).changes === 1;
    },
    nonTerminal(): Job[] {
      return (db.prepare(`SELECT * FROM jobs WHERE state IN ('planned','submitting','submitted','running','downloading') ORDER BY created_at, id`).all() as JobRow[]).map(rowToJob);
    },
    remoteIds(provider: string): Set<string> {
      return new Set((db.prepare('SELECT remote_id FROM jobs WHERE provider = ? AND remote_id IS NOT NULL').all(provider) as { remote_id: string }[]).map((r) => r.remote_id));
    },
    costForTake(takeId: string): number { return ledgerTotal(db, 'take_id = ?', [takeId]).usd; },
    /** True while any part of the take's cost is an estimate (no charge reported for that job). */
    costIsEstimate(takeId: string): boolean { return ledgerTotal(db, 'take_id = ?', [takeId]).estimated; },
    costForBatch(batchId: string | null): number {
      return batchId === null ? ledgerTotal(db, '1', []).usd : ledgerTotal(db, 'batch_id = ?', [batchId]).usd;
    },
  };
}

export type JobsRepo = ReturnType<typeof createJobsRepo>;
