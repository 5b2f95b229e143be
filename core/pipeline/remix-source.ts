/**
 * Where a variant or seasonal swap comes from (issue 11): its parent anchor's current best take —
 * the delivered (graded) clip, the anchor's start still and grade, its camera path when the local
 * renderer recorded one, and the provider's remote id for a provider edit. Read from the project
 * (takes + asset store), so `continuity remix` and a resumed run find the same source.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { remixInstruction } from '../canon/remix-instruction.ts';
import { CameraMotionSchema, type Framing } from '../domain/canon.ts';
import { WorkError } from '../domain/errors.ts';
import type { PromptPack } from '../domain/prompt-pack.ts';
import type { PlannedShot } from '../domain/shot.ts';
import { extractFrame } from '../media/extract-frame.ts';
import type { CameraPath } from '../providers/local/camera-path.ts';
import type { Project } from '../store/open-project.ts';
import { getShot } from '../store/shots-repo.ts';
import { getTake } from '../store/takes-repo.ts';
import type { StartImage } from './start-image.ts';

export interface RemixSource {
  anchorShotId: string;
  anchorTakeId: string;
  /** The anchor take's delivered clip (graded). */
  anchorClip: string;
  /** The anchor's start still (its keyframe), when stored. */
  anchorPlate: string | null;
  /** The anchor's grade LUT, when stored. */
  anchorLut: string | null;
  /** The anchor's camera path, when the local renderer recorded it. */
  anchorCamera: CameraPath | null;
  anchorFraming: Framing;
  anchorProvider: string;
  anchorModel: string;
  anchorRemoteId: string | null;
  /** The one-change instruction for this shot's deltas. */
  instruction: string;
}

const WindowSchema = z.object({ cx: z.number(), cy: z.number(), s: z.number() });
const CameraSchema = z.object({ motion: CameraMotionSchema, from: WindowSchema, to: WindowSchema });

/**
 * The source for `shot` (a variant or seasonal swap) from its parent's shot row `anchorRowId`.
 * Throws WorkError when the anchor has no usable take (the caller makes the anchor first).
 */
export function findRemixSource(project: Project, anchorRowId: string, shot: PlannedShot): RemixSource {
  const row = getShot(project.db, anchorRowId);
  if (!row) throw new WorkError(`shot ${shot.id}: its anchor ${anchorRowId} is not in the project`, 'anchor_missing');
  const take = row.currentTakeId ? getTake(project.db, row.currentTakeId) : undefined;
  if (!take || !take.gradedSha256) throw new WorkError(`shot ${shot.id}: its anchor ${row.plan.id} has no finished take to remix (make the anchor first)`, 'anchor_without_take');
  const pack = take.pack as PromptPack | null;
  const anchorClip = project.assets.pathOf(take.gradedSha256, 'mp4');
  if (!existsSync(anchorClip)) throw new WorkError(`shot ${shot.id}: the anchor take ${take.id}'s clip is missing from the asset store (${anchorClip})`, 'anchor_clip_missing');
  const plateSha = pack?.take?.inputs.find((i) => i.role === 'keyframe')?.sha256;
  const plate = plateSha ? project.assets.pathOf(plateSha, 'png') : null;
  const lut = take.lutSha256 ? project.assets.pathOf(take.lutSha256, 'cube') : null;
  const camera = CameraSchema.safeParse(pack?.take?.parameters?.camera);
  return {
    anchorShotId: row.plan.id,
    anchorTakeId: take.id,
    anchorClip,
    anchorPlate: plate && existsSync(plate) ? plate : null,
    anchorLut: lut && existsSync(lut) ? lut : null,
    anchorCamera: camera.success ? camera.data : null,
    anchorFraming: row.plan.framing,
    anchorProvider: pack?.take?.provider ?? 'unknown',
    anchorModel: pack?.take?.model ?? 'unknown',
    anchorRemoteId: pack?.take?.remoteId ?? null,
    instruction: remixInstruction(shot.deltas),
  };
}

/**
 * The start image a remix attempt records (and an image-to-video fallback starts from): the
 * anchor's own start still, else its clip's first frame. Its colour is judged against
 * `lookColourTarget` — the approved look reference the anchor was framed from — never against the
 * anchor's still or clip: the variant is drawn on the anchor's pixels, so scoring it against them
 * would pass by construction (issue 10: no take scored against an image derived from itself).
 */
export async function remixStartImage(src: RemixSource, workDir: string, lookColourTarget: string, signal?: AbortSignal): Promise<StartImage> {
  if (src.anchorPlate) {
    return { mechanism: 'remix', path: src.anchorPlate, kind: 'keyframe', note: `anchor ${src.anchorShotId} take ${src.anchorTakeId}'s start still`, colourReferences: [lookColourTarget] };
  }
  const frame = await extractFrame(src.anchorClip, 'first', join(workDir, `${src.anchorTakeId}-first.png`), { signal });
  return { mechanism: 'remix', path: frame.path, kind: 'keyframe', note: `anchor ${src.anchorShotId} take ${src.anchorTakeId}'s first frame`, colourReferences: [lookColourTarget] };
}
