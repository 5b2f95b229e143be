/**
 * runs.* and jobs.*: start a look batch (core/pipeline runLookBatch) in the background, turn its
 * pipeline events into one job per clip with live progress, cancel, retry. Jobs live in this
 * process (they survive a renderer reload); clips interrupted by a quit show as canceled with a
 * retry on the next start, and a retry resumes: rendered clips are kept, only the rest run.
 */
import { randomUUID } from 'node:crypto';
import { InputError, isCanceled } from '../../domain/errors.ts';
import { createLogger, redact } from '../../log/logger.ts';
import { runLookBatch } from '../../pipeline/run-look.ts';
import { runSession } from '../../pipeline/run-session.ts';
import { loadSession } from '../../pipeline/session-store.ts';
import type { ShotRenderer } from '../../pipeline/shot-renderer.ts';
import type { Project } from '../../store/open-project.ts';
import type { PipelineEvent, PipelineStage } from '../../pipeline/pipeline-events.ts';
import { getShot, listShots, setShotStatus, type ShotRow } from '../../store/shots-repo.ts';
import { getTake, setCurrentTake } from '../../store/takes-repo.ts';
import { listLooks } from '../../store/looks-repo.ts';
import type { Handlers } from '../dispatch.ts';
import { loadedLookFromProject } from '../loaded-look.ts';
import { planAndStore } from '../plan-store.ts';
import { createRunQuality, createRunRenderer } from '../run-deps.ts';
import { requireProject, type StudioContext } from '../studio-context.ts';
import type { JobState, JobView, RunView } from '../types.ts';
import { requireLook } from '../views.ts';
import { ensureThumbnail } from './review-handlers.ts';

export interface RunRegistry {
  handlers: Pick<Handlers, 'runs.start' | 'runs.session' | 'jobs.list' | 'jobs.cancel' | 'jobs.retry'>;
  activeCount(): number;
  cancelAll(): Promise<void>;
}

interface Run { id: string; lookId: string; controller: AbortController; done: Promise<void>; jobIds: string[] }

const log = createLogger('runs');
const ACTIVE: ReadonlySet<JobState> = new Set(['queued', 'running']);
/** Overall progress of one attempt by stage: render is the long part. */
const STAGE_SPAN: Record<PipelineStage, [number, number]> = {
  queued: [0, 0], keyframe: [0.02, 0.08], render: [0.08, 0.8], grade: [0.8, 0.9], score: [0.9, 0.98], done: [1, 1], failed: [1, 1], canceled: [1, 1],
};

