/**
 * One shot through the gate (DESIGN.md §7): anchor → render → grade → score, retried with
 * escalation (new seed → stronger style → next mechanism) until a take passes, the retry limit
 * or the budget is reached. Every attempt is kept as a take; the best passing take becomes current.
 */
import { join } from 'node:path';
import type { Mechanism, PlannedShot } from '../domain/shot.ts';
import { chooseMechanism } from '../continuity/choose-mechanism.ts';
import { referencesByPriority } from './reference-budget.ts';
import { nextAttempt, type Attempt, type Change } from '../quality/gate-policy.ts';
import { attemptInputsKey } from './attempt-inputs.ts';
import { newId } from '../store/row-helpers.ts';
import { hashFile } from '../export/hash-file.ts';
import { attemptBasis } from './take-id.ts';
import { characterReferenceFor, referenceForFraming, type LookAssets } from './look-assets.ts';
import type { PipelineEvent } from './pipeline-events.ts';
import type { QualityStep, GradeOutcome, ScoreOutcome } from './quality-step.ts';
import type { RenderResult, ShotRenderer } from './shot-renderer.ts';
import { prepareStartImage, type StartImage } from './start-image.ts';
import type { KeyframeMaker } from './keyframe-maker.ts';
import type { Budget } from './budget.ts';
import { remixStartImage, type RemixSource } from './remix-source.ts';

export interface ShotJob {
  shot: PlannedShot;
  prompt: string;
  negativePrompt: string;
  /** The look's seed: persisted across shots on the same provider and model. */
  seed: number;
  previousClip?: string;
  styleSource?: string;
  /** Variants and seasonal swaps: made from this anchor take (mechanism `remix`). */
  remix?: RemixSource;
}

export interface ShotRunContext {
  renderer: ShotRenderer;
  quality: QualityStep;
  assets: LookAssets;
  budget: Budget;
  width: number;
  height: number;
  seconds: number;
  fps: number;
  maxRetries: number;
  workDir: string;
  seedInheritable: boolean;
  emit: (event: PipelineEvent) => void;
  /** Persist one attempt (takes table, asset store, prompt pack). */
  record: (attempt: AttemptRecord) => Promise<void>;
  signal?: AbortSignal;
  /** Unique per shot in the project (the shot row id): lets a renderer give attempts stable take ids (take-id.ts). */
  takeKey?: string;
  /** Makes identity/style keyframes (default: local). Remote renderers offer theirs (ShotRenderer.keyframeMaker). */
  keyframes?: KeyframeMaker;
  /** The parent anchor's current take of a variant or seasonal swap (undefined: none to compare with). */
  anchorClip?: (shot: PlannedShot) => Promise<string | undefined>;
}

export interface AttemptRecord {
  takeId: string;
  shotId: string;
  attempt: number;
  mechanism: Exclude<Mechanism, 'seed-persistence'>;
  alsoUsed: Mechanism[];
  mechanismWhy: string;
  seedSent: number | null;
  /** Seed the start image was made with (the model's seed, or the keyframe's own for a seedless model). */
  keyframeSeed: number;
  styleStrength: number;
  /** What this retry changed from the previous attempt; null on the first attempt. */
  change: string | null;
  start: StartImage;
  render: RenderResult;
  grade: GradeOutcome;
  /** The approved look images graded toward and scored against (start.colourReferences, by hash). */
  colourTarget: Array<{ role: string; sha256: string }>;
  quality: ScoreOutcome;
  startedAt: string;
  finishedAt: string;
}

export interface ShotOutcome {
  shotId: string;
  status: 'passed' | 'review';
  attempts: AttemptRecord[];
  current: AttemptRecord;
  reasons: string[];
}

