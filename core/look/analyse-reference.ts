/**
 * One reference image analysed once: content hash, size, dominant palette and sharpness.
 * Decoding goes through core/media's `loadImage` (sharp with a pixel limit checked from the
 * header, `failOn: 'warning'`, EXIF orientation applied); the palette is core/color's k-means in
 * Lab; sharpness is core/media's variance of the Laplacian. This file only names the LOOK.json
 * field in the errors and shapes the result.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../domain/errors.ts';
import { loadImage, MAX_IMAGE_BYTES, readImageInfo } from '../media/load-image.ts';
import { readUntrustedFile } from '../media/read-untrusted.ts';
import { frameSharpness } from '../media/frame-sharpness.ts';
import { extractPalette } from '../color/palette.ts';

/** Palettes and sharpness are measured on a copy this wide: plenty for dominant colours. */
const ANALYSIS_WIDTH = 256;
/** Fixed seed: the analysis is cached by content hash and must not depend on anything else. */
const PALETTE_SEED = 1;

export interface ReferenceAnalysis {
  sha256: string;
  bytes: number;
  format: string;
  /** Size after EXIF orientation. */
  width: number;
  height: number;
  /** Dominant colours, heaviest first, weights summing to 1. */
  palette: { hex: string; weight: number }[];
  /** Variance of the Laplacian of luma on a 256-px-wide copy: higher is sharper. */
  sharpness: number;
}

/** sha256 of bytes, hex. */
export function sha256Buffer(buf: Uint8Array): string {
  return createHash('sha256').update(buf).digest('hex');
}

/**
 * Read a file named by a LOOK.json field: a regular file only (never /dev/zero, a FIFO or a
 * socket), at most MAX_IMAGE_BYTES, with an error that names the field and the path.
 */
export async function readImageFile(path: string, field: string, shown: string): Promise<Buffer> {
  return readUntrustedFile(path, { what: 'image', field, shown, maxBytes: MAX_IMAGE_BYTES });
}

/**
 * The decoder's reason in a person's words (issue 16 item 8: no libvips text in the app): what is
 * wrong with the file and what to do, never "VipsJpeg: premature end of JPEG image".
 */
export function imageProblemWords(reason: string): string {
  if (/premature end|truncat|unexpected end|short read|end of (file|data)/i.test(reason)) return 'the file is cut short (an unfinished download or copy?); save or export it again';
  if (/^not PNG/.test(reason)) return `it is ${reason}`;
  if (/^(SVG is refused|no size in the header|decoded to)/.test(reason)) return reason;
  return 'the file is damaged or in a form the app cannot decode; open it in an image editor and export it again as PNG or JPEG';
}

/** Re-word core/media's InputError so it names the LOOK.json field as written, not a staging path. */
function asFieldError(err: unknown, field: string, shown: string, path: string): unknown {
  if (!(err instanceof InputError)) return err;
  const message = err.message.split(path).join('').replace(/\s+/g, ' ');
  if (/too large/i.test(message)) return new InputError(`${field} ${JSON.stringify(shown)} is too large: ${message.replace(/^image too large:\s*/, '')}`, field, shown);
  const reason = /\((.*)\)\s*$/.exec(message)?.[1] ?? message;
  return new InputError(`${field} ${JSON.stringify(shown)} is not an image: ${imageProblemWords(reason)}`, field, shown);
}

/**
 * Decode and measure an image file.
 * @param field the LOOK.json field that named it (`references[1].path`), used in errors
 * @param shown how the path is shown to the user (as written in the file)
 * @param sha256 the content hash when the caller already has it
 * @throws InputError when the file is missing, not a decodable image, or over the pixel limit
 */
export async function analyseImageFile(path: string, field: string, shown: string, sha256?: string): Promise<ReferenceAnalysis> {
  const hash = sha256 ?? sha256Buffer(await readImageFile(path, field, shown));
  try {
    const info = await readImageInfo(path);
    const small = await loadImage(path, { maxWidth: ANALYSIS_WIDTH });
    return {
      sha256: hash,
      bytes: info.bytes,
      format: info.format,
      width: info.width,
      height: info.height,
      palette: extractPalette(small, { k: 5, seed: PALETTE_SEED }).map((c) => ({ hex: c.hex, weight: c.weight })),
      sharpness: Math.round(frameSharpness(small).laplacianVariance * 100) / 100,
    };
  } catch (err) {
    throw asFieldError(err, field, shown, path);
  }
}
