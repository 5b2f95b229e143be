/**
 * The frame that best stands for a clip (thumbnails, contact sheets, the review grid): evenly
 * sampled frames are scored on downscaled copies (frame-sharpness.ts), then the winner is written
 * at full resolution from the original.
 */
import { InputError } from '../domain/errors.ts';
import { decodeFrameSamples } from './decode-frames.ts';
import { extractFrameByIndex } from './extract-frame.ts';
import { frameSharpness, type FrameSharpness } from './frame-sharpness.ts';
import { probeDetailed } from './probe.ts';

export interface RepresentativeOptions {
  signal?: AbortSignal;
  /** Frames to score (evenly spaced). Default 48; every frame for shorter clips. */
  samples?: number;
  /** Width frames are scored at. Default 320: enough detail, cheap. */
  analysisWidth?: number;
}

export interface RepresentativeFrame {
  path: string;
  index: number;
  timeSeconds: number;
  /** The winner's measurements. */
  sharpness: FrameSharpness;
  /** Every scored frame's index and score (for debugging and the UI's filmstrip). */
  scored: Array<{ index: number; score: number }>;
}

/** Pick the sharpest well-exposed frame of `video` and write it as a PNG at source resolution. */
export async function extractRepresentativeFrame(video: string, outPng: string, options: RepresentativeOptions = {}): Promise<RepresentativeFrame> {
  const samples = options.samples ?? 48;
  if (!Number.isInteger(samples) || samples < 1) throw new InputError(`"samples" must be a whole number ≥ 1, got ${samples}`, 'samples', samples);
  const info = await probeDetailed(video, { signal: options.signal });
  const frames = await decodeFrameSamples(video, { count: samples, maxWidth: options.analysisWidth ?? 320, signal: options.signal, probed: info.result });
  let best: { index: number; sharpness: FrameSharpness } | undefined;
  const scored: Array<{ index: number; score: number }> = [];
  for (const f of frames) {
    const s = frameSharpness(f.image);
    scored.push({ index: f.index, score: s.score });
    // Ties go to the earlier frame, so the choice is deterministic.
    if (!best || s.score > best.sharpness.score) best = { index: f.index, sharpness: s };
  }
  if (!best) throw new InputError(`not a readable video: ${video} (no frame could be decoded)`, 'video', video);
  await extractFrameByIndex(video, best.index, outPng, { signal: options.signal });
  return {
    path: outPng,
    index: best.index,
    timeSeconds: (info.frameTimes[best.index] ?? 0) - (info.frameTimes[0] ?? 0),
    sharpness: best.sharpness,
    scored,
  };
}
