/**
 * A continuity session end to end (DESIGN.md §1 "Continuity session", issue 4 item 2): shots in
 * order, each through the same gate as a look batch (run-shot: anchor → render → grade → score,
 * retried with escalation), anchored on what it continues from (session-sources.ts). Shots run one
 * after another because each one starts from the previous one's take.
 *
 * Regenerating a shot marks every later shot that depends on it stale (markRegenerated) and says
 * so in the result and in a `session-stale` event, instead of silently keeping clips that no
 * longer continue from what is on screen. `onlyStale` then re-renders just those.
 */
import { rm } from 'node:fs/promises';
import { CanceledError, InputError } from '../domain/errors.ts';
import { markRegenerated, validateSession, type ContinuitySession } from '../continuity/session.ts';
import type { LoadedLook } from '../look/load-look-file.ts';
import type { Project } from '../store/open-project.ts';
import { setShotStatus } from '../store/shots-repo.ts';
import { setCurrentTake } from '../store/takes-repo.ts';
import { createBudget, type Budget } from './budget.ts';
import type { PipelineEvent } from './pipeline-events.ts';
import type { QualityStep } from './quality-step.ts';
import { recordAttempt } from './record-attempt.ts';
import { runShot } from './run-shot.ts';
import type { ShotRenderer } from './shot-renderer.ts';
import { prepareSessionSetup, planSessionShot, type SessionSetup } from './session-setup.ts';
import { resolveShotSources } from './session-sources.ts';
import { loadSession, saveSession } from './session-store.ts';
import { keptShotResult, type SessionShotResult } from './session-result.ts';
import { makeWorkDir } from '../runtime/work-dirs.ts';

export type { SessionShotResult } from './session-result.ts';

/** Pipeline events plus the session's own: which shots went stale, and why. */
export type SessionEvent =
  | PipelineEvent
  | { type: 'session-stale'; sessionId: string; shotIds: string[]; reason: string };

export interface RunSessionOptions {
  project: Project;
  sessionId: string;
  loaded: LoadedLook;
  renderer: ShotRenderer;
  quality: QualityStep;
  /** Retries after the first attempt of each shot (default 2). */
  maxRetries?: number;
  budgetUsd?: number | null;
  /** Render only shots that are stale or were never rendered; keep the others' current takes. */
  onlyStale?: boolean;
  /**
   * Render at this size instead of the look's batch size: quick previz drafts (and fast tests).
   * Every shot of one run uses the same size, so bridges stay pixel-exact.
   */
  size?: { width: number; height: number };
  signal?: AbortSignal;
  onEvent?: (e: SessionEvent) => void;
}

export interface RunSessionResult {
  sessionId: string;
  shots: SessionShotResult[];
  /** Shots still stale when the run ended, with why (empty after a full run). */
  stale: { shotId: string; position: number; reason: string }[];
  spentUsd: number;
  seconds: number;
}

export interface RegenerateShotResult extends RunSessionResult {
  /** The regenerated shot. */
  shot: SessionShotResult;
  /** Later shots that depended on it and are now stale (not re-rendered). */
  staled: string[];
}

interface Run { o: RunSessionOptions; setup: SessionSetup; budget: Budget; workDir: string; emit: (e: SessionEvent) => void }

/** Render the session's shots in order (all, or only the stale / unrendered ones). */
export async function runSession(o: RunSessionOptions): Promise<RunSessionResult> {
  return withRun(o, async (run, session) => {
    const results: SessionShotResult[] = [];
    for (let i = 0; i < session.shots.length; i++) {
      const shot = session.shots[i]!;
      if (o.onlyStale && shot.rendered && !shot.stale) { results.push(keptShotResult(o.project, session, i)); continue; }
      const rendered = await renderShot(run, session, i);
      session = rendered.session;
      results.push(rendered.result);
    }
    return { session, results };
  });
}

/**
 * Re-render one shot (a new set of takes; the old ones are kept) and mark the later shots that
 * continue from it stale. They are not re-rendered: run the session with `onlyStale` for that.
 */
export async function regenerateShot(o: Omit<RunSessionOptions, 'onlyStale'> & { shotId: string; seed?: number }): Promise<RegenerateShotResult> {
  let shot: SessionShotResult | undefined;
  let staled: string[] = [];
  const base = await withRun(o, async (run, session) => {
    const i = session.shots.findIndex((s) => s.id === o.shotId);
    if (i < 0) throw new InputError(`session "${session.name}" has no shot "${o.shotId}"`, 'shotId', o.shotId);
    for (let j = 0; j < i; j++) {
      if (!session.shots[j]!.rendered) throw new InputError(`shot ${i + 1} continues from shot ${j + 1}, which has not been rendered: run the session first`, 'shotId', o.shotId);
    }
    const rendered = await renderShot(run, session, i, o.seed);
    shot = rendered.result;
    staled = rendered.staled;
    const results = rendered.session.shots.map((_, j) => (j === i ? rendered.result : keptShotResult(o.project, rendered.session, j)));
    return { session: rendered.session, results };
  });
  return { ...base, shot: shot!, staled };
}

