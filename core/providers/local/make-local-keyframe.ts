/**
 * The local keyframe maker (model `local-keyframe`): a "new angle" on a reference without any
 * generation — a reframe (crop for wide / medium / close / detail plus a small seeded offset) and
 * a colour transfer toward the look's colour reference (core/color's estimateTransfer). Previz:
 * it can only show what the reference already contains.
 */
import sharp from 'sharp';
import { estimateTransfer } from '../../color/estimate-transfer.ts';
import { applyTransformToImage } from '../../color/color-transform.ts';
import { FramingSchema, type Framing } from '../../domain/canon.ts';
import { InputError } from '../../domain/errors.ts';
import type { RawImage } from '../../domain/raw-image.ts';
import { loadImage, readImageInfo } from '../../media/load-image.ts';
import { writePng } from '../../media/write-png.ts';
import { seededRandom } from './seeded-random.ts';

export interface LocalKeyframeOptions {
  reference: string;
  framing: Framing;
  colorReference?: string;
  width: number;
  height: number;
  seed: number;
  /** PNG written here (atomically). */
  out: string;
  /** 0..1, how far toward the colour reference. Default 0.8. */
  colorStrength?: number;
}

export interface LocalKeyframeResult {
  path: string;
  width: number;
  height: number;
  framing: Framing;
  /** The crop taken from the reference, in its pixels (after EXIF orientation). */
  crop: { left: number; top: number; width: number; height: number };
  colorTransferred: boolean;
  previz: true;
  note: string;
}

/** Share of the reference (at the output aspect) each framing keeps. */
export const FRAMING_SCALE: Record<Framing, number> = { wide: 1, medium: 0.72, close: 0.5, detail: 0.32 };

/**
 * The crop rectangle for a framing: the largest output-aspect rectangle in the source, scaled by
 * the framing, centred with a seeded offset of up to 35 % of the spare room. Pure.
 */
export function framingCrop(srcW: number, srcH: number, outW: number, outH: number, framing: Framing, seed: number): { left: number; top: number; width: number; height: number } {
  const aspect = outW / outH;
  const fullW = srcW / srcH > aspect ? srcH * aspect : srcW;
  const fullH = fullW / aspect;
  const f = FRAMING_SCALE[framing];
  const width = Math.max(1, Math.min(srcW, Math.round(fullW * f)));
  const height = Math.max(1, Math.min(srcH, Math.round(fullH * f)));
  const rnd = seededRandom(seed ^ 0xf4a3e);
  const spareX = srcW - width, spareY = srcH - height;
  const left = Math.round(spareX / 2 + (rnd() * 2 - 1) * 0.35 * (spareX / 2));
  const top = Math.round(spareY / 2 + (rnd() * 2 - 1) * 0.35 * (spareY / 2));
  return { left: Math.min(spareX, Math.max(0, left)), top: Math.min(spareY, Math.max(0, top)), width, height };
}

/** Make one local keyframe and write it as PNG to `out`. InputError names bad options and files. */
export async function makeLocalKeyframe(o: LocalKeyframeOptions): Promise<LocalKeyframeResult> {
  const framing = FramingSchema.safeParse(o.framing);
  if (!framing.success) throw new InputError(`makeLocalKeyframe: "framing" must be one of wide, medium, close, detail, got ${JSON.stringify(o.framing)}`, 'framing', o.framing);
  for (const [k, v] of [['width', o.width], ['height', o.height]] as const) {
    if (!Number.isInteger(v) || v < 16 || v > 8192) throw new InputError(`makeLocalKeyframe: "${k}" must be a whole number between 16 and 8192, got ${JSON.stringify(v)}`, k, v);
  }
  const strength = o.colorStrength ?? 0.8;
  if (!(strength >= 0 && strength <= 1)) throw new InputError(`makeLocalKeyframe: "colorStrength" must be between 0 and 1, got ${strength}`, 'colorStrength', strength);

  const ref = await loadImage(o.reference);
  const crop = framingCrop(ref.width, ref.height, o.width, o.height, o.framing, o.seed);
  const { data, info } = await sharp(ref.data, { raw: { width: ref.width, height: ref.height, channels: 3 } })
    .extract(crop).resize({ width: o.width, height: o.height, fit: 'fill', kernel: 'lanczos3' }).raw().toBuffer({ resolveWithObject: true });
  let frame: RawImage = { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };

  const notes = [`${o.framing} reframe of the reference (crop ${crop.width}x${crop.height} at ${crop.left},${crop.top})`];
  const upscale = o.width / crop.width;
  if (upscale > 1.5) notes.push(`upscaled ${upscale.toFixed(1)}× (soft)`);
  if (o.colorReference) {
    await readImageInfo(o.colorReference);
    // Statistics need no more than a few hundred pixels across; this keeps big references cheap.
    const target = await loadImage(o.colorReference, { maxWidth: 512 });
    const t = estimateTransfer(frame, target, { seed: o.seed });
    frame = applyTransformToImage(frame, t, strength);
    notes.push(`colour transferred toward the colour reference at strength ${strength}`);
  }
  await writePng(frame, o.out);
  return { path: o.out, width: o.width, height: o.height, framing: o.framing, crop, colorTransferred: Boolean(o.colorReference), previz: true, note: `local keyframe (previz): ${notes.join('; ')}` };
}
