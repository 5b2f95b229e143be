/**
 * The one neutral timeline every format builder reads: clips in pack order (anchors, their
 * variants, seasonal swaps — or session order), each with its frame count and file location.
 * Builders are pure (Timeline in → text out) so they are unit-tested without touching disk.
 */
import type { PromptPack } from '../domain/prompt-pack.ts';
import type { Delta, ShotKind } from '../domain/shot.ts';
import { InputError } from '../domain/errors.ts';
import type { ReviewState } from './types.ts';

export interface TimelineClip {
  /** Clip name without extension (the sanitised stem). */
  name: string;
  /** File name with extension, e.g. "Look_anchor01_wide_base_v1.mp4". */
  fileName: string;
  /** Path relative to the pack root with "/" separators, e.g. "Clips/<fileName>". */
  relPath: string;
  /** Absolute file:// URL of the delivered clip (FCPXML and OTIO need absolute references). */
  url: string;
  frames: number;
  kind: ShotKind;
  shotId: string;
  label: string;
  deltas: Delta[];
  review: ReviewState;
  score?: number;
  pack: PromptPack;
  /** Path of this clip's prompt pack relative to the pack root. */
  promptPackPath: string;
}

export interface Timeline {
  title: string;
  width: number;
  height: number;
  /** Frames per second; integer rates and the NTSC 1000/1001 rates are supported. */
  fps: number;
  clips: TimelineClip[];
}

export interface FrameRate {
  /** Rate as num/den frames per second (24/1, 30000/1001). */
  num: number;
  den: number;
  /** Integer frames per timecode second (24, 30 for 29.97). */
  timecodeBase: number;
}

/** Exact rational form of a frame rate, so times never accumulate float error. */
export function frameRate(fps: number): FrameRate {
  if (!(fps > 0) || !Number.isFinite(fps)) throw new InputError(`fps must be a positive number, got ${fps}`, 'fps', fps);
  if (Number.isInteger(fps)) return { num: fps, den: 1, timecodeBase: fps };
  const nominal = Math.round(fps * 1.001);
  if (Math.abs((nominal * 1000) / 1001 - fps) < 0.001) return { num: nominal * 1000, den: 1001, timecodeBase: nominal };
  throw new InputError(`fps ${fps} is not supported: use a whole number or an NTSC rate such as 29.97`, 'fps', fps);
}

/** Total frames of the timeline. */
export function timelineFrames(t: Timeline): number {
  return t.clips.reduce((sum, c) => sum + c.frames, 0);
}

/** Frame offset at which each clip starts on the record side. */
export function clipOffsets(t: Timeline): number[] {
  const out: number[] = [];
  let at = 0;
  for (const c of t.clips) { out.push(at); at += c.frames; }
  return out;
}

/** file:// URL for an absolute path, percent-encoding what RFC 8089 requires (spaces, #, %, ?…). */
export function fileUrl(absPath: string): string {
  const posix = absPath.replace(/\\/g, '/');
  const withRoot = /^[A-Za-z]:\//.test(posix) ? `/${posix}` : posix;
  return 'file://' + withRoot.split('/').map((seg) => encodeURIComponent(seg).replace(/%3A/gi, ':')).join('/');
}
