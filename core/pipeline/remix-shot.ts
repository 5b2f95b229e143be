/**
 * Remix one shot of a project (issue 11, `continuity remix`): a variant or seasonal swap is made
 * again from its anchor's current take, optionally with a new declared change; an anchor given a
 * change gets a new variant shot beside it. Goes through the same attempt loop as a batch (grade,
 * score, gate retries) and is recorded as takes with their prompt packs.
 */
import { rm } from 'node:fs/promises';
import { makeWorkDir } from '../runtime/work-dirs.ts';
import { InputError } from '../domain/errors.ts';
import type { PromptPack } from '../domain/prompt-pack.ts';
import type { Delta, PlannedShot } from '../domain/shot.ts';
import { buildDeltaCatalog } from '../plan/delta-catalog.ts';
import { parseDelta } from '../plan/parse-delta.ts';
import { withShotEdit, type EditableShot } from '../plan/shot-edits.ts';
import { getCanonVersion } from '../store/looks-repo.ts';
import type { Project } from '../store/open-project.ts';
import { insertShot, listShots, setShotsStale, setShotStatus, updateShotPlan, type ShotRow } from '../store/shots-repo.ts';
import { getTake, setCurrentTake, setTakeReview } from '../store/takes-repo.ts';
import { createBudget } from './budget.ts';
import { resolveLookAssets } from './look-assets.ts';
import type { PipelineEvent } from './pipeline-events.ts';
import { loadProjectLook } from './project-look.ts';
import type { QualityStep } from './quality-step.ts';
import { recordAttempt } from './record-attempt.ts';
import { findRemixSource } from './remix-source.ts';
import { shotRowId } from './run-look.ts';
import { runShot } from './run-shot.ts';
import type { ShotRenderer } from './shot-renderer.ts';

export interface RemixShotOptions {
  project: Project;
  lookId: string;
  /** The shot's plan id (a1-v1) or row id. */
  shotId: string;
  /** `KIND[:VALUE]` changes (1–2); absent: the shot's own declared changes. */
  deltas?: string[];
  renderer: ShotRenderer;
  quality: QualityStep;
  maxRetries?: number;
  budgetUsd?: number | null;
  /**
   * A take the gate passes in a headless remix is approved, recorded as the gate's with this action
   * (as runLookBatch does); false or absent: it waits for a person's review.
   */
  autoApprove?: { action: string } | false;
  signal?: AbortSignal;
  onEvent?: (e: PipelineEvent) => void;
}

export interface RemixShotResult {
  shotId: string; rowId: string; created: boolean; takeId: string; anchorTakeId: string;
  status: 'passed' | 'review'; score: number; reasons: string[]; deltas: Delta[]; note: string;
}

