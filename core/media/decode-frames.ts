/**
 * Decoded frames as raw 8-bit RGB for the colour and quality code: evenly sampled frames
 * (`decodeFrames`) or every frame streamed to a callback (`decodeAllFrames`, for flicker).
 * ffmpeg decodes and scales; pixels arrive through a rawvideo pipe, never via temp files.
 */
import { InputError, WorkError } from '../domain/errors.ts';
import type { RawImage } from '../domain/raw-image.ts';
import { FrameSplitter } from './frame-splitter.ts';
import { lastErrorLine, probe, type ProbeResult } from './probe.ts';
import { runFfmpeg } from './run-ffmpeg.ts';
import { safeInputArgs } from './safe-input.ts';
import { toRgbFilter, type ColourTags } from './bt709.ts';

export interface FrameSample { /** Frame number in decode-presentation order, from 0. */ index: number; image: RawImage }

export interface DecodeFramesOptions {
  /** How many frames, evenly spaced from the first to the last frame (both included). */
  count: number;
  /** Downscale (keeping aspect) so no frame is wider than this. Never upscales. */
  maxWidth?: number;
  signal?: AbortSignal;
  /** Reuse a probe you already have (saves probing the file again). */
  probed?: ProbeResult;
}

/** Size frames come out at: the displayed size, scaled down to maxWidth with the aspect kept. */
export function outputSize(width: number, height: number, maxWidth?: number): { width: number; height: number } {
  if (!maxWidth || width <= maxWidth) return { width, height };
  return { width: maxWidth, height: Math.max(1, Math.round((height * maxWidth) / width)) };
}

/** `count` frame numbers spread evenly over 0..frameCount-1, first and last included, no repeats. */
export function sampleIndices(frameCount: number, count: number): number[] {
  if (frameCount <= 0 || count <= 0) return [];
  if (count >= frameCount) return Array.from({ length: frameCount }, (_, i) => i);
  if (count === 1) return [Math.floor((frameCount - 1) / 2)];
  const out = new Set<number>();
  for (let k = 0; k < count; k++) out.add(Math.round((k * (frameCount - 1)) / (count - 1)));
  return [...out].sort((a, b) => a - b);
}

/**
 * ffmpeg arguments decoding `path` to rgb24 on stdout. `indices` keeps only those frame numbers
 * (select by `n`, exact for CFR and VFR alike); `size` scales with area averaging (best for
 * statistics on downscaled frames). YCbCr → RGB uses the clip's own matrix and range (`colour`,
 * from probe; untagged reads as BT.709) in the same swscale pass as the resize: what we measure is
 * what an NLE shows, not swscale's BT.601 default.
 */
export function decodeArgs(path: string, opts: { indices?: number[]; size?: { width: number; height: number }; colour?: ColourTags } = {}): string[] {
  const filters: string[] = [];
  if (opts.indices) filters.push(`select='${opts.indices.map((i) => `eq(n,${i})`).join('+')}'`);
  filters.push(toRgbFilter(opts.colour, opts.size ? { size: opts.size, flags: 'area' } : {}));
  return [
    '-v', 'error',
    ...safeInputArgs(path),
    '-map', '0:v:0',
    '-vf', filters.join(','),
    // passthrough: one output frame per decoded frame, never duplicated or dropped to a fixed rate.
    '-fps_mode', 'passthrough',
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1',
  ];
}

async function runDecode(path: string, args: string[], size: { width: number; height: number }, signal: AbortSignal | undefined,
  onFrame: (image: RawImage, index: number) => void): Promise<number> {
  const splitter = new FrameSplitter(size.width, size.height, onFrame);
  try {
    await runFfmpeg(args, { signal, subject: path, onStdout: (chunk) => splitter.push(chunk), timeoutMs: 30 * 60_000 });
  } catch (err) {
    if (err instanceof WorkError && err.code === 'ffmpeg_failed') {
      throw new InputError(`not a readable video: ${path} (${lastErrorLine(err.message)})`, 'video', path);
    }
    throw err;
  }
  if (splitter.frames === 0) throw new InputError(`not a readable video: ${path} (no frame could be decoded)`, 'video', path);
  return splitter.frames;
}

