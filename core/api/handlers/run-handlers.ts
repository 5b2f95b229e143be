/**
 * runs.* and jobs.*: start a look batch (core/pipeline runLookBatch) or a session in the
 * background, turn its pipeline events into one job per clip with live progress, cancel, retry.
 * Each row acts on its own clip (issue 12 item 6): Cancel stops that clip (the rest of the run
 * carries on), Retry re-runs that clip only (a session shot re-runs as a session shot, never the
 * look's matrix). Jobs live in this process (they survive a renderer reload); clips interrupted by
 * a quit show as canceled with a retry on the next start.
 */
import { randomUUID } from 'node:crypto';
import { InputError, isCanceled } from '../../domain/errors.ts';
import { createLogger, redact } from '../../log/logger.ts';
import { regenerateShot, runSession } from '../../pipeline/run-session.ts';
import { remixShot } from '../../pipeline/remix-shot.ts';
import { runLookBatch, shotRowId } from '../../pipeline/run-look.ts';
import { deltaText, parseShotDeltas, type DeltaInput } from '../shot-deltas.ts';
import { loadSession } from '../../pipeline/session-store.ts';
import type { ShotRenderer } from '../../pipeline/shot-renderer.ts';
import type { Project } from '../../store/open-project.ts';
import type { PipelineEvent } from '../../pipeline/pipeline-events.ts';
import { getShot, listShots, setShotStatus, type ShotRow } from '../../store/shots-repo.ts';
import { getTake, listTakes, setCurrentTake } from '../../store/takes-repo.ts';
import { listLooks } from '../../store/looks-repo.ts';
import type { Handlers } from '../dispatch.ts';
import { ACTIVE, createJobBoard } from '../job-board.ts';
import { loadedLookFromProject } from '../loaded-look.ts';
import { planAndStore } from '../plan-store.ts';
import { createRunQuality, createRunRenderer } from '../run-deps.ts';
import { requireProject, type StudioContext } from '../studio-context.ts';
import type { JobState, JobView, RunView } from '../types.ts';
import { requireLook } from '../views.ts';
import { ensureThumbnail } from '../take-thumbnails.ts';

export interface RunRegistry {
  handlers: Pick<Handlers, 'runs.start' | 'runs.session' | 'runs.regenerateSessionShot' | 'jobs.list' | 'jobs.cancel' | 'jobs.retry' | 'shots.remix'>;
  activeCount(): number;
  /** Is a run of this look (batch or session) in progress? Plan edits wait for it. */
  isRunning(lookId: string): boolean;
  cancelAll(): Promise<void>;
}

interface Run { id: string; lookId: string; controller: AbortController; done: Promise<void>; jobIds: string[]; stops: Map<string, AbortController> }

const log = createLogger('runs');
/** Automatic retries per clip when a take fails the gate (the pipeline's default). */
const MAX_RETRIES = 2;
/** Seeds for a regenerate: far from the look's seed, different on every regenerate of a shot. */
const rerollSeed = (seed: number, takes: number) => (seed + 7919 * (takes + 1)) % 2 ** 31;