/** Remix the shot; throws InputError for an unknown shot or a bad delta, WorkError when the anchor has no take. */
export async function remixShot(o: RemixShotOptions): Promise<RemixShotResult> {
  const { project, lookId } = o;
  const rows = listShots(project.db, lookId);
  const row = rows.find((r) => r.plan.id === o.shotId || r.id === o.shotId);
  if (!row) throw new InputError(`--shot: no shot ${JSON.stringify(o.shotId)} in this look; shots: ${rows.map((r) => r.plan.id).join(', ') || '(none: run the look first)'}`, 'shot', o.shotId);
  const loaded = await loadProjectLook(project, lookId);
  const canon = getCanonVersion(project.db, lookId);
  if (!canon) throw new InputError('the look has no canon yet: run the look first', 'look', lookId);
  const deltas = o.deltas?.length ? o.deltas.map((d) => parseDelta(d, buildDeltaCatalog(loaded.look, canon.canon))) : row.plan.deltas;
  if (deltas.length === 0 || deltas.length > 2) throw new InputError(`--delta: a remix declares 1–2 changes, got ${deltas.length}`, 'delta', o.deltas);
  const { target, created } = targetShot(project, lookId, rows, row, deltas);
  const source = findRemixSource(project, shotRowId(lookId, target.plan.parentId!), target.plan);
  const anchorPack = getTake(project.db, source.anchorTakeId)!.pack as PromptPack;
  const prompt = `${anchorPack.prompt} ${source.instruction}`;
  const planned: PromptPack = {
    schemaVersion: anchorPack.schemaVersion, look: anchorPack.look, canonVersion: anchorPack.canonVersion,
    shot: { id: target.plan.id, index: target.plan.index, kind: target.plan.kind, parentId: target.plan.parentId, framing: target.plan.framing, motion: target.plan.motion, label: target.plan.label },
    deltas, prompt, negativePrompt: anchorPack.negativePrompt, references: anchorPack.references.filter((r) => r.role !== 'keyframe' && r.role !== 'bridge-frame'),
    model: { provider: o.renderer.provider, model: o.renderer.model.id }, parameters: {}, size: anchorPack.size, seconds: anchorPack.seconds, fps: anchorPack.fps,
    estimatedCostUsd: o.renderer.estimateAttemptUsd(anchorPack.seconds),
  };
  const assets = resolveLookAssets(
    loaded.references.map((r) => ({ path: r.path, role: r.role, sha256: r.sha256, approved: r.approved, index: r.index })),
    loaded.productShots.map((r) => ({ path: r.path, role: r.role, sha256: r.sha256, approved: true, index: r.index })),
  );
  const workDir = await makeWorkDir('continuity-remix-shot');
  const emit = o.onEvent ?? (() => {});
  try {
    setShotStatus(project.db, target.id, 'running');
    const outcome = await runShot({ shot: target.plan, prompt, negativePrompt: planned.negativePrompt, seed: loaded.look.batch.seed, remix: source }, {
      renderer: o.renderer, quality: o.quality, assets, budget: createBudget(o.budgetUsd ?? null),
      width: planned.size.width, height: planned.size.height, seconds: planned.seconds, fps: planned.fps,
      maxRetries: o.maxRetries ?? 2, workDir, seedInheritable: true, signal: o.signal, takeKey: target.id, keyframes: o.renderer.keyframeMaker,
      emit: (e) => emit(e.type === 'shot-updated' || e.type === 'job-progress' ? { ...e, shotId: target.id } : e),
      record: async (a) => { await recordAttempt(project, target.id, planned, a); },
    }).catch((err: unknown) => { setShotStatus(project.db, target.id, o.signal?.aborted ? 'canceled' : 'failed'); throw err; });
    setCurrentTake(project.db, target.id, outcome.current.takeId);
    // The new take is made for the shot as it is now: no longer stale (a shot-editor edit, a re-plan).
    if (target.stale) setShotsStale(project.db, [target.id], false);
    // No person is in the loop: the gate approved it, and the record says so (an approval without
    // who gave it is refused by setTakeReview, which failed every passing `continuity remix`).
    if (outcome.status === 'passed' && o.autoApprove) setTakeReview(project.db, outcome.current.takeId, 'approved', { by: 'gate', action: o.autoApprove.action });
    setShotStatus(project.db, target.id, outcome.status);
    return {
      shotId: target.plan.id, rowId: target.id, created, takeId: outcome.current.takeId, anchorTakeId: source.anchorTakeId,
      status: outcome.status, score: outcome.current.quality.score, reasons: outcome.reasons, deltas, note: outcome.current.render.note,
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The shot the remix is recorded on: the variant itself (changes updated), or a new variant of an anchor. */
function targetShot(project: Project, lookId: string, rows: ShotRow[], row: ShotRow, deltas: Delta[]): { target: ShotRow; created: boolean } {
  if (row.plan.kind === 'seasonal' && deltas.some((d) => d.kind !== 'motif' && d.kind !== 'prop')) {
    throw new InputError(`--delta: shot ${row.plan.id} is a seasonal swap, which takes only motif and prop changes`, 'delta', deltas.map((d) => d.kind));
  }
  if (row.plan.parentId && (row.plan.kind === 'variant' || row.plan.kind === 'seasonal')) {
    if (JSON.stringify(row.plan.deltas) === JSON.stringify(deltas)) return { target: row, created: false };
    // Kept as an edit of the planned shot, so the next run of the same plan keeps it (and every take).
    const plan: PlannedShot = withShotEdit(row.plan, { deltas, label: `${row.plan.id}: ${deltas.map((d) => d.label).join(' + ')}` }, 'remix');
    updateShotPlan(project.db, row.id, plan);
    return { target: { ...row, plan }, created: false };
  }
  if (row.plan.kind !== 'anchor') throw new InputError(`--shot: ${row.plan.id} is a ${row.plan.kind} shot; remix works on anchors and their variants`, 'shot', row.plan.id);
  const taken = new Set(rows.map((r) => r.plan.id));
  let n = 1;
  while (taken.has(`${row.plan.id}-x${n}`)) n++;
  const camera = deltas.find((d) => d.kind === 'camera');
  const plan: PlannedShot = {
    ...row.plan, id: `${row.plan.id}-x${n}`, index: Math.max(...rows.map((r) => r.position)) + 1, kind: 'variant', parentId: row.plan.id, deltas,
    motion: camera?.kind === 'camera' ? camera.motion : row.plan.motion, label: `${row.plan.id}-x${n}: ${deltas.map((d) => d.label).join(' + ')}`,
    // The planner never makes this shot: marked so re-planning the same plan keeps it (and its takes).
    added: { by: 'remix', at: new Date().toISOString() },
  } as EditableShot;
  const inserted = insertShot(project.db, lookId, { id: shotRowId(lookId, plan.id), plan, position: plan.index });
  return { target: inserted, created: true };
}
