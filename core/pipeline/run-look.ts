/**
 * A look batch end to end (DESIGN.md §1 "Look system"): canon → matrix → every clip rendered on
 * its visual anchor → graded onto the look → scored and gated with automatic retries → stored as
 * takes with their prompt packs. Shells (CLI `run`, the app's runs.start) call this.
 */
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { CanceledError, InputError, isCanceled } from '../domain/errors.ts';
import type { LoadedLook } from '../look/load-look-file.ts';
import { planLoadedLook, type LookPlan } from '../plan/plan-look.ts';
import { storedEdits } from '../plan/shot-edits.ts';
import type { Project } from '../store/open-project.ts';
import { getCanonVersion, saveCanonVersion } from '../store/looks-repo.ts';
import { listShots, setShotsStale, setShotStatus, type ShotRow } from '../store/shots-repo.ts';
import { listTakes, setCurrentTake, setTakeReview } from '../store/takes-repo.ts';
import { createBudget } from './budget.ts';
import { lookImagesOf, resolveLookAssets } from './look-assets.ts';
import type { PipelineEvent } from './pipeline-events.ts';
import { runPool } from './pool.ts';
import type { QualityStep } from './quality-step.ts';
import { recordAttempt } from './record-attempt.ts';
import { findRemixSource } from './remix-source.ts';
import { runShot, type ShotOutcome } from './run-shot.ts';
import type { ShotRenderer } from './shot-renderer.ts';
import { makeWorkDir } from '../runtime/work-dirs.ts';
import type { PlannedShot } from '../domain/shot.ts';
import { syncLookShots } from './sync-look-shots.ts';

export interface RunLookOptions {
  project: Project;
  lookId: string;
  loaded: LoadedLook;
  renderer: ShotRenderer;
  quality: QualityStep;
  clips?: number;
  seed?: number;
  maxRetries?: number;
  budgetUsd?: number | null;
  concurrency?: number;
  /** Keep shots that already have a current take from an earlier (killed) run. */
  resume?: boolean;
  /** The caller asked for a new plan: a different plan may replace the look's shots and delete their takes. */
  replan?: boolean;
  /**
   * Make variants and seasonal swaps from their anchor's take (default true); false renders them
   * from the look's references like anchors (the behaviour before issue 11).
   */
  remix?: boolean;
  /**
   * Approve each shot's passing take on the gate's word (headless CLI runs); the app leaves review
   * to the person. `action` names the run for the record ("gate pass in a headless run: …").
   */
  autoApprove?: { action: string } | false;
  /**
   * Render only these shot rows (a retry or regenerate of chosen clips; issue 12 item 6); the
   * others keep what they have. A listed shot is rendered anew even when it has a current take.
   */
  shotIds?: readonly string[];
  /** A seed chosen for one row (a regenerate asking for a different take), else the look's. */
  seedFor?: (rowId: string) => number | undefined;
  /** A stop for one clip (a queue row's Cancel): that clip ends canceled, the batch carries on. */
  shotSignal?: (rowId: string) => AbortSignal | undefined;
  signal?: AbortSignal;
  onEvent?: (e: PipelineEvent) => void;
}

export interface ShotSummary { shotId: string; rowId: string; index: number; kind: string; label: string; status: 'passed' | 'review' | 'resumed' | 'failed' | 'canceled' | 'skipped'; score: number | null; attempts: number; reasons: string[] }
export interface RunLookResult { lookId: string; plan: LookPlan; shots: ShotSummary[]; spentUsd: number; seconds: number }

export const shotRowId = (lookId: string, planId: string) => `${lookId.slice(0, 8)}-${planId}`;

