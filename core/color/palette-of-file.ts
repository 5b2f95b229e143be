/**
 * The palette of a file on disk: a still image, or a video whose frames are pooled (evenly
 * sampled from first to last, so the palette describes the whole clip, not one moment).
 */
import type { RawImage } from '../domain/raw-image.ts';
import { isImagePath } from '../media/thumbnail.ts';
import { loadImage } from '../media/load-image.ts';
import { decodeFrames } from '../media/decode-frames.ts';
import { extractPalette, type PaletteOptions, type WeightedColor } from './palette.ts';

export interface FilePaletteOptions extends PaletteOptions {
  /** Frames pooled from a video. Default 12. */
  frames?: number;
  signal?: AbortSignal;
}

export interface FilePalette { kind: 'image' | 'video'; frames: number; palette: WeightedColor[] }

// Palettes need colour statistics, not detail: decoding at ≤ 640 px wide keeps a 4K still or
// clip cheap and changes the shares by well under a percent.
const ANALYSIS_WIDTH = 640;

/** Load pixels for colour analysis: the image, or `frames` frames pooled from the video. */
export async function loadColorSource(path: string, options: { frames?: number; signal?: AbortSignal } = {}): Promise<{ kind: 'image' | 'video'; images: RawImage[] }> {
  if (isImagePath(path)) return { kind: 'image', images: [await loadImage(path, { maxWidth: ANALYSIS_WIDTH })] };
  const images = await decodeFrames(path, { count: options.frames ?? 12, maxWidth: ANALYSIS_WIDTH, signal: options.signal });
  return { kind: 'video', images };
}

/** Weighted dominant colours of an image or a clip. Bad files → InputError naming the file. */
export async function paletteOfFile(path: string, options: FilePaletteOptions = {}): Promise<FilePalette> {
  const { kind, images } = await loadColorSource(path, options);
  return { kind, frames: images.length, palette: extractPalette(images, options) };
}
