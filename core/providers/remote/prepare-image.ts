/**
 * Input images are resized / letterboxed / re-encoded to what each model requires before upload
 * (DESIGN.md §5). Done with sharp on untrusted files: pixel limit, fail on warnings, EXIF
 * orientation applied, metadata stripped (nothing of the user's camera leaves the machine).
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { InputError } from '../../domain/errors.ts';

export interface PreparedImage {
  buffer: Buffer;
  contentType: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
  sha256: string;
}

export interface PrepareOptions {
  /** Exact output size for `letterbox` (OpenAI input_reference must equal `size`). */
  width?: number;
  height?: number;
  /** `letterbox`: exact size, black bars; `inside`: keep aspect, at most maxPixels. */
  fit: 'letterbox' | 'inside';
  maxPixels?: number;
  maxBytes?: number;
  format?: 'jpeg' | 'png';
}

const LIMIT_INPUT_PIXELS = 100_000_000;

/** Read, normalise and encode one input image for upload. Throws InputError naming the file. */
export async function prepareImage(path: string, opts: PrepareOptions): Promise<PreparedImage> {
  const format = opts.format ?? 'jpeg';
  let img = sharp(path, { limitInputPixels: LIMIT_INPUT_PIXELS, failOn: 'warning' }).rotate();
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(path, { limitInputPixels: LIMIT_INPUT_PIXELS, failOn: 'warning' }).metadata();
  } catch (err) {
    throw new InputError(`input image ${path} could not be read: ${(err as Error).message}`, 'image', path);
  }
  if (opts.fit === 'letterbox') {
    if (!opts.width || !opts.height) throw new InputError(`letterbox needs width and height (image ${path})`, 'size', `${opts.width}x${opts.height}`);
    img = img.resize(opts.width, opts.height, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 1 }, kernel: 'lanczos3' });
  } else {
    const w0 = meta.autoOrient?.width ?? meta.width ?? 1;
    const h0 = meta.autoOrient?.height ?? meta.height ?? 1;
    const max = opts.maxPixels ?? w0 * h0;
    const scale = Math.min(1, Math.sqrt(max / (w0 * h0)));
    if (scale < 1) img = img.resize(Math.floor(w0 * scale), Math.floor(h0 * scale), { kernel: 'lanczos3' });
  }
  img = img.flatten({ background: { r: 0, g: 0, b: 0 } });
  let quality = 92;
  for (;;) {
    const { data, info } = await (format === 'png' ? img.clone().png() : img.clone().jpeg({ quality, mozjpeg: false }))
      .toBuffer({ resolveWithObject: true })
      .catch((err: Error) => { throw new InputError(`input image ${path} could not be decoded: ${err.message}`, 'image', path); });
    if (!opts.maxBytes || data.length <= opts.maxBytes || format === 'png' || quality <= 50) {
      if (opts.maxBytes && data.length > opts.maxBytes) {
        throw new InputError(`input image ${path} is ${data.length} bytes after re-encoding; the model accepts at most ${opts.maxBytes}`, 'image', path);
      }
      return {
        buffer: data, contentType: format === 'png' ? 'image/png' : 'image/jpeg', width: info.width, height: info.height,
        sha256: createHash('sha256').update(data).digest('hex'),
      };
    }
    quality -= 10;
  }
}
