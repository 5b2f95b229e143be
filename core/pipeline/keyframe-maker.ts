/**
 * Who makes an identity or style keyframe (DESIGN.md §4 mechanisms 3–4). The local maker reframes
 * and colour-moves a reference (previz, free); the remote one (remote-keyframe-maker.ts) generates
 * a new angle with PuLID (identity) or IP-Adapter (style) through the durable job runner.
 */
import type { Framing } from '../domain/canon.ts';
import { makeLocalKeyframe } from '../providers/local/make-local-keyframe.ts';

export interface KeyframeRequest {
  kind: 'identity' | 'style';
  /** The character reference (identity) or the image the style comes from. */
  source: string;
  /** The look's colour anchor to move toward; undefined when the source already is a look reference. */
  colourAnchor?: string;
  framing: Framing;
  width: number;
  height: number;
  seed: number;
  styleStrength: number;
  prompt: string;
  /** PNG written here, exactly width×height. */
  out: string;
  /** Idempotency basis for a paid keyframe: the attempt's take id (the job is keyed `${takeKey}-kf`). */
  takeKey: string;
  signal?: AbortSignal;
}

export interface KeyframeResult {
  path: string;
  /** The seed the provider reports it used (PuLID returns it); null when none was reported. */
  seedReturned: number | null;
  costUsd: number;
  /** costUsd is an estimate at list price (no charge reported); false for local keyframes (free). */
  costEstimated?: boolean;
  /** What was done, including any fallback to the local maker and why. */
  note: string;
  /** 'local' when the keyframe was made locally (also after a fallback). */
  provider: string;
  model: string;
  /** The provider's id for a remote keyframe. */
  remoteId?: string | null;
}

export interface KeyframeMaker {
  make(req: KeyframeRequest): Promise<KeyframeResult>;
  close?(): Promise<void>;
}

/** The local keyframe maker: a reframe plus a colour move, no generation (makeLocalKeyframe). */
export function createLocalKeyframeMaker(): KeyframeMaker {
  return {
    async make(req) {
      const kf = await makeLocalKeyframe({
        reference: req.source, framing: req.framing, colorReference: req.colourAnchor,
        width: req.width, height: req.height, seed: req.seed, out: req.out, colorStrength: req.styleStrength,
      });
      return { path: kf.path, seedReturned: null, costUsd: 0, note: kf.note, provider: 'local', model: 'local-keyframe' };
    },
  };
}
