/**
 * One frame of a video as a PNG at the source (displayed) resolution: the first frame, the frame
 * on screen at a time, or the exact last decodable frame. PNGs are always 8-bit RGB and are
 * published atomically (written to a temp file beside the target, then renamed).
 */
import { rm, stat } from 'node:fs/promises';
import { InputError, WorkError } from '../domain/errors.ts';
import { commitTempFile, tempPathBeside } from '../store/atomic-write.ts';
import type { RawImage } from '../domain/raw-image.ts';
import { FrameSplitter } from './frame-splitter.ts';
import { lastErrorLine, probeDetailed, type DetailedProbe } from './probe.ts';
import { writePng } from './write-png.ts';
import { runFfmpeg } from './run-ffmpeg.ts';
import { safeInputArgs } from './safe-input.ts';
import { toRgbFilter, type ColourTags } from './bt709.ts';

export type FrameAt = 'first' | 'last' | number;

export interface ExtractFrameOptions { signal?: AbortSignal; probed?: DetailedProbe }

export interface ExtractedFrame {
  path: string;
  /** Frame number (0-based, presentation order). */
  index: number;
  /** Presentation time of that frame, seconds from the first frame's timestamp. */
  timeSeconds: number;
  width: number;
  height: number;
}

// image2 with an explicit png codec and 8-bit RGB: the output never depends on the file name's
// extension, and 10-bit sources do not produce 16-bit PNGs the rest of the engine has to special-case.
const PNG_OUT = ['-f', 'image2', '-c:v', 'png', '-pix_fmt', 'rgb24'];

/**
 * Frame number `index` exactly: decode from the start and keep only that frame, converted to RGB
 * with the clip's own matrix (untagged reads as BT.709, as NLEs read HD), never swscale's BT.601 default.
 */
export function frameByIndexArgs(video: string, index: number, out: string, colour: ColourTags = {}): string[] {
  return ['-v', 'error', ...safeInputArgs(video), ...frameOutputArgs(0, index, out, colour)];
}

/** One output: frame `index` of input number `input`, as frameByIndexArgs writes it. */
function frameOutputArgs(input: number, index: number, out: string, colour: ColourTags): string[] {
  return ['-map', `${input}:v:0`, '-vf', `select='eq(n,${index})',${toRgbFilter(colour)}`, '-fps_mode', 'passthrough', '-frames:v', '1', ...PNG_OUT, out];
}

/** Several clips' frames in one ffmpeg: input i → output i, each exactly as frameByIndexArgs. */
export function framesByIndexArgs(items: ReadonlyArray<{ video: string; index: number; out: string; colour?: ColourTags }>): string[] {
  return ['-v', 'error', ...items.flatMap((f) => safeInputArgs(f.video)), ...items.flatMap((f, i) => frameOutputArgs(i, f.index, f.out, f.colour ?? {}))];
}

/**
 * The last decodable frame: start decoding `windowSeconds` before the end of the file (ffmpeg
 * seeks to the keyframe before that point) and stream the frames as raw RGB; the caller keeps
 * only the final one. Not "duration − 0.1 s": that lands on an earlier frame whenever the last
 * frame is shorter than 0.1 s or the audio runs longer. Raw frames instead of `-update 1` PNGs:
 * encoding a PNG for every frame of the window cost 10× more than decoding it (720p, measured).
 */
export function lastFrameArgs(video: string, windowSeconds?: number, colour: ColourTags = {}): string[] {
  const seek = windowSeconds === undefined ? [] : ['-sseof', `-${windowSeconds.toFixed(3)}`];
  return ['-v', 'error', ...seek, ...safeInputArgs(video), '-map', '0:v:0', '-vf', toRgbFilter(colour), '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'];
}

/** Decode with `args` and return the final frame (undefined if none decoded or the stream was not whole frames). */
async function decodeLast(video: string, args: string[], width: number, height: number, signal?: AbortSignal): Promise<RawImage | undefined> {
  let last: RawImage | undefined;
  const splitter = new FrameSplitter(width, height, (img) => { last = img; });
  try {
    await runFfmpeg(args, { signal, subject: video, onStdout: (c) => splitter.push(c), timeoutMs: 10 * 60_000 });
  } catch (err) {
    if (err instanceof WorkError && err.code === 'ffmpeg_failed') throw new InputError(`not a readable video: ${video} (${lastErrorLine(err.message)})`, 'video', video);
    throw err;
  }
  // A leftover means the frames were not the size probe reported (a mid-stream size change).
  return splitter.leftover === 0 ? last : undefined;
}

