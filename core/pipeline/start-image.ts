/**
 * The visual anchor for one attempt of a shot, by mechanism (DESIGN.md §4). Every path returns an
 * image: there is no text-only branch.
 */
import { join } from 'node:path';
import type { Framing } from '../domain/canon.ts';
import { missingCase } from '../domain/errors.ts';
import type { Mechanism, PlannedShot } from '../domain/shot.ts';
import { extractFrame } from '../media/extract-frame.ts';
import { createLocalKeyframeMaker, type KeyframeMaker } from './keyframe-maker.ts';
import { characterReferenceFor, referenceForFraming, type LookAssets } from './look-assets.ts';

export interface StartImageRequest {
  shot: PlannedShot;
  mechanism: Exclude<Mechanism, 'seed-persistence'>;
  assets: LookAssets;
  width: number;
  height: number;
  seed: number;
  styleStrength: number;
  /** The previous take's clip (frame bridge). */
  previousClip?: string;
  /** An image the shot's style comes from instead of the framing's reference (sessions: a frame of an earlier take). */
  styleSource?: string;
  workDir: string;
  signal?: AbortSignal;
  /** Makes identity/style keyframes (default: the local maker). Native-reference anchors stay local. */
  keyframes?: KeyframeMaker;
  /** The attempt's take id: a paid keyframe's job is keyed from it (`${takeKey}-kf`). */
  takeKey?: string;
  /** The shot's prompt, for a generated keyframe. */
  prompt?: string;
}

/** What a generated (non-local) keyframe cost and returned; absent for local keyframes. */
export interface KeyframeFacts {
  provider: string;
  model: string;
  seedReturned: number | null;
  remoteId: string | null;
  costUsd: number;
  /** costUsd is an estimate at list price, not a reported charge. */
  costEstimated: boolean;
}

export interface StartImage {
  /**
   * The mechanism this image actually serves. An identity keyframe with no usable character
   * reference is made as a style keyframe and recorded as one, with the reason in `why`.
   */
  mechanism: Exclude<Mechanism, 'seed-persistence'>;
  /** Why the mechanism differs from the one asked for; absent when it does not. */
  why?: string;
  path: string;
  kind: 'keyframe' | 'bridge-frame';
  note: string;
  /**
   * The look reference images this attempt's colour is graded and scored against: the approved
   * look reference the shot was framed from (the whole image, not the crop the take was animated
   * from), else the look's colour anchor. Never the previous clip, so drift cannot accumulate
   * along a chain, and never an image derived from the take's own inputs.
   */
  colourReferences: string[];
  keyframe?: KeyframeFacts;
}

/** The framing a shot is rendered at: a camera delta may reframe it. */
export function effectiveFraming(shot: PlannedShot): Framing {
  const camera = shot.deltas.find((d) => d.kind === 'camera');
  return (camera?.kind === 'camera' && camera.framing) || shot.framing;
}

/**
 * Colour may be anchored to an image only when it is one of the look's own references: a session's
 * style source is often a frame of an earlier take, and grading toward it would let drift
 * accumulate along the chain (DESIGN.md §4), so those fall back to the look's colour references.
 */
function isLookImage(assets: LookAssets, path: string | undefined): path is string {
  return path !== undefined && (assets.references.some((r) => r.path === path) || path === assets.characterReference);
}

const localMaker = createLocalKeyframeMaker();

export async function prepareStartImage(req: StartImageRequest): Promise<StartImage> {
  const framing = effectiveFraming(req.shot);
  const name = `${req.shot.id}-${req.mechanism}-${req.seed}`;
  switch (req.mechanism) {
    case 'frame-bridge': {
      if (!req.previousClip) throw new Error(`shot ${req.shot.id}: a frame bridge needs the previous take's clip`);
      const out = join(req.workDir, `${name}-bridge.png`);
      const frame = await extractFrame(req.previousClip, 'last', out, { signal: req.signal });
      return { mechanism: 'frame-bridge', path: frame.path, kind: 'bridge-frame', note: `exact last frame (#${frame.index}) of the previous take`, colourReferences: [req.assets.colourAnchor, ...(isLookImage(req.assets, req.styleSource) && req.styleSource !== req.assets.colourAnchor ? [req.styleSource] : [])] };
    }
    case 'identity-keyframe':
    case 'style-keyframe':
    case 'native-reference': {
      // The identity comes from the character reference the shot names, never "the first image with
      // role character"; with none usable the keyframe is a style keyframe and is recorded as one.
      const character = req.mechanism === 'identity-keyframe' ? characterReferenceFor(req.assets, req.shot.characterReference) : null;
      const identity = character !== null;
      const mechanism = req.mechanism === 'identity-keyframe' && !identity ? 'style-keyframe' : req.mechanism;
      const why = mechanism !== req.mechanism ? `no identity keyframe: ${req.shot.characterReference
        ? `the shot's character reference ${JSON.stringify(req.shot.characterReference)} is not an approved reference of this look`
        : 'the shot names no character reference'}; made a style keyframe instead` : undefined;
      const source = character ? character.path : req.styleSource ?? referenceForFraming(req.assets, framing).path;
      // A reframe of an approved look reference is on-look by definition: it is the colour target
      // itself, whether the framing picked it (a matrix shot) or a session named it as its style
      // source (a session's primary style reference is look reference #1 by default). A frame from
      // elsewhere (a take, a character photo, a product) is moved toward the look's colour anchor
      // at the shot's style strength, and judged against that anchor.
      const fromLookReference = !identity && (!req.styleSource || req.assets.colourReferences.includes(req.styleSource));
      const out = join(req.workDir, `${name}-keyframe.png`);
      const kind = identity ? 'identity' : 'style';
      // The model itself takes the references in native-reference: a paid keyframe would be wasted.
      const maker = req.mechanism === 'native-reference' ? localMaker : req.keyframes ?? localMaker;
      const kf = await maker.make({
        kind, source, framing, colourAnchor: fromLookReference ? undefined : req.assets.colourAnchor,
        width: req.width, height: req.height, seed: req.seed, out, styleStrength: req.styleStrength,
        prompt: req.prompt ?? '', takeKey: req.takeKey ?? name, signal: req.signal,
      });
      if (kf.provider === 'local') {
        return {
          mechanism, ...(why ? { why } : {}),
          path: kf.path, kind: 'keyframe', note: `${kind} keyframe (local, ${framing}): ${kf.note}`,
          // The approved look reference itself, never the keyframe cut from it: a take scored
          // against its own input would pass by construction (issue 10).
          colourReferences: fromLookReference ? [source] : [req.assets.colourAnchor],
        };
      }
      // A generated image is not a look reference: colour is judged against the look's anchor.
      return {
        mechanism, ...(why ? { why } : {}),
        path: kf.path, kind: 'keyframe', note: `${kind} keyframe (${kf.provider}:${kf.model}, ${framing}): ${kf.note}`,
        colourReferences: [req.assets.colourAnchor],
        keyframe: { provider: kf.provider, model: kf.model, seedReturned: kf.seedReturned, remoteId: kf.remoteId ?? null, costUsd: kf.costUsd, costEstimated: kf.costEstimated ?? kf.costUsd > 0 },
      };
    }
    case 'remix':
      // A remix starts from its anchor's take, not from a look reference (remix-source.ts).
      throw new Error(`shot ${req.shot.id}: a remix takes its start from the anchor's take (remix-source.ts), not prepareStartImage`);
    default:
      return missingCase(req.mechanism);
  }
}
