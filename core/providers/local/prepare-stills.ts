/**
 * Stills for the local animatic, made once per clip with sharp before the camera animates them:
 * the start (and end) image cover-fitted to the exact output size, palette deltas as a colour
 * transform, motif tints, and prop deltas composited as product/reference insets with a soft
 * shadow. Doing the static work here keeps the per-frame work to the camera and the encode.
 */
import sharp, { type OverlayOptions, type Sharp } from 'sharp';
import { InputError } from '../../domain/errors.ts';
import type { Delta } from '../../domain/shot.ts';
import { assertInputFile } from '../../media/safe-input.ts';
import { seededRandom } from './seeded-random.ts';
import { SEASON_STYLES, motifParticlesSvg } from './motif-particles.ts';
import { applyChannelLuts, softLightLuts, type ChannelLuts } from './tint-lut.ts';

/** Same pixel limit as the rest of the engine's untrusted-image reads. */
const LIMIT_INPUT_PIXELS = 100_000_000;

export interface Region { left: number; top: number; right: number; bottom: number }

export interface StillOptions {
  width: number;
  height: number;
  deltas: Delta[];
  productImages: string[];
  referenceImages: string[];
  seed: number;
  /** Where insets stay in shot for the whole camera move (fractions of the frame). */
  safe: Region;
}

/** Open an untrusted image for reading: exists, pixel-limited, EXIF orientation applied. */
async function openImage(path: string, field: string): Promise<Sharp> {
  await assertInputFile(path, 'image', field);
  try {
    await sharp(path, { limitInputPixels: LIMIT_INPUT_PIXELS }).metadata();
  } catch (err) {
    throw new InputError(`${field} ${path} is not a readable image: ${(err as Error).message}`, field, path);
  }
  return sharp(path, { limitInputPixels: LIMIT_INPUT_PIXELS }).rotate();
}

