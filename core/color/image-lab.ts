/**
 * Batch conversions between RawImage pixels (8-bit sRGB) and Lab held in Float32Array
 * (L, a, b interleaved). Linearisation is a 256-entry table lookup.
 */
import { InputError } from '../domain/errors.ts';
import type { RawImage } from '../domain/raw-image.ts';
import { LINEAR_FROM_BYTE } from './srgb.ts';
import { linearRgbToLabInto } from './lab.ts';

/** Throws InputError when `raw` is not a well-formed 3-channel RawImage (names `what`). */
export function assertRawImage(raw: RawImage, what = 'image'): void {
  const ok = raw && Number.isInteger(raw.width) && Number.isInteger(raw.height) && raw.width > 0 && raw.height > 0
    && raw.channels === 3 && raw.data instanceof Uint8Array && raw.data.length === raw.width * raw.height * 3;
  if (!ok) {
    const shape = raw ? `${raw.width}x${raw.height}x${raw.channels}, ${raw.data?.length} bytes` : String(raw);
    throw new InputError(`${what} is not a 3-channel 8-bit RawImage (${shape})`, what, shape);
  }
}

/** Interleaved 8-bit RGB bytes → interleaved Lab (Float32Array of the same length). */
export function rgbBytesToLab(rgb: Uint8Array): Float32Array {
  const out = new Float32Array(rgb.length);
  for (let i = 0; i < rgb.length; i += 3) {
    linearRgbToLabInto(LINEAR_FROM_BYTE[rgb[i]!]!, LINEAR_FROM_BYTE[rgb[i + 1]!]!, LINEAR_FROM_BYTE[rgb[i + 2]!]!, out, i);
  }
  return out;
}

/** Every pixel of an image in Lab: Float32Array of width·height·3 values (L, a, b interleaved). */
export function imageToLab(raw: RawImage): Float32Array {
  assertRawImage(raw);
  return rgbBytesToLab(raw.data);
}
