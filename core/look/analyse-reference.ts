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

/** Re-word core/media's InputError so it names the LOOK.json field as written. */
function asFieldError(err: unknown, field: string, shown: string): unknown {
  if (!(err instanceof InputError)) return err;
  const tooLarge = /too large/i.test(err.message);
  const why = tooLarge ? `is too large: ${err.message.replace(/^image too large: [^ ]+ /, '')}` : `is not an image (${err.message.replace(/^not a readable image: /, '')})`;
  return new InputError(`${field} ${JSON.stringify(shown)} ${why}`, field, shown);
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
    throw asFieldError(err, field, shown);
  }
}