export function runHandlers(ctx: StudioContext): RunRegistry {
  const runs = new Map<string, Run>();
  const board = createJobBoard(ctx.emit);
  // A run whose clips have all settled is only closing its renderer: it no longer holds the look.
  const busy = (lookId: string) => [...runs.values()].some((r) => r.lookId === lookId && r.jobIds.some((id) => ACTIVE.has(board.get(id)?.state ?? 'canceled')));
  const jobOfShot = new Map<string, string>();

  const onPipeline = (run: Run, e: PipelineEvent) => {
    if (e.type === 'log') { log.info(e.message); return; }
    if (e.type === 'budget-warning') { ctx.emit('budget-warning', { lookId: run.lookId, estimateUsd: e.estimateUsd, budgetUsd: e.budgetUsd, message: e.message }); return; }
    const jobId = jobOfShot.get(e.shotId);
    if (!jobId || !run.jobIds.includes(jobId)) return;
    if (e.type === 'job-progress') { board.progress(jobId, e, MAX_RETRIES); return; }
    const state: JobState | null = e.status === 'passed' || e.status === 'review' ? 'succeeded' : e.status === 'failed' ? 'failed' : e.status === 'canceled' ? 'canceled' : e.status === 'running' ? 'running' : null;
    const take = state === 'succeeded' && ctx.open ? currentTake(ctx.open.project, e.shotId) : undefined;
    const gate = take ? (take.pass ? 'passed' as const : 'failed' as const) : null;
    if (state) {
      const prev = board.get(jobId)!;
      const error = state === 'failed' || state === 'canceled' ? (e.reasons?.[0] ? redact(e.reasons[0]) : state === 'failed' ? 'failed' : null) : null;
      // The clip's cost is its take's: estimated until a provider reports the charge.
      const pack = take?.pack as { take?: { costUsd?: number; costEstimated?: boolean } } | undefined;
      const cost = pack?.take?.costUsd !== undefined ? { costSoFarUsd: pack.take.costUsd, costEstimated: pack.take.costEstimated ?? pack.take.costUsd > 0 } : {};
      board.update(jobId, { state, ...cost, ...(state === 'succeeded' ? { progress: 1 } : { progress: prev.progress }), error, gate, phase: state === 'succeeded' ? (gate === 'failed' ? 'failed the gate' : 'passed the gate') : state === 'running' ? prev.phase ?? 'starting' : null });
    }
    ctx.emit('shot-updated', { lookId: run.lookId, shotId: e.shotId });
    if (take && ctx.open) ensureThumbnail(ctx, ctx.open.project, take, run.lookId);
  };

  /** Jobs for `todo`, then the pipeline in the background; completion settles every job. */
  const launch = (project: Project, lookId: string, todo: ShotRow[], renderer: ShotRenderer, seconds: number, group: string, exec: (run: Run) => Promise<unknown>): RunView => {
    const run: Run = { id: randomUUID(), lookId, controller: new AbortController(), done: Promise.resolve(), jobIds: [], stops: new Map() };
    for (const r of todo) {
      const job: JobView = {
        id: `${run.id.slice(0, 8)}-${r.id}`, lookId, shotId: r.id, label: `#${r.position + 1} ${r.plan.label}`, state: 'queued', progress: 0, costSoFarUsd: 0, error: null,
        updatedAt: new Date().toISOString(), runId: run.id, sessionId: r.sessionId, group, phase: 'queued', etaSeconds: null, gate: null,
        local: renderer.provider === 'local',
      };
      const old = jobOfShot.get(r.id);
      if (old) board.remove(old);
      jobOfShot.set(r.id, job.id);
      run.jobIds.push(job.id);
      run.stops.set(r.id, new AbortController());
      setShotStatus(project.db, r.id, 'queued');
      board.add(job);
    }
    runs.set(run.id, run);
    run.done = exec(run).then(() => undefined, (err: unknown) => {
      if (!isCanceled(err) && !run.controller.signal.aborted) log.warn('run failed', { lookId, error: (err as Error).message });
      for (const id of run.jobIds) {
        const j = board.get(id);
        if (j && ACTIVE.has(j.state)) board.update(id, { state: run.controller.signal.aborted ? 'canceled' : 'failed', error: run.controller.signal.aborted ? null : redact((err as Error).message) });
      }
    }).finally(() => {
      runs.delete(run.id);
      void renderer.close?.().catch(() => undefined);
      for (const id of run.jobIds) { const j = board.get(id); if (j && ACTIVE.has(j.state)) board.update(id, { state: 'canceled' }); }
      const states = run.jobIds.map((id) => board.get(id)?.state);
      if (ctx.open?.project === project) for (const r of todo) if (['queued', 'running'].includes(getShot(project.db, r.id)?.status ?? '')) setShotStatus(project.db, r.id, 'canceled');
      ctx.emit('run-finished', { runId: run.id, lookId, succeeded: states.filter((x) => x === 'succeeded').length, failed: states.filter((x) => x === 'failed').length, canceled: states.filter((x) => x === 'canceled').length });
    });
    return { runId: run.id, lookId, shotCount: todo.length, estimateUsd: renderer.estimateAttemptUsd(seconds) * todo.length };
  };

  const prepare = (lookId: string, opts: { provider?: string; model?: string; budgetUsd?: number }, purposeKey: string) => {
    const { project } = requireProject(ctx);
    const look = requireLook(project, lookId).look;
    if (busy(lookId)) throw new InputError(`a run of look "${look.name}" is already in progress; cancel it or wait for it to finish`, 'lookId', lookId);
    const settings = ctx.settings.get();
    const budgetUsd = opts.budgetUsd ?? look.batch.budgetUsd ?? settings.budgetUsd;
    const renderer = createRunRenderer(project, {
      provider: opts.provider ?? look.batch.provider, model: opts.model ?? look.batch.model, commercialOnly: look.batch.commercialOnly || settings.commercialOnly,
      concurrency: settings.concurrency, budgetUsd, batchId: `${purposeKey}:${randomUUID()}`,
    }, ctx.keyStore, ctx.engineEnv());
    return { project, look, settings, budgetUsd, renderer, loaded: loadedLookFromProject(project, lookId, { requireReferences: true }), quality: createRunQuality(settings.semanticCheck, ctx.keyStore, ctx.engineEnv()) };
  };

  const start = async (lookId: string, opts: { shotIds?: string[]; reroll?: boolean; provider?: string; model?: string; budgetUsd?: number }): Promise<RunView> => {
    const { project, look, settings, budgetUsd, renderer, loaded, quality } = prepare(lookId, opts, lookId);
    const { rows } = await planAndStore(project, lookId, look.batch.clips, look.batch.seed);
    if (opts.shotIds) {
      const unknown = opts.shotIds.filter((id) => !rows.some((r) => r.id === id));
      if (unknown.length) throw new InputError(`these clips are not in the look's current plan: ${unknown.join(', ')}`, 'shotIds', unknown);
    }
    // Stale clips (canon or references changed since they were made) are made again: those this
    // run renders, never a clip the person did not ask for (its take stays current until then).
    const named = opts.shotIds ? new Set(opts.shotIds) : null;
    for (const r of rows) if (r.stale && r.currentTakeId && (!named || named.has(r.id))) setCurrentTake(project.db, r.id, null);
    const todo = opts.shotIds ? rows.filter((r) => opts.shotIds!.includes(r.id)) : listShots(project.db, lookId).filter((r) => !r.currentTakeId);
    if (todo.length === 0) throw new InputError('every clip of this look already has a take: choose Regenerate on a clip to make a new one', 'shotIds', null);
    const seeds = new Map(opts.reroll ? todo.map((r) => [r.id, rerollSeed(look.batch.seed, listTakes(project.db, r.id).length)]) : []);
    return launch(project, lookId, todo, renderer, look.batch.seconds, `Look batch · ${look.name}`, (run) => runLookBatch({
      project, lookId, loaded, renderer, quality, clips: look.batch.clips, seed: look.batch.seed, budgetUsd, maxRetries: MAX_RETRIES,
      concurrency: settings.concurrency, resume: true, autoApprove: false, shotIds: todo.map((r) => r.id), seedFor: (id) => seeds.get(id),
      shotSignal: (id) => run.stops.get(id)?.signal, signal: run.controller.signal, onEvent: (e) => onPipeline(run, e),
    }));
  };

  const startSession = async (sessionId: string, onlyStale: boolean, only?: string): Promise<RunView> => {
    const { project } = requireProject(ctx);
    const { lookId, rows, session } = loadSession(project, sessionId);
    if (rows.length === 0) throw new InputError('this session has no shots yet: add one first', 'sessionId', sessionId);
    const { look, budgetUsd, renderer, loaded, quality } = prepare(lookId, {}, `session:${sessionId}`);
    const todo = only ? rows.filter((r) => r.id === only) : onlyStale ? rows.filter((r) => r.stale || !r.currentTakeId) : rows;
    if (only && todo.length === 0) throw new InputError(`session "${session.name}" has no shot ${only}`, 'shotId', only);
    if (todo.length === 0) throw new InputError(`every shot of session "${session.name}" is rendered and up to date: choose Regenerate on a shot to make a new take`, 'sessionId', sessionId);
    const common = { project, sessionId, loaded, renderer, quality, budgetUsd, maxRetries: MAX_RETRIES };
    const onEvent = (run: Run) => (e: Parameters<NonNullable<Parameters<typeof runSession>[0]['onEvent']>>[0]) => {
      if (e.type !== 'session-stale') onPipeline(run, e); else for (const id of e.shotIds) ctx.emit('shot-updated', { lookId, shotId: id });
    };
    return launch(project, lookId, todo, renderer, look.batch.seconds, `Session · ${session.name}`, (run) => (only
      // One shot again, as a session shot (its bridge and style sources), with a new seed.
      ? regenerateShot({ ...common, shotId: only, seed: rerollSeed(look.batch.seed, listTakes(project.db, only).length), signal: run.controller.signal, onEvent: onEvent(run) })
      : runSession({ ...common, onlyStale, signal: run.controller.signal, shotSignal: (id) => run.stops.get(id)?.signal, onEvent: onEvent(run) })));
  };

  /**
   * Remix from anchor (issue 11): one variant or seasonal swap made again from its anchor's current
   * take with the declared changes, by core/pipeline's remixShot (what `continuity remix` runs), as
   * one queue row. The changes are checked before anything starts.
   */
  const remix = (shotId: string, deltas: DeltaInput[]): RunView => {
    const { project } = requireProject(ctx);
    const row = getShot(project.db, shotId);
    if (!row || row.sessionId) throw new InputError(`Remix works on shots of the variation matrix; ${shotId} is not one.`, 'shotId', shotId);
    if (!row.plan.parentId || (row.plan.kind !== 'variant' && row.plan.kind !== 'seasonal')) throw new InputError(`Remix from anchor works on variants and seasonal swaps; shot #${row.position + 1} is ${/^[aeiou]/.test(row.plan.kind) ? 'an' : 'a'} ${row.plan.kind}.`, 'shotId', shotId);
    const anchor = getShot(project.db, shotRowId(row.lookId, row.plan.parentId));
    if (!anchor?.currentTakeId) throw new InputError(`Its anchor (${row.plan.parentId}) has no take yet: render the anchor first.`, 'shotId', shotId);
    parseShotDeltas(project, row.lookId, row.plan.kind, deltas);
    const { look, budgetUsd, renderer, quality } = prepare(row.lookId, {}, row.lookId);
    return launch(project, row.lookId, [row], renderer, look.batch.seconds, `Remix · ${look.name}`, async (run) => {
      const stop = run.stops.get(row.id)!.signal;
      const r = await remixShot({
        project, lookId: row.lookId, shotId: row.id, deltas: deltas.map(deltaText), renderer, quality, maxRetries: MAX_RETRIES, budgetUsd,
        autoApprove: false, signal: AbortSignal.any([run.controller.signal, stop]), onEvent: (e) => onPipeline(run, e),
      });
      onPipeline(run, { type: 'shot-updated', shotId: row.id, status: r.status, score: r.score, reasons: r.reasons });
    });
  };

  /** After a quit mid-run: shots left queued/running show as canceled jobs the person can retry. */
  const interrupted = (lookId?: string): JobView[] => {
    if (!ctx.open) return [];
    const { project } = ctx.open;
    const looks = lookId ? [lookId] : listLooks(project.db).map((l) => l.id);
    return looks.flatMap((l) => listShots(project.db, l).filter((r) => r.status === 'queued' || r.status === 'running' || r.status === 'canceled').filter((r) => !jobOfShot.has(r.id)).map((r): JobView => ({
      id: `resume-${r.id}`, lookId: l, shotId: r.id, label: `#${r.position + 1} ${r.plan.label}`, state: 'canceled', progress: 0, costSoFarUsd: 0, error: 'interrupted: press Retry to resume', updatedAt: r.updatedAt,
      runId: 'interrupted', sessionId: null, group: 'Interrupted by a quit', phase: null, etaSeconds: null, gate: null,
    })));
  };

  const findJob = (jobId: string): JobView => {
    const j = board.get(jobId) ?? interrupted().find((x) => x.id === jobId);
    if (!j) throw new InputError(`this job is no longer in the queue (${jobId}); reload the queue`, 'jobId', jobId);
    return j;
  };

  return {
    handlers: {
      'runs.start': async ({ lookId, shotIds, reroll, provider, model, budgetUsd }) => start(lookId, { shotIds, reroll, provider, model, budgetUsd }),
      'runs.session': async ({ sessionId, onlyStale }) => startSession(sessionId, onlyStale ?? true),
      'runs.regenerateSessionShot': async ({ sessionId, shotId }) => startSession(sessionId, false, shotId),
      'shots.remix': async ({ shotId, deltas }) => remix(shotId, deltas),
      'jobs.list': async ({ lookId }) => [...board.all().filter((j) => !lookId || j.lookId === lookId), ...interrupted(lookId)],
      'jobs.cancel': async ({ jobId }) => {
        const job = findJob(jobId);
        const run = [...runs.values()].find((r) => r.jobIds.includes(jobId));
        if (!run || !ACTIVE.has(job.state)) return job;
        run.stops.get(job.shotId)?.abort();
        // The last clip still going: nothing else to carry on with, so the run itself ends.
        const others = run.jobIds.filter((id) => id !== jobId && ACTIVE.has(board.get(id)?.state ?? 'canceled'));
        if (others.length === 0) run.controller.abort();
        if (job.state === 'queued') board.update(jobId, { state: 'canceled', error: 'canceled before it started' });
        return board.get(jobId) ?? job;
      },
      'jobs.retry': async ({ jobId }) => {
        const job = findJob(jobId);
        const { project } = requireProject(ctx);
        const shot = getShot(project.db, job.shotId);
        if (!shot) throw new InputError(`the clip of this job is no longer in the plan (${job.label}); plan and run again`, 'jobId', jobId);
        // A session shot re-runs as that session shot, never as the look's matrix batch.
        if (shot.sessionId) return startSession(shot.sessionId, false, shot.id);
        if (shot.currentTakeId && job.state === 'failed') setCurrentTake(project.db, shot.id, null);
        return start(job.lookId, { shotIds: [shot.id] });
      },
    },
    activeCount: () => board.all().filter((j) => ACTIVE.has(j.state)).length,
    isRunning: busy,
    async cancelAll() {
      for (const run of runs.values()) run.controller.abort();
      await Promise.allSettled([...runs.values()].map((r) => r.done));
    },
  };
}

function currentTake(project: Project, shotId: string) {
  const shot = getShot(project.db, shotId);
  return shot?.currentTakeId ? getTake(project.db, shot.currentTakeId) : undefined;
}

