/**
 * Conform a generated clip to the batch's EXACT width, height and seconds × fps frames (issue 7
 * item 4). conformPlan (core/providers/conform-plan.ts) decides what to ask the model for — the
 * nearest larger setting — and this executes the local half: trim, scale (crop to cover when the
 * aspect differs: black bars would poison the palette metrics and look wrong in an NLE), retime.
 *
 * Decisions are made on what the provider actually returned (probed), not on what was asked:
 * providers drift (Kling's output aspect follows the start image; Wan returns 81 frames at 16 fps).
 */
import { copyFile, rename, rm } from 'node:fs/promises';
import { WorkError } from '../domain/errors.ts';
import { probe, type ProbeResult } from '../media/probe.ts';
import { runFfmpeg } from '../media/run-ffmpeg.ts';
import { safeInputArgs } from '../media/safe-input.ts';
import type { ConformPlan, ConformTarget } from '../providers/conform-plan.ts';
import { h264OutputArgs } from '../providers/local/h264-args.ts';
import { isTaggedBt709, sourceMatrix, sourceRange, toRgbFilter, TO_BT709_YUV420P, type ColourTags } from '../media/bt709.ts';

/** What came back from the provider, as far as conforming cares. */
export type ClipShape = Pick<ProbeResult, 'width' | 'height' | 'fps' | 'frameCount' | 'durationSeconds' | 'codec' | 'pixelFormat' | 'variableFrameRate' | 'colorSpace' | 'colorRange'>;

export interface ConformSteps {
  target: ConformTarget;
  frames: number;
  trim: boolean;
  scale: 'none' | 'fit' | 'cover';
  retime: boolean;
  /** Seconds of the last frame held to reach the length (only a small shortfall is accepted). */
  padSeconds: number;
  /** Already exactly right (H.264 yuv420p tagged BT.709, size, CFR rate, frame count): copy, do not re-encode. */
  copy: boolean;
  /** The received clip's colour tags: its own matrix and range are converted to BT.709 limited. */
  colour: ColourTags;
  steps: string[];
}

export interface ConformResult { path: string; received: ClipShape; steps: ConformSteps }

/** A clip shorter than the batch by more than this is a provider failure, not something to pad. */
export const MAX_PAD_SECONDS = 0.5;

/** The batch's exact values a plan conforms to. */
export function targetOf(plan: ConformPlan): ConformTarget {
  return {
    seconds: plan.local.trimToSeconds ?? plan.generate.seconds,
    width: plan.local.scale?.toWidth ?? plan.generate.width,
    height: plan.local.scale?.toHeight ?? plan.generate.height,
    fps: plan.local.retime?.toFps ?? plan.generate.fps,
  };
}

/** Decide the local steps from the probed clip. Pure. Throws WorkError when the clip is too short. */
export function conformSteps(got: ClipShape, target: ConformTarget, subject = 'clip'): ConformSteps {
  const frames = Math.round(target.seconds * target.fps);
  const sameSize = got.width === target.width && got.height === target.height;
  const aspect = (w: number, h: number) => w / h;
  const aspectDiffers = Math.abs(aspect(got.width, got.height) - aspect(target.width, target.height)) / aspect(target.width, target.height) >= 0.01;
  const scale = sameSize ? 'none' : aspectDiffers ? 'cover' : 'fit';
  const retime = got.variableFrameRate || Math.abs(got.fps - target.fps) > 0.01;
  const length = got.frameCount / (got.fps || target.fps);
  const shortBy = Math.max(0, target.seconds - length);
  if (shortBy > MAX_PAD_SECONDS + 1e-9) {
    throw new WorkError(`${subject}: the provider returned ${length.toFixed(2)} s, the batch needs ${target.seconds} s (more than ${MAX_PAD_SECONDS} s short); generate the take again or pick a longer duration`, 'conform_too_short');
  }
  const padSeconds = shortBy > 1e-6 ? shortBy : 0;
  const trim = length > target.seconds + 0.5 / target.fps;
  const steps: string[] = [];
  if (trim) steps.push(`trim ${length.toFixed(2)} s to ${target.seconds} s`);
  if (scale !== 'none') steps.push(`${scale === 'cover' ? 'scale and crop' : 'scale'} ${got.width}x${got.height} to ${target.width}x${target.height}`);
  if (retime) steps.push(`retime ${got.variableFrameRate ? 'variable' : Number(got.fps.toFixed(3))} fps to ${target.fps} fps`);
  if (padSeconds > 0) steps.push(`hold the last frame ${padSeconds.toFixed(2)} s`);
  const colour: ColourTags = { ...(got.colorSpace ? { colorSpace: got.colorSpace } : {}), ...(got.colorRange ? { colorRange: got.colorRange } : {}) };
  if (needsRgbPass(colour)) steps.push(`convert ${got.colorSpace ?? 'untagged'} ${sourceRange(colour)}-range colour to BT.709 limited range`);
  // An untagged or mis-tagged clip is re-encoded even when nothing else changes: every
  // delivered clip carries BT.709 tags (issue 15), and tags cannot be trusted to mean "BT.709" otherwise.
  const copy = steps.length === 0 && got.frameCount === frames && got.codec === 'h264' && got.pixelFormat === 'yuv420p' && isTaggedBt709(colour);
  if (!copy && steps.length === 0) steps.push('re-encode to H.264 yuv420p, tagged BT.709');
  return { target, frames, trim, scale, retime, padSeconds, copy, colour, steps };
}