function hexToRgb(hex: string): { r: number; g: number; b: number } {
  const n = parseInt(hex.slice(1), 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

/** Mean of a palette, as the colour a palette delta tints toward. */
function meanHex(hexes: string[]): { r: number; g: number; b: number } {
  const rgbs = hexes.map(hexToRgb);
  const avg = (k: 'r' | 'g' | 'b') => Math.round(rgbs.reduce((s, c) => s + c[k], 0) / Math.max(1, rgbs.length));
  return { r: avg('r'), g: avg('g'), b: avg('b') };
}

/** A product or reference inset with a white card edge and a soft drop shadow. */
async function insetLayers(path: string, field: string, box: { x: number; y: number; w: number; h: number }, frameW: number, frameH: number): Promise<OverlayOptions[]> {
  const img = await openImage(path, field);
  const border = Math.max(2, Math.round(Math.min(box.w, box.h) * 0.03));
  const inner = await img.resize({ width: box.w - 2 * border, height: box.h - 2 * border, fit: 'inside' }).raw().toBuffer({ resolveWithObject: true });
  const w = inner.info.width + 2 * border, h = inner.info.height + 2 * border;
  // Anchor to the box's bottom edge and outer side so smaller insets still hug the corner.
  const x = box.x + (box.x + box.w / 2 > frameW / 2 ? box.w - w : 0);
  const y = box.y + box.h - h;
  const blur = Math.max(2, Math.round(h * 0.06));
  const shadow = `<svg xmlns="http://www.w3.org/2000/svg" width="${frameW}" height="${frameH}"><defs><filter id="s" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="${blur}"/></filter></defs><rect x="${x + blur / 2}" y="${y + blur}" width="${w}" height="${h}" rx="${border * 2}" fill="#000" fill-opacity="0.45" filter="url(#s)"/></svg>`;
  // Raw pixels between the steps: no PNG encode and decode of the inset.
  const card = await sharp({ create: { width: w, height: h, channels: 4, background: { r: 250, g: 250, b: 247, alpha: 1 } } })
    .composite([{ input: inner.data, raw: { width: inner.info.width, height: inner.info.height, channels: inner.info.channels }, left: border, top: border }])
    .raw().toBuffer();
  return [{ input: Buffer.from(shadow), left: 0, top: 0 }, { input: card, raw: { width: w, height: h, channels: 4 }, left: Math.round(x), top: Math.round(y) }];
}

function layerPath(delta: Extract<Delta, { kind: 'prop' }>, o: StillOptions): { path: string; field: string } | null {
  const pick = (source: 'product' | 'reference', index: number) => {
    const list = source === 'product' ? o.productImages : o.referenceImages;
    const path = list[index];
    return path ? { path, field: `layers.${source}Images[${index}]` } : null;
  };
  if (delta.layer) {
    const found = pick(delta.layer.source, delta.layer.index);
    if (!found) throw new InputError(`prop delta "${delta.label}" asks for ${delta.layer.source} layer ${delta.layer.index}, but only ${(delta.layer.source === 'product' ? o.productImages : o.referenceImages).length} were given`, 'deltas', delta.layer);
    return found;
  }
  return pick('product', 0) ?? pick('reference', 0);
}

/** A prepared still as raw interleaved 8-bit pixels (no PNG round trip). */
export interface RawStill { data: Buffer; width: number; height: number; channels: 3 | 4 }

async function rawOf(img: Sharp): Promise<RawStill> {
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 && info.channels !== 4) throw new Error(`prepared still has ${info.channels} channels, expected 3 or 4`);
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/**
 * Cover-fit `image` to the output size and apply the shot's deltas. Returns raw pixels plus notes
 * for the mechanism description (what was applied, what a local render cannot show).
 *
 * libvips does the resize and each palette's modulate; every flat tint (palette and motif) is a
 * per-channel table applied to the raw pixels (tint-lut.ts: the same pixels within one level as a
 * soft-light composite, for a fraction of the work); insets are composited last, untinted.
 */
export async function prepareStill(image: string, field: string, o: StillOptions): Promise<RawStill & { notes: string[] }> {
  const notes: string[] = [];
  // Attention-free centre crop: deterministic and independent of libvips heuristics.
  let img = (await openImage(image, field)).resize({ width: o.width, height: o.height, fit: 'cover', position: 'centre' }).removeAlpha();
  let tints: ChannelLuts | undefined;
  /** Pixels so far with the pending tints applied. */
  const flush = async (): Promise<RawStill> => {
    const r = await rawOf(img);
    if (tints) applyChannelLuts(r.data, r.channels, tints);
    tints = undefined;
    return r;
  };
  const reopen = (r: RawStill) => sharp(r.data, { raw: { width: r.width, height: r.height, channels: r.channels } });
  for (const d of o.deltas) {
    if (d.kind !== 'palette') continue;
    // A second modulate must see the first palette's tint: the order the deltas mean.
    if (tints) img = reopen(await flush());
    img = img.modulate({ hue: Math.round(d.hueShiftDeg), saturation: d.saturation, brightness: Math.max(0.05, 1 + 0.5 * d.brightness) });
    tints = softLightLuts(meanHex(d.targetHex), 0.3, tints);
    notes.push(`palette "${d.label}" as a colour transform (hue ${d.hueShiftDeg}°, saturation ×${d.saturation}, brightness ${d.brightness}, tint toward ${d.targetHex.join(' ')})`);
  }
  for (const d of o.deltas) {
    if (d.kind !== 'motif') continue;
    const style = SEASON_STYLES[d.season];
    tints = softLightLuts(hexToRgb(style.tint), style.tintOpacity, tints);
  }
  const layers: OverlayOptions[] = [];
  const props = o.deltas.filter((d): d is Extract<Delta, { kind: 'prop' }> => d.kind === 'prop');
  const rnd = seededRandom(o.seed ^ 0x1a7e5);
  const firstRight = rnd() < 0.5;
  for (const [i, d] of props.entries()) {
    const src = layerPath(d, o);
    if (!src) { notes.push(`prop "${d.label}" not composited: the look has no product or reference layer`); continue; }
    const s = o.safe;
    const margin = 0.04;
    const w = Math.round((s.right - s.left) * o.width * 0.3), h = Math.round((s.bottom - s.top) * o.height * 0.36);
    const right = i === 0 ? firstRight : !firstRight;
    const x = Math.round((right ? s.right - margin : s.left + margin) * o.width - (right ? w : 0));
    const y = Math.round((s.bottom - margin) * o.height - h);
    layers.push(...await insetLayers(src.path, src.field, { x, y, w, h }, o.width, o.height));
    notes.push(`prop "${d.label}" composited from ${src.field}`);
  }
  for (const d of o.deltas) if (d.kind === 'scene') notes.push(`scene change "${d.change}" is not rendered by the local animatic (prompt only)`);
  const tinted = await flush();
  return { ...(layers.length ? await rawOf(reopen(tinted).composite(layers).removeAlpha()) : tinted), notes };
}

/** The motif particle sheet (transparent, raw RGBA, width × 2·height), or null when there is no motif. */
export async function prepareParticles(deltas: Delta[], width: number, height: number, seed: number): Promise<{ still: RawStill; season: Extract<Delta, { kind: 'motif' }>['season']; note: string } | null> {
  const motif = deltas.find((d): d is Extract<Delta, { kind: 'motif' }> => d.kind === 'motif');
  if (!motif) return null;
  const svg = motifParticlesSvg(motif.season, width, height, seed);
  const still = await rawOf(sharp(Buffer.from(svg)).ensureAlpha());
  return { still, season: motif.season, note: `motif "${motif.label}" (${motif.motif}) as ${motif.season} particles and tint (seeded)` };
}
