/**
 * Thumbnails for the UI and contact sheets: a still image resized, or a video's middle frame,
 * written as a PNG no wider than maxWidth (never upscaled), atomically.
 */
import { extname } from 'node:path';
import sharp from 'sharp';
import { InputError } from '../domain/errors.ts';
import { writeFileAtomic } from '../store/atomic-write.ts';
import { decodeFrames } from './decode-frames.ts';
import { MAX_INPUT_PIXELS, readImageInfo } from './load-image.ts';
import { writePng } from './write-png.ts';

/** Extensions handled as still images (sharp); anything else is treated as a video (ffmpeg). */
export const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.tif', '.tiff', '.gif', '.avif', '.heic', '.heif']);

export function isImagePath(path: string): boolean {
  return IMAGE_EXTENSIONS.has(extname(path).toLowerCase());
}

/** Write a PNG thumbnail of an image or a video (its middle frame) to outPng. */
export async function makeThumbnail(input: string, outPng: string, maxWidth: number, options: { signal?: AbortSignal } = {}): Promise<{ width: number; height: number }> {
  if (!Number.isInteger(maxWidth) || maxWidth < 1) throw new InputError(`"maxWidth" must be a whole number ≥ 1, got ${maxWidth}`, 'maxWidth', maxWidth);
  if (isImagePath(input)) {
    await readImageInfo(input); // existence, format and pixel-limit checks with clear errors
    let out: { data: Buffer; info: { width: number; height: number } };
    try {
      out = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' })
        .rotate().resize({ width: maxWidth, withoutEnlargement: true }).png().toBuffer({ resolveWithObject: true });
    } catch (err) {
      throw new InputError(`not a readable image: ${input} (${(err as Error).message.split('\n')[0]})`, 'image', input);
    }
    await writeFileAtomic(outPng, out.data);
    return { width: out.info.width, height: out.info.height };
  }
  // count 1 → the middle frame: the first is often a fade-in or a still start image.
  const [frame] = await decodeFrames(input, { count: 1, maxWidth, signal: options.signal });
  if (!frame) throw new InputError(`not a readable video: ${input} (no frame could be decoded)`, 'video', input);
  await writePng(frame, outPng);
  return { width: frame.width, height: frame.height };
}