export async function runShot(job: ShotJob, cx: ShotRunContext): Promise<ShotOutcome> {
  const { shot } = job;
  const model = cx.renderer.model;
  const capability = {
    id: model.id, provider: model.provider, startImage: model.inputs.startImage,
    // Layer-only references (the local animatic's composited layers) do not condition the look,
    // so they must not make the take claim "native-reference" (the mechanism recorded must be true).
    referenceImages: model.inputs.referenceImages?.kinds.some((k) => k !== 'layer') ? model.inputs.referenceImages.max : 0,
    seed: model.inputs.seed !== 'none',
  };
  const mechCtx = { shot, model: capability, previousTakeAvailable: Boolean(job.previousClip), seedInheritable: cx.seedInheritable };
  // A variant is made from its anchor's take: remix is its only mechanism (retries re-seed it).
  const remixed = job.remix ? { mechanism: 'remix' as const, alsoUsed: [], fallbacks: [], why: `made from anchor ${job.remix.anchorShotId}'s take ${job.remix.anchorTakeId} with the declared change` } : undefined;
  const first = remixed ?? chooseMechanism(mechCtx);
  const mechanisms = [first.mechanism, ...first.fallbacks];
  const attempts: AttemptRecord[] = [];
  const history: Attempt[] = [];
  // Inputs of every attempt made; a retry that would re-send one of them is not made (issue 10 item 8).
  const seen = new Set<string>();
  const unchanged: Change[] = [];
  const keyframeSeeds = new Set<number>([job.seed]);
  let next: NextParams = { mechanism: first.mechanism as Exclude<Mechanism, 'seed-persistence'>, seed: job.seed, keyframeSeed: job.seed, styleStrength: shot.styleStrength };

  for (;;) {
    const choice = remixed ?? chooseMechanism({ ...mechCtx, exclude: mechanisms.slice(0, mechanisms.indexOf(next.mechanism)) });
    const record = await attemptOnce(job, cx, { ...next, mechanism: choice.mechanism, alsoUsed: choice.alsoUsed, why: choice.why, attempt: attempts.length + 1 }, seen);
    if (record) {
      attempts.push(record);
      history.push({ pass: record.quality.pass, score: record.quality.score, reasons: record.quality.reasons, mechanism: record.mechanism, seed: record.seedSent, styleStrength: record.styleStrength });
      unchanged.length = 0;
    } else {
      unchanged.push(next.changeKind!);
      cx.emit({ type: 'log', level: 'info', message: `shot ${shot.id}: retry not made: ${next.change} would re-send the inputs of an earlier attempt` });
    }
    const decision = nextAttempt(history, {
      maxRetries: cx.maxRetries, budgetLeftUsd: cx.budget.leftUsd(),
      costPerAttemptUsd: cx.renderer.estimateAttemptUsd(cx.seconds), mechanisms,
      strengthApplies: (m) => strengthChangesInputs(m, job, cx), unchanged,
    });
    if (decision.action === 'accept') {
      return { shotId: shot.id, status: 'passed', attempts, current: attempts[decision.takeIndex]!, reasons: attempts[decision.takeIndex]!.quality.reasons };
    }
    if (decision.action === 'review') {
      return { shotId: shot.id, status: 'review', attempts, current: attempts[decision.bestTakeIndex]!, reasons: decision.reasons };
    }
    cx.emit({ type: 'log', level: 'info', message: `shot ${shot.id}: ${decision.why}; retrying with ${decision.change}` });
    const mechanism = decision.mechanism === 'seed-persistence' ? next.mechanism : decision.mechanism;
    const last = attempts[attempts.length - 1]!;
    let keyframeSeed = decision.seed ?? last.keyframeSeed;
    let change: string;
    if (decision.change === 'new-seed' && decision.seed === null) {
      // A seedless model re-samples the same request: the new seed goes to the keyframe instead
      // (a new crop / generated keyframe), so the inputs differ; a bridge frame does not take it.
      while (keyframeSeeds.has(keyframeSeed)) keyframeSeed = (keyframeSeed + 1) % 2 ** 31;
      // A bridge frame or an anchor's take is the start as it is: no keyframe is made, so the
      // record must not claim a keyframe seed changed anything.
      change = mechanism === 'frame-bridge' || mechanism === 'remix'
        ? `a new draw (the model takes no seed; a ${mechanism} start uses no keyframe seed)`
        : `new keyframe seed ${last.keyframeSeed} → ${keyframeSeed} and a new draw (the model takes no seed)`;
    } else {
      change = decision.change === 'new-seed' ? `new seed ${last.seedSent ?? 'none'} → ${decision.seed}`
        : decision.change === 'stronger-style' ? `style strength ${last.styleStrength} → ${decision.styleStrength}`
        : `mechanism ${last.mechanism} → ${mechanism}`;
    }
    keyframeSeeds.add(keyframeSeed);
    next = { mechanism, seed: decision.seed, keyframeSeed, styleStrength: decision.styleStrength, changeKind: decision.change, change: `${change} (${decision.why})` };
  }
}

