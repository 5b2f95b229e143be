/**
 * Identity (issue 10 item 6): is the face in a take the person of the shot's character reference?
 * The face in the reference and in a few frames of the take are described by the local face model
 * (face-model.ts) and compared by euclidean descriptor distance.
 *
 * Why distance and this limit (`npm run eval:identity`; photos and licences: scripts/eval/FACES.md):
 * the descriptor is dlib's ResNet trained with a metric loss that pulls one person's faces within
 * 0.6 of each other, so euclidean distance is its native measure. Cosine ranks our pairs the same
 * (AUC 1.000 both) but squeezes them: different people still score 0.79–0.91, so a cosine limit
 * such as VBench-2.0's ArcFace 0.4 means nothing for this model. On three people's photos
 * (Eileen Collins, Grace Hopper, a man at a camera) each reframed left/right, scaled 50 %, mirrored,
 * rotated 8°, ±0.5 EV, greyscale, JPEG q15 and noised σ 10, the same person measured 0.00–0.29
 * (30 pairs) and different people 0.60–0.90 (60 pairs; closest: Hopper's reference vs the
 * astronaut in grey, 0.598, under dlib's usual 0.6). The limit 0.55 keeps a margin below that
 * closest stranger and leaves room above 0.29 for what edits of one photo do not show: another
 * angle, expression or light on the same face, which dlib's LFW calibration puts up to ~0.6.
 * Per frame the face nearest the reference counts (other people may be in the shot); over the
 * sampled frames the median counts, so one blurred or turned-away frame does not decide the take.
 */
import { stat } from 'node:fs/promises';
import type { RawImage } from '../../domain/raw-image.ts';
import { decodeFrames } from '../../media/decode-frames.ts';
import { loadImage } from '../../media/load-image.ts';
import { detectFaces, faceDistance, type Face } from './face-model.ts';

export { IDENTITY_MAX_DISTANCE } from './identity-limit.ts';
/** Frames of a clip looked at: first, middle, last. */
export const IDENTITY_FRAMES = 3;
/** Width faces are looked for at: the descriptor's 150 px crop needs the face's own pixels. */
const FACE_WIDTH = 960;

export interface IdentityJudgement {
  /** Median over frames with a face of the nearest face's distance to the reference; null = not measured. */
  distance: number | null;
  framesSampled: number;
  framesWithFace: number;
  /** Fails the take: no face where the character reference shows one. */
  problem: string | null;
  /** Why identity was not measured, or what was seen (frames without a face). */
  note: string | null;
}

// A batch compares many takes with a handful of character references: describe each once.
const referenceFaces = new Map<string, Promise<Face | null>>();

async function referenceFace(path: string): Promise<Face | null> {
  const s = await stat(path);
  const key = `${path}\n${s.size}\n${s.mtimeMs}`;
  let face = referenceFaces.get(key);
  if (!face) {
    face = loadImage(path, { maxWidth: FACE_WIDTH }).then(async (img) => (await detectFaces(img))[0] ?? null);
    face.catch(() => referenceFaces.delete(key));
    referenceFaces.set(key, face);
  }
  return face;
}

/** Judge already-decoded take frames against the character reference image at `reference`. */
export async function judgeIdentityFrames(reference: string, frames: readonly RawImage[]): Promise<IdentityJudgement> {
  const ref = await referenceFace(reference);
  if (!ref) {
    return { distance: null, framesSampled: frames.length, framesWithFace: 0, problem: null, note: `identity not measured: no face found in the character reference ${reference}` };
  }
  const distances: number[] = [];
  for (const frame of frames) {
    const faces = await detectFaces(frame);
    if (faces.length) distances.push(Math.min(...faces.map((f) => faceDistance(ref.descriptor, f.descriptor))));
  }
  const n = frames.length;
  if (distances.length === 0) {
    return { distance: null, framesSampled: n, framesWithFace: 0, problem: `no face found in ${n === 1 ? 'the take' : `any of ${n} sampled frames`} where the character reference shows one`, note: null };
  }
  distances.sort((a, b) => a - b);
  const note = distances.length < n ? `identity measured on ${distances.length} of ${n} sampled frames (no face found in the others)` : null;
  return { distance: distances[Math.floor((distances.length - 1) / 2)]!, framesSampled: n, framesWithFace: distances.length, problem: null, note };
}

/** Judge a take (a clip: IDENTITY_FRAMES frames; or a still image) against the character reference. */
export async function judgeIdentity(reference: string, take: { video: string } | { image: string }, signal?: AbortSignal): Promise<IdentityJudgement> {
  const frames = 'video' in take
    ? await decodeFrames(take.video, { count: IDENTITY_FRAMES, maxWidth: FACE_WIDTH, signal })
    : [await loadImage(take.image, { maxWidth: FACE_WIDTH })];
  return judgeIdentityFrames(reference, frames);
}