export async function runLookBatch(o: RunLookOptions): Promise<RunLookResult> {
  const started = Date.now();
  const { project, lookId, loaded } = o;
  const emit = o.onEvent ?? (() => {});
  const canonRow = getCanonVersion(project.db, lookId);
  const plan = await planLoadedLook(loaded, {
    clips: o.clips, seed: o.seed, provider: o.renderer.provider, model: o.renderer.model.id,
    canon: canonRow ? { canon: canonRow.canon, version: canonRow.version, source: canonRow.source as 'offline' } : undefined,
    // A shot edited in the app or by a remix is rendered as edited while the plan is the same.
    shotEdits: storedEdits(listShots(project.db, lookId)),
  });
  if (!canonRow) saveCanonVersion(project.db, lookId, plan.canon, plan.canonSource);

  const rows = syncShots(project, lookId, plan, o.replan ?? false);
  const images = lookImagesOf(loaded);
  const assets = resolveLookAssets(images.references, images.productShots);
  const { width, height } = plan.packs[0]!.size;
  const { seconds, fps } = plan.packs[0]!;
  const budget = createBudget(o.budgetUsd ?? null);
  const estimate = o.renderer.estimateAttemptUsd(seconds) * (o.shotIds?.length ?? plan.shots.length);
  if (budget.capUsd !== null && estimate > budget.capUsd) {
    emit({ type: 'budget-warning', message: `the batch is estimated at $${estimate.toFixed(2)}, over the $${budget.capUsd.toFixed(2)} budget: clips past the cap will not start`, estimateUsd: estimate, spentUsd: 0, budgetUsd: budget.capUsd });
  }
  // The look's seed belongs to the provider + model it was chosen for; on another one it is a new
  // seed, not a persisted one, and the take must not claim seed persistence (issue 12 item 7).
  const { batch } = loaded.look;
  const seedInheritable = o.renderer.provider === batch.provider && o.renderer.model.id === batch.model;
  const workDir = await makeWorkDir('continuity-run');
  try {
    const seed = o.seed ?? loaded.look.batch.seed;
    const order = plan.shots.map((shot, i) => ({ shot, i }));
    // Each shot's current take, for its variants' structure check. A variant waits only on a
    // parent earlier in the order (the pool starts shots in order, so that one is already running).
    const currentClip = new Map(plan.shots.map((s) => [s.id, deferred<string | undefined>()]));
    const anchorClip = async (shot: PlannedShot): Promise<string | undefined> => {
      const parent = plan.shots.find((s) => s.id === shot.parentId);
      return parent && plan.shots.indexOf(parent) < plan.shots.indexOf(shot) ? currentClip.get(parent.id)!.promise : undefined;
    };
    // Anchors first, then the shots made from them: a variant's source is its anchor's take.
    const remixing = o.remix ?? true;
    const dependsOnAnchor = (shot: PlannedShot) => remixing && shot.parentId !== null && (shot.kind === 'variant' || shot.kind === 'seasonal');
    const runOne = async ({ shot, i }: (typeof order)[number], signal: AbortSignal): Promise<ShotSummary> => {
      const row = rows[i]!;
      const summary = (status: ShotSummary['status'], reasons: string[]): ShotSummary => ({ shotId: shot.id, rowId: row.id, index: shot.index, kind: shot.kind, label: shot.label, status, score: null, attempts: listTakes(project.db, row.id).length, reasons });
      // A shot that does not render in this run has no new clip for its variants to compare with.
      const noClip = <T>(result: T): T => { currentClip.get(shot.id)!.resolve(undefined); return result; };
      const chosen = !o.shotIds || o.shotIds.includes(row.id);
      const kept = (o.resume && !o.shotIds) || !chosen ? resumedSummary(project, row, shot.index) : undefined;
      if (kept) return noClip(kept);
      if (!chosen) return noClip(summary('skipped', ['not asked for in this run']));
      const own = o.shotSignal?.(row.id);
      if (own?.aborted) {
        setShotStatus(project.db, row.id, 'canceled');
        emit({ type: 'shot-updated', shotId: row.id, status: 'canceled', reasons: ['canceled before it started'] });
        return noClip(summary('canceled', ['canceled before it started']));
      }
      const shotSignal = own ? AbortSignal.any([signal, own]) : signal;
      setShotStatus(project.db, row.id, 'running');
      emit({ type: 'shot-updated', shotId: row.id, status: 'running' });
      let outcome: ShotOutcome;
      try {
        const remix = dependsOnAnchor(shot) ? findRemixSource(project, shotRowId(lookId, shot.parentId!), shot) : undefined;
        outcome = await runShot(
          { shot, prompt: plan.compiled[i]!.prompt, negativePrompt: plan.compiled[i]!.negativePrompt, seed: o.seedFor?.(row.id) ?? seed, ...(remix ? { remix } : {}) },
          {
            renderer: o.renderer, quality: o.quality, assets, budget, width, height, seconds, fps,
            maxRetries: o.maxRetries ?? 2, workDir, seedInheritable, signal: shotSignal, takeKey: row.id, keyframes: o.renderer.keyframeMaker, anchorClip,
            emit: (e) => emit(e.type === 'shot-updated' || e.type === 'job-progress' ? { ...e, shotId: row.id } : e),
            record: async (a) => { await recordAttempt(project, row.id, plan.packs[i]!, a); },
          },
        );
      } catch (err) {
        currentClip.get(shot.id)!.resolve(undefined);
        const canceled = shotSignal.aborted || isCanceled(err);
        setShotStatus(project.db, row.id, canceled ? 'canceled' : 'failed');
        emit({ type: 'shot-updated', shotId: row.id, status: canceled ? 'canceled' : 'failed', reasons: [(err as Error).message] });
        // This clip alone was stopped: the rest of the batch carries on.
        if (canceled && !signal.aborted) return summary('canceled', ['canceled']);
        // One clip failing (a provider error, a bad input) must not cancel the others' paid jobs
        // in flight: it is reported in the summary and the rest of the batch carries on.
        if (canceled || err instanceof InputError) throw err;
        return summary('failed', [(err as Error).message]);
      }
      setCurrentTake(project.db, row.id, outcome.current.takeId);
      // The take on screen is now made for the current plan: the shot is no longer stale.
      if (row.stale) setShotsStale(project.db, [row.id], false);
      currentClip.get(shot.id)!.resolve(outcome.current.grade.path);
      if (outcome.status === 'passed' && o.autoApprove) {
        // A headless run has no person in the loop: the gate approved it, and the record says so.
        setTakeReview(project.db, outcome.current.takeId, 'approved', { by: 'gate', action: o.autoApprove.action });
      }
      setShotStatus(project.db, row.id, outcome.status);
      emit({ type: 'shot-updated', shotId: row.id, status: outcome.status, score: outcome.current.quality.score, reasons: outcome.reasons });
      return { shotId: shot.id, rowId: row.id, index: shot.index, kind: shot.kind, label: shot.label, status: outcome.status, score: outcome.current.quality.score, attempts: outcome.attempts.length, reasons: outcome.reasons };
    };
    const parallel = o.concurrency ?? Math.max(1, availableParallelism());
    const first = await runPool(order.filter((x) => !dependsOnAnchor(x.shot)), parallel, (x, _n, signal) => runOne(x, signal), o.signal);
    const then = await runPool(order.filter((x) => dependsOnAnchor(x.shot)), parallel, (x, _n, signal) => runOne(x, signal), o.signal);
    const summaries = [...first, ...then].sort((a, b) => a.index - b.index);
    return { lookId, plan, shots: summaries, spentUsd: budget.spentUsd(), seconds: (Date.now() - started) / 1000 };
  } catch (err) {
    if (o.signal?.aborted) throw new CanceledError('the batch was canceled; finished takes are kept (run again with --resume)');
    throw err;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}

/**
 * The stored row of each planned shot, in plan order. Rows and takes of shots the plan still has
 * are kept (and shots a person added, which this batch does not render); shots with takes that a
 * different plan drops are deleted only when the caller asked (`replan`), see sync-look-shots.ts.
 */
function syncShots(project: Project, lookId: string, plan: LookPlan, replan: boolean): ShotRow[] {
  const wanted = plan.shots.map((shot) => ({ id: shotRowId(lookId, shot.id), plan: shot, position: shot.index }));
  const rows = syncLookShots(project.db, lookId, wanted, { replace: replan, how: 'Run with --replan to replace them with the new plan, or with the look\'s own clip count to keep them.' });
  return wanted.map((w) => rows.find((r) => r.id === w.id)!);
}

/**
 * The summary of a shot kept from an earlier run, or undefined when it has to be rendered: no
 * current take, a take that did not finish, or a stale one (made for another plan or canon,
 * sync-look-shots.ts) — never passed off as this plan's clip.
 */
function resumedSummary(project: Project, row: ShotRow, index: number): ShotSummary | undefined {
  if (!row.currentTakeId || row.stale || (row.status !== 'passed' && row.status !== 'review')) return undefined;
  const takes = listTakes(project.db, row.id);
  const current = takes.find((t) => t.id === row.currentTakeId);
  return { shotId: row.plan.id, rowId: row.id, index, kind: row.plan.kind, label: row.plan.label, status: row.status === 'review' ? 'review' : 'resumed', score: current?.score ?? null, attempts: takes.length, reasons: (current?.reasons as string[] | null) ?? [] };
}