/** Index of the frame on screen at `t` seconds after the first frame: the last one starting at or before t. */
export function frameIndexAt(frameTimes: number[], t: number): number {
  const first = frameTimes[0] ?? 0;
  const target = first + t + 1e-6; // tolerate float noise in "0.041667"-style timestamps
  let lo = 0, hi = frameTimes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (frameTimes[mid]! <= target) lo = mid; else hi = mid - 1;
  }
  return lo;
}

async function exists(path: string): Promise<boolean> {
  try { return (await stat(path)).size > 0; } catch { return false; }
}

async function runOnce(video: string, args: (tmp: string) => string[], signal: AbortSignal | undefined, tmp: string): Promise<string | undefined> {
  try {
    await runFfmpeg(args(tmp), { signal, subject: video, timeoutMs: 10 * 60_000 });
  } catch (err) {
    await rm(tmp, { force: true });
    if (err instanceof WorkError && err.code === 'ffmpeg_failed') throw new InputError(`not a readable video: ${video} (${lastErrorLine(err.message)})`, 'video', video);
    throw err;
  }
  if (await exists(tmp)) return tmp;
  await rm(tmp, { force: true });
  return undefined;
}

/** Validate `at` against the clip, naming the argument and value (CLI exit 2). */
export function resolveFrameIndex(info: DetailedProbe, at: FrameAt, video: string): number {
  const last = info.frameTimes.length - 1;
  if (at === 'first') return 0;
  if (at === 'last') return last;
  if (typeof at !== 'number' || !Number.isFinite(at)) throw new InputError(`--at must be first, last, representative or a time in seconds, got ${JSON.stringify(at)}`, 'at', at);
  if (at < 0) throw new InputError(`--at must not be negative, got ${at}`, 'at', at);
  const duration = info.result.durationSeconds;
  if (at >= duration && at > 0) throw new InputError(`--at ${at} is past the end of ${video} (its video lasts ${duration.toFixed(3)} s)`, 'at', at);
  return frameIndexAt(info.frameTimes, at);
}

/**
 * Write one frame of `video` to `outPng` at source resolution.
 * `at`: 'first', 'last' (the exact last decodable frame, equal to the last frame of a full
 * decode for CFR and VFR clips) or seconds from the start (the frame on screen at that time).
 * Bad file or `at` out of range → InputError.
 */
export async function extractFrame(video: string, at: FrameAt, outPng: string, options: ExtractFrameOptions = {}): Promise<ExtractedFrame> {
  const info = options.probed ?? (await probeDetailed(video, { signal: options.signal }));
  const index = resolveFrameIndex(info, at, video);
  const tmp = tempPathBeside(outPng, '.tmp.png');
  let written: string | undefined;
  if (at === 'last') {
    // Window: whatever the container runs past the video (audio tails), plus 2 s of video.
    const tail = Math.max(0, info.result.containerDurationSeconds - info.result.durationSeconds - info.result.startSeconds);
    const window = tail + 2;
    const { width, height } = info.result;
    let last = window < info.result.containerDurationSeconds ? await decodeLast(video, lastFrameArgs(video, window, info.result), width, height, options.signal) : undefined;
    // Nothing decoded in the tail (damaged end, odd timestamps): decode the whole clip instead.
    last ??= await decodeLast(video, lastFrameArgs(video, undefined, info.result), width, height, options.signal);
    if (last) { await writePng(last, outPng); return result(index); }
    // Frames of an unexpected size: let ffmpeg write the PNG of the last packet's frame.
    written = await runOnce(video, (t) => frameByIndexArgs(video, index, t, info.result), options.signal, tmp);
  } else if (at === 'first') {
    written = await runOnce(video, (t) => frameByIndexArgs(video, 0, t, info.result), options.signal, tmp);
  } else {
    written = await runOnce(video, (t) => frameByIndexArgs(video, index, t, info.result), options.signal, tmp);
    if (!written) {
      // The index came from the packet list; a damaged file may decode fewer frames. Fall back to the last one.
      return extractFrame(video, 'last', outPng, { ...options, probed: info });
    }
  }
  if (!written) throw new InputError(`not a readable video: ${video} (no frame could be decoded)`, 'video', video);
  await commitTempFile(written, outPng);
  return result(index);

  function result(i: number): ExtractedFrame { return frameResult(info, i, outPng); }
}