export function runHandlers(ctx: StudioContext): RunRegistry {
  const runs = new Map<string, Run>();
  const jobs = new Map<string, JobView>();
  const jobOfShot = new Map<string, string>();

  const update = (jobId: string, patch: Partial<JobView>) => {
    const prev = jobs.get(jobId);
    if (!prev) return;
    const next: JobView = { ...prev, ...patch, updatedAt: new Date().toISOString() };
    jobs.set(jobId, next);
    ctx.emit('job-progress', { jobId, lookId: next.lookId, shotId: next.shotId, label: next.label, state: next.state, progress: next.progress, costSoFarUsd: next.costSoFarUsd, error: next.error });
  };

  const onPipeline = (run: Run, e: PipelineEvent) => {
    if (e.type === 'log') { log.info(e.message); return; }
    if (e.type === 'budget-warning') { ctx.emit('budget-warning', { lookId: run.lookId, estimateUsd: e.estimateUsd, budgetUsd: e.budgetUsd, message: e.message }); return; }
    const jobId = jobOfShot.get(e.shotId);
    if (!jobId) return;
    if (e.type === 'job-progress') {
      const [a, b] = STAGE_SPAN[e.stage];
      update(jobId, { state: 'running', progress: Math.min(0.99, a + (b - a) * e.progress), costSoFarUsd: e.costSoFarUsd });
      return;
    }
    const state: JobState | null = e.status === 'passed' || e.status === 'review' ? 'succeeded' : e.status === 'failed' ? 'failed' : e.status === 'canceled' ? 'canceled' : e.status === 'running' ? 'running' : null;
    if (state) update(jobId, { state, ...(state === 'running' ? {} : { progress: state === 'succeeded' ? 1 : jobs.get(jobId)!.progress }), error: state === 'failed' ? redact(e.reasons?.[0] ?? 'failed') : null });
    ctx.emit('shot-updated', { lookId: run.lookId, shotId: e.shotId });
    if (state === 'succeeded' && ctx.open) {
      const shot = getShot(ctx.open.project.db, e.shotId);
      const take = shot?.currentTakeId ? getTake(ctx.open.project.db, shot.currentTakeId) : undefined;
      if (take) ensureThumbnail(ctx, ctx.open.project, take, run.lookId);
    }
  };

  /** Jobs for `todo`, then the pipeline in the background; completion settles every job. */
  const launch = (project: Project, lookId: string, todo: ShotRow[], renderer: ShotRenderer, seconds: number, exec: (run: Run) => Promise<unknown>): RunView => {
    const run: Run = { id: randomUUID(), lookId, controller: new AbortController(), done: Promise.resolve(), jobIds: [] };
    for (const r of todo) {
      const job: JobView = { id: `${run.id.slice(0, 8)}-${r.id}`, lookId, shotId: r.id, label: `#${r.position + 1} ${r.plan.label}`, state: 'queued', progress: 0, costSoFarUsd: 0, error: null, updatedAt: new Date().toISOString() };
      const old = jobOfShot.get(r.id);
      if (old) jobs.delete(old);
      jobs.set(job.id, job);
      jobOfShot.set(r.id, job.id);
      run.jobIds.push(job.id);
      setShotStatus(project.db, r.id, 'queued');
      update(job.id, {});
    }
    runs.set(run.id, run);
    run.done = exec(run).then(() => undefined, (err: unknown) => {
      if (!isCanceled(err) && !run.controller.signal.aborted) log.warn('run failed', { lookId, error: (err as Error).message });
      for (const id of run.jobIds) {
        const j = jobs.get(id);
        if (j && ACTIVE.has(j.state)) update(id, { state: run.controller.signal.aborted ? 'canceled' : 'failed', error: run.controller.signal.aborted ? null : redact((err as Error).message) });
      }
    }).finally(() => {
      runs.delete(run.id);
      void renderer.close?.().catch(() => undefined);
      for (const id of run.jobIds) { const j = jobs.get(id); if (j && ACTIVE.has(j.state)) update(id, { state: 'canceled' }); }
      const states = run.jobIds.map((id) => jobs.get(id)?.state);
      if (ctx.open?.project === project) for (const r of todo) if (['queued', 'running'].includes(getShot(project.db, r.id)?.status ?? '')) setShotStatus(project.db, r.id, 'canceled');
      ctx.emit('run-finished', { runId: run.id, lookId, succeeded: states.filter((x) => x === 'succeeded').length, failed: states.filter((x) => x === 'failed').length, canceled: states.filter((x) => x === 'canceled').length });
    });
    return { runId: run.id, lookId, shotCount: todo.length, estimateUsd: renderer.estimateAttemptUsd(seconds) * todo.length };
  };

  const prepare = (lookId: string, opts: { provider?: string; model?: string; budgetUsd?: number }, purposeKey: string) => {
    const { project } = requireProject(ctx);
    const look = requireLook(project, lookId).look;
    if ([...runs.values()].some((r) => r.lookId === lookId)) throw new InputError(`a run of look "${look.name}" is already in progress; cancel it or wait for it to finish`, 'lookId', lookId);
    const settings = ctx.settings.get();
    const budgetUsd = opts.budgetUsd ?? look.batch.budgetUsd ?? settings.budgetUsd;
    const renderer = createRunRenderer(project, {
      provider: opts.provider ?? look.batch.provider, model: opts.model ?? look.batch.model, commercialOnly: look.batch.commercialOnly || settings.commercialOnly,
      concurrency: settings.concurrency, budgetUsd, batchId: `${purposeKey}:${randomUUID()}`,
    }, ctx.keyStore, ctx.engineEnv());
    return { project, look, settings, budgetUsd, renderer, loaded: loadedLookFromProject(project, lookId, { requireReferences: true }), quality: createRunQuality() };
  };

  const start = async (lookId: string, opts: { provider?: string; model?: string; budgetUsd?: number }): Promise<RunView> => {
    const { project, look, settings, budgetUsd, renderer, loaded, quality } = prepare(lookId, opts, lookId);
    const { rows } = await planAndStore(project, lookId, look.batch.clips, look.batch.seed);
    // Stale clips (canon or references changed since they were made) are made again.
    for (const r of rows) if (r.stale && r.currentTakeId) setCurrentTake(project.db, r.id, null);
    const todo = listShots(project.db, lookId).filter((r) => !r.currentTakeId);
    return launch(project, lookId, todo, renderer, look.batch.seconds, (run) => runLookBatch({
      project, lookId, loaded, renderer, quality, clips: look.batch.clips, seed: look.batch.seed, budgetUsd,
      concurrency: settings.concurrency, resume: true, autoApprove: false, signal: run.controller.signal, onEvent: (e) => onPipeline(run, e),
    }));
  };

  const startSession = async (sessionId: string, onlyStale: boolean): Promise<RunView> => {
    const { project } = requireProject(ctx);
    const { lookId, rows } = loadSession(project, sessionId);
    if (rows.length === 0) throw new InputError('this session has no shots yet: add one first', 'sessionId', sessionId);
    const { look, budgetUsd, renderer, loaded, quality } = prepare(lookId, {}, `session:${sessionId}`);
    const todo = onlyStale ? rows.filter((r) => r.stale || !r.currentTakeId) : rows;
    return launch(project, lookId, todo, renderer, look.batch.seconds, (run) => runSession({
      project, sessionId, loaded, renderer, quality, budgetUsd, onlyStale, signal: run.controller.signal,
      onEvent: (e) => { if (e.type !== 'session-stale') onPipeline(run, e); else for (const id of e.shotIds) ctx.emit('shot-updated', { lookId, shotId: id }); },
    }));
  };

  /** After a quit mid-run: shots left queued/running show as canceled jobs the person can retry. */
  const interrupted = (lookId?: string): JobView[] => {
    if (!ctx.open) return [];
    const { project } = ctx.open;
    const looks = lookId ? [lookId] : listLooks(project.db).map((l) => l.id);
    return looks.flatMap((l) => listShots(project.db, l).filter((r) => r.status === 'queued' || r.status === 'running' || r.status === 'canceled').filter((r) => !jobOfShot.has(r.id)).map((r): JobView => ({
      id: `resume-${r.id}`, lookId: l, shotId: r.id, label: `#${r.position + 1} ${r.plan.label}`, state: 'canceled', progress: 0, costSoFarUsd: 0, error: 'interrupted: press Retry to resume', updatedAt: r.updatedAt,
    })));
  };

  const findJob = (jobId: string): JobView => {
    const j = jobs.get(jobId) ?? interrupted().find((x) => x.id === jobId);
    if (!j) throw new InputError(`job not found: ${jobId}`, 'jobId', jobId);
    return j;
  };

  return {
    handlers: {
      'runs.start': async ({ lookId, provider, model, budgetUsd }) => start(lookId, { provider, model, budgetUsd }),
      'runs.session': async ({ sessionId, onlyStale }) => startSession(sessionId, onlyStale ?? true),
      'jobs.list': async ({ lookId }) => [...[...jobs.values()].filter((j) => !lookId || j.lookId === lookId), ...interrupted(lookId)],
      'jobs.cancel': async ({ jobId }) => {
        const job = findJob(jobId);
        // The pipeline cancels per run: stopping one clip stops the run it belongs to (finished clips are kept).
        for (const run of runs.values()) if (run.jobIds.includes(jobId)) run.controller.abort();
        return job;
      },
      'jobs.retry': async ({ jobId }) => {
        const job = findJob(jobId);
        const { project } = requireProject(ctx);
        const shot = getShot(project.db, job.shotId);
        if (shot?.currentTakeId && job.state === 'failed') setCurrentTake(project.db, shot.id, null);
        return start(job.lookId, {});
      },
    },
    activeCount: () => [...jobs.values()].filter((j) => ACTIVE.has(j.state)).length,
    async cancelAll() {
      for (const run of runs.values()) run.controller.abort();
      await Promise.allSettled([...runs.values()].map((r) => r.done));
    },
  };
}
