/**
 * What the pipeline asks of a generator, whatever it is: the local animatic renderer or a remote
 * provider behind the durable job runner. One attempt in, one clip file out.
 */
import type { Delta, PlannedShot } from '../domain/shot.ts';
import type { ModelCapability } from '../providers/registry.ts';
import type { KeyframeMaker } from './keyframe-maker.ts';
import type { RemixSource } from './remix-source.ts';

export interface RenderRequest {
  shot: PlannedShot;
  takeId: string;
  attempt: number;
  prompt: string;
  negativePrompt: string;
  /** The visual anchor: a keyframe, a bridge frame or a reference. Always present (no text-only). */
  startImage: string;
  /** The start image is the previous take's exact last frame (a frame bridge). */
  startIsBridge?: boolean;
  endImage?: string;
  /** Native reference images for models that take them, most important role first (reference-budget.ts). */
  referenceImages: string[];
  /** Role and sha256 of each of `referenceImages`, same order: the take records which were sent. */
  referenceInfo?: Array<{ role: string; sha256: string }>;
  layers: { productImages: string[]; referenceImages: string[] };
  deltas: Delta[];
  width: number;
  height: number;
  seconds: number;
  fps: number;
  seed: number | null;
  /** Where the clip must end up (the renderer writes it atomically). */
  out: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Variants and seasonal swaps: make the shot from this anchor take with the declared deltas. */
  remix?: RemixSource;
}

/** How a remix take was made, for its take record (prompt pack `take.remix`). */
export interface RemixFacts {
  anchorShotId: string;
  anchorTakeId: string;
  instruction: string;
  via: 'provider-edit' | 'local-delta' | 'image-to-video-from-anchor-frame';
  anchorRemoteId: string | null;
}

export interface RenderResult {
  path: string;
  provider: string;
  model: string;
  seedReturned: number | null;
  remoteId: string | null;
  costUsd: number;
  /** costUsd is an estimate at list price (no charge reported by the provider); false when nothing was spent. */
  costEstimated: boolean;
  previz: boolean;
  parameters: Record<string, unknown>;
  note: string;
  /** Present when the request was a remix. */
  remix?: RemixFacts;
}

export interface ShotRenderer {
  provider: string;
  model: ModelCapability;
  /** Cost of one attempt at these settings, for the budget check before starting it. */
  estimateAttemptUsd(seconds: number): number;
  render(req: RenderRequest): Promise<RenderResult>;
  /**
   * A stable take id for one attempt (remote renderers: the take id is the paid job's idempotency
   * key, so a resumed run must ask for the same one to pick its job up). Absent: a fresh id.
   * `key` is unique per shot in the project (the shot row id); `basis` is what the attempt sends.
   */
  takeIdFor?(attempt: { key: string; attempt: number; basis: string }): string;
  /**
   * What the ledger holds for a take so far (remote renderers). After a failed attempt the budget
   * keeps only this: a create that never reached the provider costs nothing and holds nothing.
   */
  costForTake?(takeId: string): number;
  /** Remote renderers: who makes identity/style keyframes for their shots (absent: the local maker). */
  keyframeMaker?: KeyframeMaker;
  close?(): Promise<void>;
}
