/**
 * Pooling pixels across images (the frames of one clip, or a look's reference images) into one
 * sample. Each image gets an equal share, so a large reference does not outvote the others and
 * every sampled frame counts the same. Sampling is random but seeded: strided sampling aliases
 * with stripes and checkerboards (exactly the test patterns we generate), a seeded draw does not.
 */
import { InputError } from '../domain/errors.ts';
import type { RawImage } from '../domain/raw-image.ts';
import { assertRawImage } from './image-lab.ts';
import { seededRandom } from './random.ts';

/** Default cap on pooled pixels: enough for stable statistics, small enough to stay fast. */
export const DEFAULT_MAX_SAMPLES = 40_000;

/** Normalise `RawImage | RawImage[]` to a non-empty, validated array; `what` names the argument. */
export function imageList(images: RawImage | readonly RawImage[], what: string): RawImage[] {
  const list = Array.isArray(images) ? [...(images as readonly RawImage[])] : [images as RawImage];
  if (list.length === 0) throw new InputError(`${what}: no images given`, what, []);
  list.forEach((img, i) => assertRawImage(img, list.length > 1 ? `${what}[${i}]` : what));
  return list;
}

/**
 * Up to `maxSamples` pixels pooled from all images, as interleaved RGB bytes, every image the same
 * number of samples. An image smaller than its share is repeated whole (then topped up at random),
 * so a small reference weighs as much as a large one.
 */
export function samplePixels(images: readonly RawImage[], maxSamples = DEFAULT_MAX_SAMPLES, seed = 1): Uint8Array {
  if (!Number.isInteger(maxSamples) || maxSamples < 1) throw new InputError(`maxSamples must be a positive whole number, got ${maxSamples}`, 'maxSamples', maxSamples);
  const largest = Math.max(...images.map((img) => img.width * img.height));
  const take = Math.min(largest, Math.max(1, Math.floor(maxSamples / images.length)));
  const out = new Uint8Array(images.length * take * 3);
  const rand = seededRandom(seed);
  let o = 0;
  for (const img of images) {
    const n = img.width * img.height;
    const whole = n <= take ? Math.floor(take / n) * n : 0;
    for (let i = 0; i < take; i++) {
      const p = (n === take ? i : i < whole ? i % n : Math.floor(rand() * n)) * 3;
      out[o++] = img.data[p]!;
      out[o++] = img.data[p + 1]!;
      out[o++] = img.data[p + 2]!;
    }
  }
  return out;
}