/** What was written: frame `index` of the probed clip at `path`. */
function frameResult(info: DetailedProbe, index: number, path: string): ExtractedFrame {
  return {
    path,
    index,
    timeSeconds: (info.frameTimes[index] ?? 0) - (info.frameTimes[0] ?? 0),
    width: info.result.width,
    height: info.result.height,
  };
}

/** Write frame number `index` (0-based) of `video` to `outPng`. */
export async function extractFrameByIndex(video: string, index: number, outPng: string, options: { signal?: AbortSignal } = {}): Promise<void> {
  if (!Number.isInteger(index) || index < 0) throw new InputError(`frame index must be a whole number ≥ 0, got ${index}`, 'index', index);
  const tmp = tempPathBeside(outPng, '.tmp.png');
  const written = await runOnce(video, (t) => frameByIndexArgs(video, index, t), options.signal, tmp);
  if (!written) throw new InputError(`frame ${index} is past the end of ${video}`, 'index', index);
  await commitTempFile(written, outPng);
}

export interface FrameRequest { video: string; at: Exclude<FrameAt, 'last'>; out: string }

/**
 * One frame from each of several clips (poster frames for a pack): the same frames, colour
 * conversion and PNGs as extractFrame, but `processes` ffmpeg runs in all instead of one per clip
 * (a start of ffmpeg costs ~0.2 s of CPU before any work; an export of 12 clips made 12).
 * Whatever a batch did not write — the batch failed on a damaged clip, or a frame lies past what
 * decodes — is extracted alone by extractFrame, so its error or its fallback is the one-clip one.
 */
export async function extractFrames(requests: readonly FrameRequest[], options: { signal?: AbortSignal; processes?: number } = {}): Promise<ExtractedFrame[]> {
  const planned: Array<FrameRequest & { info: DetailedProbe; index: number; tmp: string }> = [];
  for (const r of requests) { // one probe at a time (a caller that probed already hits the memo)
    const info = await probeDetailed(r.video, { signal: options.signal });
    planned.push({ ...r, info, index: resolveFrameIndex(info, r.at, r.video), tmp: tempPathBeside(r.out, '.tmp.png') });
  }
  const processes = Math.max(1, Math.min(options.processes ?? 1, planned.length));
  const size = Math.ceil(planned.length / processes);
  const batches = Array.from({ length: processes }, (_, b) => planned.slice(b * size, (b + 1) * size)).filter((x) => x.length > 0);
  const written = new Set<string>();
  await Promise.all(batches.map(async (batch) => {
    const args = framesByIndexArgs(batch.map((p) => ({ video: p.video, index: p.index, out: p.tmp, colour: p.info.result })));
    try {
      await runFfmpeg(args, { signal: options.signal, subject: batch.map((p) => p.video).join(', '), timeoutMs: 10 * 60_000 });
    } catch (err) {
      if (!(err instanceof WorkError && err.code === 'ffmpeg_failed')) { await Promise.all(batch.map((p) => rm(p.tmp, { force: true }))); throw err; }
      // One clip the batch could not read: each is done alone below, so the error names it.
    }
    for (const p of batch) {
      if (await exists(p.tmp)) { await commitTempFile(p.tmp, p.out); written.add(p.out); } else await rm(p.tmp, { force: true });
    }
  }));
  const results: ExtractedFrame[] = [];
  for (const p of planned) {
    if (!written.has(p.out)) { results.push(await extractFrame(p.video, p.at, p.out, { signal: options.signal, probed: p.info })); continue; }
    results.push(frameResult(p.info, p.index, p.out));
  }
  return results;
}