/** Evenly sampled frames with their frame numbers. */
export async function decodeFrameSamples(video: string, options: DecodeFramesOptions): Promise<FrameSample[]> {
  if (!Number.isInteger(options.count) || options.count < 1) throw new InputError(`"count" must be a whole number ≥ 1, got ${options.count}`, 'count', options.count);
  if (options.maxWidth !== undefined && !(Number.isInteger(options.maxWidth) && options.maxWidth >= 1)) {
    throw new InputError(`"maxWidth" must be a whole number ≥ 1, got ${options.maxWidth}`, 'maxWidth', options.maxWidth);
  }
  const info = options.probed ?? (await probe(video, { signal: options.signal }));
  const indices = sampleIndices(info.frameCount, options.count);
  const size = outputSize(info.width, info.height, options.maxWidth);
  const scaled = size.width !== info.width || size.height !== info.height;
  const everyFrame = indices.length === info.frameCount;
  const out: FrameSample[] = [];
  await runDecode(video, decodeArgs(video, { indices: everyFrame ? undefined : indices, size: scaled ? size : undefined, colour: info }), size, options.signal,
    (image, k) => { out.push({ index: indices[k] ?? k, image }); });
  return out;
}

/**
 * `count` frames evenly sampled from first to last, as raw RGB (RawImage), optionally downscaled
 * to `maxWidth`. Fewer come back only when the file has fewer decodable frames than requested.
 */
export async function decodeFrames(video: string, options: DecodeFramesOptions): Promise<RawImage[]> {
  return (await decodeFrameSamples(video, options)).map((s) => s.image);
}

export interface DecodeAllOptions {
  maxWidth?: number;
  signal?: AbortSignal;
  probed?: ProbeResult;
  /** Called for every decoded frame in order; the image is the callback's to keep. */
  onFrame: (image: RawImage, index: number) => void;
}

/** Stream every frame (memory stays at one frame). Resolves with the number of frames decoded. */
export async function decodeAllFrames(video: string, options: DecodeAllOptions): Promise<number> {
  const info = options.probed ?? (await probe(video, { signal: options.signal }));
  const size = outputSize(info.width, info.height, options.maxWidth);
  const scaled = size.width !== info.width || size.height !== info.height;
  return runDecode(video, decodeArgs(video, { size: scaled ? size : undefined, colour: info }), size, options.signal, options.onFrame);
}

export interface EdgeFrameOptions {
  /** Downscale (keeping aspect) so the frame is no wider than this. Never upscales. */
  maxWidth?: number;
  signal?: AbortSignal;
  /** Reuse a probe you already have (saves probing the file again). */
  probed?: ProbeResult;
}

/**
 * The exact first or last decodable frame as raw RGB, scaled in the decoder's own pass (no PNG
 * in between): what a frame bridge compares. The last frame is found as extract-frame.ts finds
 * it: decoding starts 2 s (plus any audio tail) before the end, at the keyframe before that
 * point, and keeps the final frame; a window that yields nothing falls back to the whole clip.
 */
export async function decodeEdgeFrame(video: string, at: 'first' | 'last', options: EdgeFrameOptions = {}): Promise<RawImage> {
  const info = options.probed ?? (await probe(video, { signal: options.signal }));
  const size = outputSize(info.width, info.height, options.maxWidth);
  // The size is always given, so a stream that changes size midway still yields whole frames.
  const args = decodeArgs(video, { size, colour: info });
  let kept: RawImage | undefined;
  const keep = (image: RawImage) => { kept = image; };
  if (at === 'first') {
    await runDecode(video, [...args.slice(0, -1), '-frames:v', '1', 'pipe:1'], size, options.signal, keep);
    return kept!;
  }
  const window = Math.max(0, info.containerDurationSeconds - info.durationSeconds - info.startSeconds) + 2;
  if (window < info.containerDurationSeconds) {
    // -sseof is an input option: it goes before the input's -i (after '-v error').
    try {
      await runDecode(video, [...args.slice(0, 2), '-sseof', `-${window.toFixed(3)}`, ...args.slice(2)], size, options.signal, keep);
    } catch (err) {
      if (!(err instanceof InputError)) throw err; // nothing decodable in the tail: the whole clip below
    }
  }
  if (!kept) await runDecode(video, args, size, options.signal, keep);
  return kept!;
}