interface NextParams {
  mechanism: Exclude<Mechanism, 'seed-persistence'>;
  seed: number | null;
  /** Seed the start image is made with (the model's seed, or a new one for a seedless model's retry). */
  keyframeSeed: number;
  styleStrength: number;
  changeKind?: Change;
  change?: string;
}

interface AttemptParams extends NextParams {
  alsoUsed: Mechanism[];
  why: string;
  attempt: number;
}

/**
 * Whether a stronger style strength would change this attempt's inputs: only a keyframe moved
 * toward the look's colour anchor (an identity keyframe, or a style source that is not a look
 * reference) or a generated keyframe uses it. A keyframe cut straight from a look reference and a
 * frame bridge do not, and the local renderer takes no strength of its own.
 */
function strengthChangesInputs(mechanism: Mechanism, job: ShotJob, cx: ShotRunContext): boolean {
  if (mechanism === 'frame-bridge' || mechanism === 'seed-persistence') return false;
  if (cx.keyframes && mechanism !== 'native-reference') return true;
  return (mechanism === 'identity-keyframe' && Boolean(cx.assets.characterReference)) || (mechanism !== 'native-reference' && Boolean(job.styleSource));
}

/** One attempt; null when its inputs equal an earlier attempt's in `seen` (nothing rendered, the hold released). */
async function attemptOnce(job: ShotJob, cx: ShotRunContext, p: AttemptParams, seen: Set<string>): Promise<AttemptRecord | null> {
  const { shot } = job;
  // Paid takes need ids a resumed run asks for again (the job runner is idempotent per take id).
  const takeId = cx.takeKey && cx.renderer.takeIdFor ? cx.renderer.takeIdFor({
    key: cx.takeKey, attempt: p.attempt,
    basis: attemptBasis({
      shot, prompt: job.prompt, negativePrompt: job.negativePrompt, lookSeed: job.seed, seed: p.seed, styleStrength: p.styleStrength,
      mechanism: p.mechanism, provider: cx.renderer.provider, model: cx.renderer.model.id, width: cx.width, height: cx.height,
      seconds: cx.seconds, fps: cx.fps, imageHashes: [...cx.assets.references, ...cx.assets.productShots].map((r) => r.sha256),
      inputHashes: await Promise.all([job.previousClip, job.styleSource, ...(job.remix ? [job.remix.anchorClip] : [])].map(async (path) => (path ? (await hashFile(path)).sha256 : undefined))),
    }),
  }) : newId();
  const startedAt = new Date().toISOString();
  const progress = (stage: Extract<PipelineEvent, { type: 'job-progress' }>['stage'], fraction: number) =>
    cx.emit({ type: 'job-progress', jobId: takeId, shotId: shot.id, attempt: p.attempt, stage, progress: fraction, costSoFarUsd: cx.budget.spentUsd() });
  const cost = cx.renderer.estimateAttemptUsd(cx.seconds);
  // Only a seed the model actually takes is sent, and recorded as sent (Veo image-to-video takes none).
  const seedSent = cx.renderer.model.inputs.seed === 'none' ? null : p.seed;
  cx.budget.reserve(cost, `shot ${shot.id} attempt ${p.attempt}`);
  let start: StartImage;
  let render: RenderResult;
  try {
    progress('keyframe', 0);
    start = job.remix ? await remixStartImage(job.remix, cx.workDir, referenceForFraming(cx.assets, job.remix.anchorFraming).path, cx.signal) : await prepareStartImage({
      shot, mechanism: p.mechanism, assets: cx.assets, width: cx.width, height: cx.height,
      seed: p.seed ?? p.keyframeSeed, styleStrength: p.styleStrength, previousClip: job.previousClip,
      styleSource: job.styleSource, workDir: cx.workDir, signal: cx.signal,
      keyframes: cx.keyframes, takeKey: takeId, prompt: job.prompt,
    });
    // A generated keyframe is money spent on this attempt, over its clip estimate.
    if (start.keyframe) cx.budget.settle(0, start.keyframe.costUsd);
    // A seedless remote model draws anew on every request: its new-seed retry is a new draw even
    // when the keyframe could not change (the local renderer is deterministic for its inputs).
    const draw = seedSent === null && p.changeKind === 'new-seed' && cx.renderer.provider !== 'local' ? p.attempt : null;
    const key = await attemptInputsKey({ mechanism: start.mechanism, seedSent, startImage: start.path, prompt: job.prompt, extra: [shot.deltas, job.remix?.anchorTakeId ?? null, draw] });
    if (seen.has(key)) { cx.budget.settle(cost, 0); return null; }
    seen.add(key);
    const out = join(cx.workDir, `${shot.id}-take${p.attempt}.mp4`);
    render = await cx.renderer.render({
      shot, takeId, attempt: p.attempt, prompt: job.prompt, negativePrompt: job.negativePrompt,
      startImage: start.path, startIsBridge: start.kind === 'bridge-frame', ...nativeReferences(p.mechanism === 'native-reference' ? cx.assets.references : []),
      layers: { productImages: cx.assets.productShots.map((r) => r.path), referenceImages: cx.assets.references.map((r) => r.path) },
      deltas: shot.deltas, width: cx.width, height: cx.height, seconds: cx.seconds, fps: cx.fps,
      seed: p.seed, out, signal: cx.signal, onProgress: (f) => progress('render', f), ...(job.remix ? { remix: job.remix } : {}),
    });
  } catch (err) {
    // A failed attempt keeps only what the ledger says it committed: nothing for a create that
    // never reached the provider (connection refused, unknown host), the estimate for one it accepted.
    cx.budget.settle(cost, cx.renderer.costForTake?.(takeId) ?? 0);
    throw err;
  }
  cx.budget.settle(cost, render.costUsd);
  progress('grade', 0);
  const grade = await cx.quality.grade({ video: render.path, shot, references: start.colourReferences, out: join(cx.workDir, `${shot.id}-take${p.attempt}-graded.mp4`), lutOut: join(cx.workDir, `${shot.id}-take${p.attempt}.cube`), signal: cx.signal });
  progress('score', 0);
  const anchorClip = shot.parentId && cx.anchorClip ? await cx.anchorClip(shot) : undefined;
  // Identity is judged whenever the shot names a character, whatever mechanism made the take.
  const characterReference = characterReferenceFor(cx.assets, shot.characterReference)?.path;
  const quality = await cx.quality.score({ video: grade.path, shot, references: start.colourReferences, previousClip: p.mechanism === 'frame-bridge' ? job.previousClip : undefined, anchorClip, characterReference, signal: cx.signal });
  // A paid measurement (the semantic metric) is money this attempt spent, over its clip estimate.
  const measured = (quality.spend ?? []).reduce((sum, s) => sum + s.usd, 0);
  if (measured > 0) cx.budget.settle(0, measured);
  const record: AttemptRecord = {
    // The mechanism the start image actually served (an identity keyframe without its character
    // reference is a style keyframe), with the reason when it differs from the one chosen.
    takeId, shotId: shot.id, attempt: p.attempt, mechanism: start.mechanism, alsoUsed: p.alsoUsed, mechanismWhy: start.why ?? p.why,
    seedSent, keyframeSeed: p.keyframeSeed, styleStrength: p.styleStrength, change: p.change ?? null, start, render, grade,
    colourTarget: colourTargetOf(cx.assets, start.colourReferences), quality, startedAt, finishedAt: new Date().toISOString(),
  };
  await cx.record(record);
  progress('done', 1);
  return record;
}

/** Colour reference paths as the look images they are (they are always approved look images). */
function colourTargetOf(assets: LookAssets, paths: readonly string[]): Array<{ role: string; sha256: string }> {
  return paths.flatMap((path) => {
    const image = assets.references.find((r) => r.path === path);
    return image ? [{ role: image.role, sha256: image.sha256 }] : [];
  });
}

/** Native references for a render request: most important role first, with what the take records. */
function nativeReferences(refs: LookAssets['references']): { referenceImages: string[]; referenceInfo: Array<{ role: string; sha256: string }> } {
  const ordered = referencesByPriority(refs);
  return { referenceImages: ordered.map((r) => r.path), referenceInfo: ordered.map((r) => ({ role: r.role, sha256: r.sha256 })) };
}
