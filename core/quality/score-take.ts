/**
 * `scoreTake`: the continuity score of one take (a clip or a still) against the look reference,
 * with the reasons that moved it. Thresholds come from the shot kind and declared deltas
 * (thresholds.ts holds the policy table); metrics are all local, plus an optional semantic
 * similarity supplied by a provider (CLIP features) when a key is set.
 */
import { InputError, isCanceled } from '../domain/errors.ts';
import type { RawImage } from '../domain/raw-image.ts';
import type { Delta, ShotKind } from '../domain/shot.ts';
import { measureTake, type ReferenceSet } from './measure-frames.ts';
import { loadReferences, readImageFrames, readVideoFrame, readVideoFrames } from './load-frames.ts';
import { scoreMetrics, type MetricCheck, type TakeMetrics } from './score-metrics.ts';
import { thresholdsFor, type Thresholds } from './thresholds.ts';

/** Provider hook: similarity of two images in [0, 1] (e.g. cosine of CLIP embeddings). */
export type SemanticSimilarity = (a: RawImage, b: RawImage) => Promise<number>;

export interface ScoreTakeInput {
  /** The take: a video file, or a still image (exactly one of the two). */
  video?: string;
  image?: string;
  /** Look reference image paths; or pass `references` already loaded (batch scoring). */
  referenceImages?: readonly string[];
  references?: ReferenceSet;
  /** The previous take of a frame bridge: its exact last frame is compared with this take's first. */
  previousVideo?: string;
  /** The parent anchor's take (a clip or still) a variant or seasonal swap is compared with. */
  anchorVideo?: string;
  /** Its frames already decoded (batch scoring); wins over anchorVideo. */
  anchorFrames?: readonly RawImage[];
  /** False when the shot is meant to be still: a frozen take is then not a problem. Default true. */
  expectMotion?: boolean;
  shotKind: ShotKind;
  deltas?: readonly Delta[];
  thresholds?: Partial<Thresholds>;
  semanticSimilarity?: SemanticSimilarity;
  /**
   * The shot's character reference image: the take's face must be that person (identity). The face
   * model (tfjs) is loaded only when this is set.
   */
  characterReference?: string;
  signal?: AbortSignal;
}

export interface TakeScore {
  score: number;
  pass: boolean;
  metrics: TakeMetrics;
  /** Every judged metric with its value, limit and reason. */
  checks: MetricCheck[];
  reasons: string[];
  /** Policy notes: which checks were not judged and why. */
  notes: string[];
  /** Exposure problems (near-black, blown-out, blank, frozen) and a missing face; each also leads `reasons`. */
  problems: string[];
  thresholds: Thresholds;
}

/** Score one take. Bad paths / unreadable media → InputError naming the file. */
export async function scoreTake(input: ScoreTakeInput): Promise<TakeScore> {
  if (Boolean(input.video) === Boolean(input.image)) {
    throw new InputError('scoreTake needs exactly one of "video" or "image"', input.video ? 'image' : 'video', input.video ?? input.image);
  }
  const references = input.references ?? (await loadReferences(input.referenceImages ?? []));
  const video = input.video ? await readVideoFrames(input.video, { signal: input.signal }) : undefined;
  const frames = video ?? await readImageFrames(input.image!);
  let previousLast: RawImage | undefined;
  let first = frames.first;
  if (input.previousVideo) {
    previousLast = await readVideoFrame(input.previousVideo, 'last', { signal: input.signal });
    // Bridge SSIM wants the take's exact first frame at the same detail as the previous last one.
    if (input.video) first = await readVideoFrame(input.video, 'first', { signal: input.signal, probed: video?.probed });
  }
  const deltas = input.deltas ?? [];
  const targetHex = deltas.flatMap((d) => (d.kind === 'palette' ? d.targetHex : []));
  const anchorFrames = input.anchorFrames ?? (input.anchorVideo ? await readAnchorFrames(input.anchorVideo, input.signal) : undefined);
  const { metrics, problems } = measureTake({ ...frames, first }, references, { previousLast, anchorFrames, targetHex, expectMotion: input.expectMotion });
  const { thresholds, notes } = thresholdsFor(input.shotKind, deltas, input.thresholds);
  if (input.semanticSimilarity) {
    // An optional provider metric that could not be had is absent from the score, and says why.
    try { metrics.semantic = await semantic(input.semanticSimilarity, frames.pooled, references.images); } catch (err) {
      if (isCanceled(err)) throw err;
      notes.push(`semantic similarity not measured: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (input.characterReference) {
    // Imported here, not at the top: tfjs and the face model cost seconds nobody else should pay.
    const { judgeIdentity } = await import('./identity/judge-identity.ts');
    const id = await judgeIdentity(input.characterReference, input.video ? { video: input.video } : { image: input.image! }, input.signal);
    metrics.identityDistance = id.distance;
    if (id.problem) problems.push(id.problem);
    if (id.note) notes.push(id.note);
  }
  if (!input.previousVideo && thresholds.bridgeSsim !== null) notes.push('no previous take: bridge SSIM not measured');
  if (!anchorFrames && thresholds.anchorStructure !== null) notes.push("no anchor take given: structure vs the anchor not measured");
  if (!input.video) notes.push('still image: flicker, drift and motion not measured');
  return { ...scoreMetrics(metrics, thresholds, problems), metrics, notes, thresholds, problems };
}

/** The anchor's frames sampled across it (a still anchor is one frame). */
export async function readAnchorFrames(path: string, signal?: AbortSignal): Promise<RawImage[]> {
  return /\.(png|jpe?g|webp|tiff?)$/i.test(path) ? (await readImageFrames(path)).pooled : (await readVideoFrames(path, { signal })).pooled;
}

/** Best similarity of the take's middle frame to any reference (a take should match one of them). */
async function semantic(fn: SemanticSimilarity, pooled: RawImage[], refs: RawImage[]): Promise<number> {
  const middle = pooled[Math.floor(pooled.length / 2)]!;
  let best = 0;
  for (const ref of refs.slice(0, 4)) best = Math.max(best, await fn(middle, ref));
  return best;
}
