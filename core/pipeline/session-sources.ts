/**
 * Where one session shot takes its continuity from (DESIGN.md §1, §4):
 * - the first shot: the session's primary style reference (a look reference image by index, or
 *   a frame of any take in the project, extracted exactly);
 * - a frame-bridge shot: the previous shot's current take (the bridge itself is cut from its
 *   exact last frame by start-image.ts);
 * - every shot's style source: the previous shot's take (its last frame: what was on screen just
 *   before the cut) or, with `styleReferenceId`, that earlier shot's take (its first frame: the
 *   shot as it was established) — flashbacks and cutaways.
 * Seeds ride along only within the same provider and model: a seed means nothing to another model.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { InputError } from '../domain/errors.ts';
import type { ContinuitySession, StyleReference } from '../continuity/session.ts';
import { styleSourceOf } from '../continuity/session.ts';
import type { FrameAt } from '../media/extract-frame.ts';
import { extractFrame } from '../media/extract-frame.ts';
import type { Project } from '../store/open-project.ts';
import { getShot } from '../store/shots-repo.ts';
import { getTake, type TakeRow } from '../store/takes-repo.ts';
import type { SessionSetup } from './session-setup.ts';

export interface ShotSources {
  /** The previous shot's current (graded) clip, for a frame bridge; absent otherwise. */
  previousClip?: string;
  /** The image the shot's keyframe is cut from (first shot, style matches, bridge fallbacks). */
  styleSource: string;
  /** Which shot the style comes from (null: the session's primary style reference). */
  styleSourceShotId: string | null;
  styleNote: string;
  seed: number;
  seedInheritable: boolean;
  seedNote: string;
}

interface TakePackLike { take?: { provider?: string; model?: string; seedSent?: number | null; seedReturned?: number | null } }

/** The delivered (graded) clip of a shot's current take, or undefined when it has none. */
export function currentClipOf(project: Project, shotId: string): { take: TakeRow; path: string } | undefined {
  const row = getShot(project.db, shotId);
  const take = row?.currentTakeId ? getTake(project.db, row.currentTakeId) : undefined;
  const sha = take?.gradedSha256 ?? take?.outputSha256;
  return take && sha ? { take, path: project.assets.pathOf(sha, 'mp4') } : undefined;
}

/** The image a primary style reference points at, extracted into `workDir` when it is a take frame. */
export async function primaryStyleImage(project: Project, setup: SessionSetup, ref: StyleReference, workDir: string, signal?: AbortSignal): Promise<{ path: string; note: string }> {
  if (ref.kind === 'reference') {
    const r = setup.loaded.references[ref.index];
    if (!r) throw new InputError(`the session's primary style reference is look reference #${ref.index + 1}, but the look has ${setup.loaded.references.length} reference(s)`, 'primaryStyleReference', ref.index);
    return { path: r.path, note: `look reference #${ref.index + 1} (${r.role}${r.label ? `: ${r.label}` : ''})` };
  }
  const clip = currentClipOf(project, ref.shotId);
  if (!clip) throw new InputError(`the session's primary style reference is a frame of shot ${JSON.stringify(ref.shotId)}, which has no rendered take yet: render it first or pick a reference image`, 'primaryStyleReference', ref.shotId);
  const out = join(workDir, `primary-${ref.shotId}-${String(ref.at)}.png`);
  const frame = await extractFrame(clip.path, ref.at, out, { signal });
  return { path: frame.path, note: `frame #${frame.index} (${String(ref.at)}) of take ${clip.take.attempt} of shot ${ref.shotId}` };
}

/** A deterministic seed for a shot when no seed can be inherited (stable across re-runs). */
function ownSeed(shotId: string): number {
  return createHash('sha256').update(shotId).digest().readUInt32BE(0) % 2 ** 31;
}

function inheritedSeed(take: TakeRow | undefined, provider: string, model: string): number | undefined {
  const t = (take?.pack as TakePackLike | null)?.take;
  if (!t || t.provider !== provider || t.model !== model) return undefined;
  return t.seedReturned ?? t.seedSent ?? undefined;
}

/** Resolve the sources of the shot at `index`, extracting any frame it needs into `workDir`. */
export async function resolveShotSources(
  project: Project, setup: SessionSetup, session: ContinuitySession, index: number,
  renderer: { provider: string; model: { id: string } }, workDir: string, signal?: AbortSignal,
): Promise<ShotSources> {
  const shot = session.shots[index]!;
  const previous = index > 0 ? session.shots[index - 1] : undefined;
  const previousClip = previous ? currentClipOf(project, previous.id) : undefined;
  const sourceId = styleSourceOf(session, shot.id);
  let styleSource: string, styleNote: string, sourceTake: TakeRow | undefined;
  if (sourceId === null) {
    ({ path: styleSource, note: styleNote } = await primaryStyleImage(project, setup, session.primaryStyleReference, workDir, signal));
  } else {
    const clip = currentClipOf(project, sourceId);
    const position = session.shots.findIndex((s) => s.id === sourceId) + 1;
    if (!clip) throw new InputError(`shot ${index + 1} takes its style from shot ${position} ("${sourceId}"), which has no rendered take: render the session in order`, 'styleReferenceId', sourceId);
    const at: FrameAt = shot.styleReferenceId ? 'first' : 'last';
    const frame = await extractFrame(clip.path, at, join(workDir, `${shot.id}-style-${sourceId}-${at}.png`), { signal });
    styleSource = frame.path;
    styleNote = `${at} frame of shot ${position}'s take ${clip.take.attempt}${shot.styleReferenceId ? ' (styleReferenceId)' : ''}`;
    sourceTake = clip.take;
  }
  // Seeds follow the style source's take, else the look's seed, each only on its own provider + model.
  const provider = renderer.provider, model = renderer.model.id;
  const fromTake = inheritedSeed(sourceTake, provider, model);
  const lookSeedFits = setup.lookSeed.provider === provider && setup.lookSeed.model === model;
  const [seed, seedInheritable, seedNote] = fromTake !== undefined
    ? [fromTake, true, `seed ${fromTake} inherited from shot ${sourceId}'s take (same ${provider}/${model})`]
    : lookSeedFits
      ? [setup.lookSeed.seed, true, `the look's seed ${setup.lookSeed.seed} (${provider}/${model})`]
      : [ownSeed(shot.id), false, `own seed: the look's seed belongs to ${setup.lookSeed.provider}/${setup.lookSeed.model}, not ${provider}/${model}`];
  return {
    previousClip: shot.mode === 'frame-bridge' ? previousClip?.path : undefined,
    styleSource, styleSourceShotId: sourceId, styleNote, seed, seedInheritable, seedNote,
  };
}