async function withRun(o: RunSessionOptions, body: (run: Run, session: ContinuitySession) => Promise<{ session: ContinuitySession; results: SessionShotResult[] }>): Promise<RunSessionResult> {
  const started = Date.now();
  const { session, lookId } = loadSession(o.project, o.sessionId);
  validateSession(session);
  if (session.shots.length === 0) throw new InputError(`session "${session.name}" has no shots: add one first`, 'sessionId', o.sessionId);
  const setup = { ...prepareSessionSetup(o.project, lookId, o.loaded), ...checkedSize(o.size) };
  const budget = createBudget(o.budgetUsd ?? null);
  const workDir = await makeWorkDir('continuity-session');
  try {
    const out = await body({ o, setup, budget, workDir, emit: o.onEvent ?? (() => {}) }, session);
    const stale = out.session.shots.flatMap((s, i) => (s.stale ? [{ shotId: s.id, position: i + 1, reason: s.staleReason ?? 'its inputs changed' }] : []));
    return { sessionId: session.id, shots: out.results, stale, spentUsd: budget.spentUsd(), seconds: (Date.now() - started) / 1000 };
  } catch (err) {
    if (o.signal?.aborted) throw new CanceledError('the session run was canceled; finished shots keep their takes');
    throw err;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** One shot through the gate, recorded, made current; its dependants marked stale and saved. */
async function renderShot(run: Run, session: ContinuitySession, index: number, seedOverride?: number): Promise<{ session: ContinuitySession; result: SessionShotResult; staled: string[] }> {
  const { o, setup, emit } = run;
  const shot = session.shots[index]!;
  const planned = planSessionShot(setup, session, index, o.renderer);
  const resolved = await resolveShotSources(o.project, setup, session, index, o.renderer, run.workDir, o.signal);
  // An explicit seed (a regenerate asking for a different take) is the user's, not inherited.
  const sources = seedOverride === undefined ? resolved : { ...resolved, seed: seedOverride, seedInheritable: false, seedNote: `seed ${seedOverride} chosen for this regeneration` };
  setShotStatus(o.project.db, shot.id, 'running');
  emit({ type: 'shot-updated', shotId: shot.id, status: 'running' });
  emit({ type: 'log', level: 'info', message: `shot ${index + 1}/${session.shots.length} (${shot.mode}): style from ${sources.styleNote}; ${sources.seedNote}` });
  let outcome;
  try {
    outcome = await runShot(
      { shot: planned.plan, prompt: planned.compiled.prompt, negativePrompt: planned.compiled.negativePrompt, seed: sources.seed, previousClip: sources.previousClip, styleSource: sources.styleSource },
      {
        renderer: o.renderer, quality: o.quality, assets: setup.assets, budget: run.budget, width: setup.width, height: setup.height,
        seconds: setup.seconds, fps: setup.fps, maxRetries: o.maxRetries ?? 2, workDir: run.workDir, seedInheritable: sources.seedInheritable,
        // The shot row id keys paid takes, so a resumed session asks for the same jobs again.
        signal: o.signal, emit, keyframes: o.renderer.keyframeMaker, takeKey: shot.id,
        record: async (a) => { await recordAttempt(o.project, shot.id, withSources(planned.pack, sources), a); },
      },
    );
  } catch (err) {
    const canceled = Boolean(o.signal?.aborted);
    setShotStatus(o.project.db, shot.id, canceled ? 'canceled' : 'failed');
    emit({ type: 'shot-updated', shotId: shot.id, status: canceled ? 'canceled' : 'failed', reasons: [(err as Error).message] });
    throw err;
  }
  setCurrentTake(o.project.db, shot.id, outcome.current.takeId);
  setShotStatus(o.project.db, shot.id, outcome.status);
  const marked = markRegenerated(session, shot.id);
  // Name the shot by position and label (ids are UUIDs nobody can read).
  const reason = `shot ${index + 1} ("${planned.plan.label}") was regenerated and this shot continues from it: re-render it`;
  const saved = saveSession(o.project, { ...marked.session, shots: marked.session.shots.map((s) => (marked.staled.includes(s.id) ? { ...s, staleReason: reason } : s)) }).session;
  const c = outcome.current;
  emit({ type: 'shot-updated', shotId: shot.id, status: outcome.status, score: c.quality.score, reasons: outcome.reasons });
  if (marked.staled.length) emit({ type: 'session-stale', sessionId: session.id, shotIds: marked.staled, reason });
  const result: SessionShotResult = {
    shotId: shot.id, position: index + 1, label: planned.plan.label, mode: shot.mode, status: outcome.status,
    mechanism: c.mechanism, alsoUsed: c.alsoUsed, styleSource: sources.styleNote, styleSourceShotId: sources.styleSourceShotId,
    seed: c.seedSent, seedInherited: sources.seedInheritable, score: c.quality.score, pass: c.quality.pass,
    bridgeSsim: c.quality.metrics.bridgeSsim ?? null, attempts: outcome.attempts.length, takeId: c.takeId, reasons: outcome.reasons,
  };
  return { session: saved, result, staled: marked.staled };
}

/** The planned pack with where this shot's continuity came from (traceable in the prompt pack). */
function withSources(pack: ReturnType<typeof planSessionShot>['pack'], s: Awaited<ReturnType<typeof resolveShotSources>>) {
  return { ...pack, parameters: { ...pack.parameters, styleSource: s.styleNote, styleSourceShotId: s.styleSourceShotId, seedPolicy: s.seedNote } };
}

function checkedSize(size: RunSessionOptions['size']): { width: number; height: number } | Record<string, never> {
  if (!size) return {};
  for (const [k, v] of Object.entries(size)) {
    // Even sizes: H.264 with 4:2:0 chroma cannot encode odd dimensions.
    if (!Number.isInteger(v) || v < 16 || v > 8192 || v % 2) throw new InputError(`session size: "${k}" must be an even whole number between 16 and 8192, got ${JSON.stringify(v)}`, k, v);
  }
  return { width: size.width, height: size.height };
}
