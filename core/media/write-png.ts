/** RawImage → PNG on disk, written atomically (temp → fsync → rename). */
import sharp from 'sharp';
import { InputError } from '../domain/errors.ts';
import type { RawImage } from '../domain/raw-image.ts';
import { writeFileAtomic } from '../store/atomic-write.ts';

/** Encode raw RGB to PNG bytes. Throws InputError when the buffer does not match the size. */
export async function encodePng(raw: RawImage): Promise<Buffer> {
  const expected = raw.width * raw.height * 3;
  if (raw.data.length !== expected) {
    throw new InputError(`image data has ${raw.data.length} bytes, expected ${expected} for ${raw.width}×${raw.height} RGB`, 'data', raw.data.length);
  }
  return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 3 } }).png().toBuffer();
}

/** Write a RawImage as a PNG at `path`, atomically. */
export async function writePng(raw: RawImage, path: string): Promise<void> {
  await writeFileAtomic(path, await encodePng(raw));
}
