/**
 * Still images in and out through sharp, treated as untrusted (RELIABILITY.md "Untrusted media"):
 * a pixel limit checked from the header before decoding (an image bomb costs nothing), decoder
 * warnings treated as errors (a truncated JPEG is refused, not half-grey), EXIF orientation applied.
 */
import sharp, { type Metadata, type OutputInfo, type Sharp } from 'sharp';
import { InputError } from '../domain/errors.ts';
import type { RawImage } from '../domain/raw-image.ts';
import { assertInputFile } from './safe-input.ts';
import { readUntrustedFile } from './read-untrusted.ts';
import { looksLikeSvg, sniffImage } from './sniff-image.ts';

/** Largest image we decode: ~100 megapixels (a 12k × 8k still). */
export const MAX_INPUT_PIXELS = 100_000_000;
/** Largest image file we open: 256 MiB (a 100 MP 16-bit TIFF is ~600 MB; none of ours are). */
export const MAX_IMAGE_BYTES = 256 * 1024 * 1024;

export interface ImageInfo {
  /** Displayed size: EXIF orientation applied (5–8 swap width and height). */
  width: number;
  height: number;
  /** sharp's format name: png, jpeg, webp, tiff, gif, heif, avif, svg… */
  format: string;
  channels: number;
  hasAlpha: boolean;
  /** EXIF orientation 1–8 (1 when absent). */
  orientation: number;
  /** Stored width × height (what decoding costs). */
  pixelCount: number;
  bytes: number;
}

function open(path: string): Sharp {
  // failOn 'warning': libvips otherwise fills a truncated JPEG's missing rows with grey.
  return sharp(path, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning', sequentialRead: true });
}

function unreadable(path: string, err: unknown): InputError {
  const why = (err as Error).message.split('\n')[0]?.replace(/^Input file /, '') ?? 'unknown error';
  return new InputError(`not a readable image: ${path} (${why})`, 'image', path);
}

/** Header facts about an image without decoding its pixels. Bad or oversized files → InputError. */
export async function readImageInfo(path: string): Promise<ImageInfo> {
  const opts = { what: 'image', field: 'image', maxBytes: MAX_IMAGE_BYTES };
  const bytes = await assertInputFile(path, 'image');
  if (bytes > MAX_IMAGE_BYTES) throw new InputError(`image too large: ${path} is ${bytes.toLocaleString('en-US')} bytes; the limit is ${MAX_IMAGE_BYTES.toLocaleString('en-US')}`, 'image', path);
  // Decide the format from the bytes before any decoder sees the file (SVG would follow hrefs).
  const head = await readUntrustedFile(path, { ...opts, headBytes: 64 });
  if (!sniffImage(head)) {
    if (looksLikeSvg(head)) throw new InputError(`not a readable image: ${path} (SVG is refused: it can pull in other files; export it as PNG or JPEG)`, 'image', path);
    throw new InputError(`not a readable image: ${path} (not PNG, JPEG, WebP, GIF, TIFF, HEIF or AVIF)`, 'image', path);
  }
  let meta: Metadata;
  // Header only (no pixels decoded), so the limit is lifted here to report the declared size.
  try { meta = await sharp(path, { limitInputPixels: false, failOn: 'warning' }).metadata(); } catch (err) { throw unreadable(path, err); }
  if (!meta.width || !meta.height) throw new InputError(`not a readable image: ${path} (no size in the header)`, 'image', path);
  const pixelCount = meta.width * meta.height;
  if (pixelCount > MAX_INPUT_PIXELS) {
    throw new InputError(`image too large: ${path} declares ${meta.width}×${meta.height} = ${pixelCount.toLocaleString('en-US')} pixels; the limit is ${MAX_INPUT_PIXELS.toLocaleString('en-US')}`, 'image', path);
  }
  const orientation = meta.orientation ?? 1;
  const swap = orientation >= 5 && orientation <= 8;
  return {
    width: swap ? meta.height : meta.width,
    height: swap ? meta.width : meta.height,
    format: meta.format ?? 'unknown',
    channels: meta.channels ?? 3,
    hasAlpha: Boolean(meta.hasAlpha),
    orientation,
    pixelCount,
    bytes,
  };
}

export interface LoadImageOptions {
  /** Downscale (keeping aspect) so the result is no wider than this. Never upscales. */
  maxWidth?: number;
}

/**
 * Decode an image to raw 8-bit sRGB (RawImage), orientation applied, transparency flattened onto
 * white (product cut-outs sit on white, which is what a viewer shows them on).
 * Missing file, non-image, truncated file, or more than ~100 MP declared → InputError naming the file.
 */
export async function loadImage(path: string, options: LoadImageOptions = {}): Promise<RawImage> {
  if (options.maxWidth !== undefined && !(Number.isInteger(options.maxWidth) && options.maxWidth >= 1)) {
    throw new InputError(`"maxWidth" must be a whole number ≥ 1, got ${options.maxWidth}`, 'maxWidth', options.maxWidth);
  }
  await readImageInfo(path); // header checks (size limit) before any decoding
  let pipeline = open(path).rotate().flatten({ background: '#ffffff' }).toColourspace('srgb');
  if (options.maxWidth) pipeline = pipeline.resize({ width: options.maxWidth, withoutEnlargement: true, kernel: 'lanczos3' });
  let result: { data: Buffer; info: OutputInfo };
  try {
    result = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw unreadable(path, err);
  }
  const { data, info } = result;
  if (info.channels !== 3) throw new InputError(`not a readable image: ${path} (decoded to ${info.channels} channels)`, 'image', path);
  return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}