/** The video filter chain for the steps. Pure. */
export function conformFilter(s: ConformSteps): string {
  const { width: w, height: h, fps } = s.target;
  const f: string[] = [
    // Providers do not always start at pts 0; the frame count below counts from the first frame.
    'setpts=PTS-STARTPTS',
    // fps= duplicates/drops frames to a constant rate (keeps the duration). minterpolate would
    // invent motion (slow, warping artefacts) — the clip must stay what the provider made.
    `fps=${fps}`,
  ];
  if (s.scale === 'fit') f.push(`scale=${w}:${h}:flags=lanczos`);
  if (s.scale === 'cover') f.push(`scale=${w}:${h}:force_original_aspect_ratio=increase:flags=lanczos`, `crop=${w}:${h}`);
  f.push('setsar=1');
  if (s.padSeconds > 0) f.push(`tpad=stop_mode=clone:stop_duration=${(s.padSeconds + 1 / fps).toFixed(4)}`);
  // swscale converts matrices only between YCbCr and RGB, so a BT.601 (or full-range) source goes
  // through planar RGB decoded with its own matrix; a BT.709 limited source stays in YCbCr.
  if (needsRgbPass(s.colour)) f.push(toRgbFilter(s.colour, { format: 'gbrp' }));
  f.push(TO_BT709_YUV420P);
  return f.join(',');
}

/** True when the source's matrix or range differs from BT.709 limited (untagged counts as BT.709). */
function needsRgbPass(colour: ColourTags): boolean {
  return sourceMatrix(colour) !== 'bt709' || sourceRange(colour) !== 'tv';
}

/**
 * ffmpeg arguments: untrusted input (it came from the network), the chain, exact-frame H.264. Pure.
 * `comment`: a previz label the received clip carried (issue 12 item 2), written to the output.
 */
export function conformArgs(input: string, s: ConformSteps, out: string, comment?: string): string[] {
  return [
    ...safeInputArgs(input),
    '-vf', conformFilter(s),
    // Generated audio is dropped: the clip pack is picture only, and a trimmed/retimed track would drift.
    '-an',
    // Same delivery settings as local renders (CFR, -frames:v = seconds × fps, faststart).
    ...h264OutputArgs({ fps: s.target.fps, frames: s.frames, comment }, out),
  ];
}

/**
 * Bring `input` to exactly the plan's target and write it to `out` (temp name, renamed when
 * verified). Returns what was received and which steps ran. An exact clip is copied as is.
 */
export async function conformClip(input: string, plan: ConformPlan | ConformTarget, out: string, o: { signal?: AbortSignal } = {}): Promise<ConformResult> {
  const target = 'generate' in plan ? targetOf(plan) : plan;
  const received = await probe(input, { signal: o.signal });
  const steps = conformSteps(received, target, input);
  const partial = `${out}.partial.mp4`;
  try {
    // Only a previz label is carried: other provider metadata says nothing an editor needs.
    const previz = received.comment && /previz/i.test(received.comment) ? received.comment : undefined;
    if (steps.copy) await copyFile(input, partial);
    else await runFfmpeg(conformArgs(input, steps, partial, previz), { signal: o.signal, subject: input });
    const got = await probe(partial, { signal: o.signal });
    if (got.width !== target.width || got.height !== target.height || got.frameCount !== steps.frames) {
      throw new WorkError(`conforming ${input} produced ${got.width}x${got.height} with ${got.frameCount} frames; the batch needs ${target.width}x${target.height} with ${steps.frames}`, 'conform_mismatch');
    }
    await rename(partial, out);
  } finally {
    await rm(partial, { force: true });
  }
  return { path: out, received: pickShape(received), steps };
}

function pickShape(p: ProbeResult): ClipShape {
  return { width: p.width, height: p.height, fps: p.fps, frameCount: p.frameCount, durationSeconds: p.durationSeconds, codec: p.codec, pixelFormat: p.pixelFormat, variableFrameRate: p.variableFrameRate,
    ...(p.colorSpace ? { colorSpace: p.colorSpace } : {}), ...(p.colorRange ? { colorRange: p.colorRange } : {}) };
}
