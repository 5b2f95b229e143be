/**
 * Paid jobs waiting for a person (issue 12 item 5): a create whose outcome could not be known
 * (`needs_user_decision`) is never re-sent on its own. A person either abandons the take, or
 * resubmits the shot: the old take is set aside (failed, with who and when) and the shot's next
 * run makes a NEW take id — a new create — instead of re-reading the dead job. Renderers skip a
 * failed job's take id (remote-shot-renderer takeIdFor, remote-keyframe-maker), so moving the job
 * out of `needs_user_decision` is what frees the shot.
 */
import type Database from 'better-sqlite3';
import { InputError } from '../domain/errors.ts';
import type { Job } from './job-state.ts';
import { createJobsRepo } from './jobs-repo.ts';

export type StuckDecision = 'abandon' | 'resubmit';

export interface StuckJob {
  id: string;
  takeId: string;
  /** The shot row the take belongs to (from the take id), when it can be told. */
  shotRowId: string | null;
  /** A keyframe's job (`…-kf`) rather than the clip's. */
  keyframe: boolean;
  provider: string;
  model: string;
  batchId: string | null;
  estimatedCostUsd: number;
  submitStartedAt: string | null;
  reason: string;
  updatedAt: string;
}

/** `<shotRow>-t<attempt>-<hash10>[-rN][-kf[-rN]]` (take-id.ts, remote-keyframe-maker.ts). */
const TAKE_ID = /^(.+)-t\d+-[0-9a-f]{10}(?:-r\d+)?(-kf(?:-r\d+)?)?$/;

function view(j: Job): StuckJob {
  const m = TAKE_ID.exec(j.takeId);
  return {
    id: j.id, takeId: j.takeId, shotRowId: m?.[1] ?? null, keyframe: Boolean(m?.[2]), provider: j.provider, model: j.model,
    batchId: j.batchId, estimatedCostUsd: j.estimatedCostUsd, submitStartedAt: j.submitStartedAt,
    reason: 'error' in j ? j.error.message : '', updatedAt: j.updatedAt,
  };
}

/** Every job waiting for a decision, oldest first. */
export function listStuckJobs(db: Database.Database): StuckJob[] {
  const ids = db.prepare(`SELECT id FROM jobs WHERE state = 'needs_user_decision' ORDER BY created_at, id`).all() as { id: string }[];
  const repo = createJobsRepo(db, () => new Date().toISOString());
  return ids.map((r) => view(repo.get(r.id)));
}

/** One stuck job by its id or its take id; InputError naming the value and what is stuck. */
export function getStuckJob(db: Database.Database, ref: string): StuckJob {
  const hit = listStuckJobs(db).find((j) => j.id === ref || j.takeId === ref);
  if (hit) return hit;
  const row = db.prepare('SELECT state FROM jobs WHERE id = ? OR take_id = ?').get(ref, ref) as { state: string } | undefined;
  if (row) throw new InputError(`job ${JSON.stringify(ref)} is ${row.state}, not waiting for a decision`, 'job', ref);
  const stuck = listStuckJobs(db).map((j) => j.id);
  throw new InputError(`no job ${JSON.stringify(ref)} in this project${stuck.length ? `; waiting for a decision: ${stuck.join(', ')}` : '; no job is waiting for a decision'}`, 'job', ref);
}

/**
 * Record the person's decision on a stuck job. Either way the job ends `failed` with who decided,
 * when and what happens next; its create outcome stays unknown, which the message says (the
 * provider's dashboard shows whether it was billed). `by` names the action (CLI or app).
 */
export function decideStuckJob(db: Database.Database, ref: string, decision: StuckDecision, by: string, now = new Date()): StuckJob {
  const job = getStuckJob(db, ref);
  const at = now.toISOString();
  const repo = createJobsRepo(db, () => at);
  const unknown = `the outcome of its create stays unknown: check ${job.provider}'s dashboard for a charge`;
  const message = decision === 'abandon'
    ? `abandoned by a person (${by}) at ${at}; no new take is made for it; ${unknown}`
    : `set aside for resubmission by a person (${by}) at ${at}: the shot's next run submits a new take (new take id); ${unknown}`;
  return view(repo.move(job.id, 'needs_user_decision', 'failed', { error_code: decision === 'abandon' ? 'abandoned' : 'resubmitted', error_message: message }));
}
