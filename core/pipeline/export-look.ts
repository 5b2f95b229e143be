/**
 * A look's current takes, from the project, into an NLE-ready clip pack (DESIGN.md §8). The pack
 * order is the matrix order (anchors, their variants, seasonal swaps), which is the shots' order.
 */
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { PromptPackSchema, type PromptPack } from '../domain/prompt-pack.ts';
import { InputError } from '../domain/errors.ts';
import { parseSize } from '../domain/look.ts';
import { writeClipPack } from '../export/write-clip-pack.ts';
import type { ClipPackResult, ExportClip, ExportFormat, ExportProgress } from '../export/types.ts';
import { getLook, type LookRow } from '../store/looks-repo.ts';
import { extractFrames } from '../media/extract-frame.ts';
import { probe } from '../media/probe.ts';
import type { Project } from '../store/open-project.ts';
import { listShots, type ShotRow } from '../store/shots-repo.ts';
import { getTake } from '../store/takes-repo.ts';
import { APP_VERSION } from './app-version.ts';
import { runPool } from './pool.ts';
import { reviewRecord } from './review-record.ts';
import { makeWorkDir } from '../runtime/work-dirs.ts';

export interface ExportLookOptions {
  project: Project;
  lookId: string;
  outDir: string;
  formats?: ExportFormat[];
  includeAll?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
}

export type ExportLookResult = Awaited<ReturnType<typeof writeClipPack>>;

/**
 * Build the pack input from the project's current takes: the look's matrix, or the given rows in
 * their order (a session's shots, core/pipeline/export-session.ts).
 */
export function clipsForExport(project: Project, lookId: string, rows: ShotRow[] = listShots(project.db, lookId).filter((s) => !s.sessionId)): ExportClip[] {
  const clips: ExportClip[] = [];
  for (const shot of rows) {
    if (!shot.currentTakeId) continue;
    const take = getTake(project.db, shot.currentTakeId);
    if (!take?.gradedSha256 || !take.outputSha256) continue;
    const pack: PromptPack = PromptPackSchema.parse(take.pack);
    const review = take.review;
    const start = pack.take?.inputs[0];
    clips.push({
      pack: { ...pack, review: reviewRecord(take) },
      gradedPath: project.assets.pathOf(take.gradedSha256, 'mp4'),
      originalPath: project.assets.pathOf(take.outputSha256, 'mp4'),
      lutPath: take.lutSha256 ? project.assets.pathOf(take.lutSha256, 'cube') : undefined,
      stills: start ? [{ path: project.assets.pathOf(start.sha256, 'png'), kind: start.role === 'bridge-frame' ? 'bridge-frame' : 'keyframe' }] : [],
      review,
      score: take.score ?? undefined,
    });
  }
  return clips;
}

export async function exportLook(o: ExportLookOptions): Promise<ExportLookResult> {
  const look = getLook(o.project.db, o.lookId);
  if (!look) throw new InputError(`no look with id ${JSON.stringify(o.lookId)} in this project`, 'lookId', o.lookId);
  const clips = clipsForExport(o.project, o.lookId);
  if (clips.length === 0) throw new InputError(`look "${look.name}" has no rendered takes to export yet: run it first`, 'look', look.name);
  return withPosterFrames(clips, o.signal, () => writePack(o, look, clips));
}

/**
 * A poster frame from the middle of each graded clip (in a temp folder that lives while `write`
 * runs): the contact sheet shows what the clip looks like (not its keyframe), and editors get it
 * in Stills/.
 */
export async function withPosterFrames<T>(clips: ExportClip[], signal: AbortSignal | undefined, write: () => Promise<T>): Promise<T> {
  const work = await makeWorkDir('continuity-export');
  try {
    const durations = await runPool(clips, Math.max(1, availableParallelism()), async (clip, _i, s) => (await probe(clip.gradedPath, { signal: s })).durationSeconds, signal);
    // A few ffmpeg runs for all the clips (one per core), not one per clip.
    const frames = await extractFrames(clips.map((clip, i) => ({ video: clip.gradedPath, at: durations[i]! / 2, out: join(work, `${i}.png`) })), { signal, processes: availableParallelism() });
    clips.forEach((clip, i) => clip.stills.unshift({ path: frames[i]!.path, kind: 'representative' }));
    return await write();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function writePack(o: ExportLookOptions, look: LookRow, clips: ExportClip[]): Promise<ExportLookResult> {
  const { width, height } = parseSize(look.look.batch.size);
  // No look LUT (issue 12 item 1): each clip is graded by its own transform toward the look's
  // references, so there is no one LUT "the batch was matched to". Shipping the first anchor's
  // clip LUT under that name claimed a match that never happened; the per-clip LUTs are the truth.
  return writeClipPack({
    appVersion: APP_VERSION,
    look: { name: look.name },
    settings: { width, height, seconds: look.look.batch.seconds, fps: look.look.batch.fps, provider: clips[0]!.pack.model.provider, model: clips[0]!.pack.model.model, canonVersion: clips[0]!.pack.canonVersion },
    clips,
  }, { outDir: o.outDir, formats: o.formats, includeAll: o.includeAll, signal: o.signal, onProgress: o.onProgress });
}

export type { ClipPackResult };
