/**
 * The layers of a local remix, drawn in the anchor's still space (the plate) so they can follow
 * the anchor's camera path: props stand on the surface with a contact shadow (a product shot is
 * cut out of its plain background; other props are simple drawings, prop-sketches.ts), a scene
 * micro-change is a visible local change, a motif is a particle sheet that drifts through the scene.
 * Nothing is a bordered card. A delta with nothing to draw is reported in `notRendered`.
 */
import sharp, { type OverlayOptions } from 'sharp';
import type { Delta } from '../../domain/shot.ts';
import { assertInputFile } from '../../media/safe-input.ts';
import { motifParticlesSvg, particleTravelPx } from './motif-particles.ts';
import type { Region } from './prepare-stills.ts';
import { propSketch } from './prop-sketches.ts';
import type { Scroll } from './remix-args.ts';
import { seededRandom } from './seeded-random.ts';

const LIMIT_INPUT_PIXELS = 100_000_000;

export interface LayerStill { png: Buffer; scroll?: Scroll; what: string }
export interface RemixLayers { layers: LayerStill[]; notes: string[]; notRendered: string[] }

export interface RemixLayerOptions {
  /** The anchor's still (exactly width × height), already in the anchor clip's colours. */
  plate: Buffer;
  width: number;
  height: number;
  seconds: number;
  deltas: Delta[];
  productImages: string[];
  seed: number;
  /** The part of the plate visible for the whole camera move (fractions). */
  safe: Region;
}

/** Cut a product shot out of its plain studio background: per-row border colour → alpha. */
async function cutOut(path: string, maxHeight: number): Promise<Buffer> {
  await assertInputFile(path, 'image', 'layers.productImages');
  const { data, info } = await sharp(path, { limitInputPixels: LIMIT_INPUT_PIXELS }).rotate().resize({ height: 480, withoutEnlargement: true })
    .ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width: w, height: h } = info;
  let top = h, bottom = -1, left = w, right = -1;
  for (let y = 0; y < h; y++) {
    // The background of a studio shot is a gradient down the frame: sample its colour per row.
    const bg = [0, 1, 2].map((c) => {
      let s = 0;
      for (const x of [0, 1, 2, w - 3, w - 2, w - 1]) s += data[(y * w + x) * 4 + c]!;
      return s / 6;
    });
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const d = Math.hypot(data[i]! - bg[0]!, data[i + 1]! - bg[1]!, data[i + 2]! - bg[2]!);
      const a = Math.max(0, Math.min(1, (d - 14) / 22));
      data[i + 3] = Math.round(a * 255);
      if (a > 0.5) { top = Math.min(top, y); bottom = Math.max(bottom, y); left = Math.min(left, x); right = Math.max(right, x); }
    }
  }
  if (bottom < 0) throw new Error(`product image ${path} has no subject distinct from its background`);
  return sharp(data, { raw: { width: w, height: h, channels: 4 } })
    .extract({ left, top, width: right - left + 1, height: bottom - top + 1 })
    .resize({ height: maxHeight }).png().toBuffer();
}

async function propImage(d: Extract<Delta, { kind: 'prop' }>, o: RemixLayerOptions, maxHeight: number): Promise<{ png: Buffer; from: string } | null> {
  const product = d.layer?.source === 'product' ? o.productImages[d.layer.index] : undefined;
  if (product) return { png: await cutOut(product, maxHeight), from: `cut out of product shot ${d.layer!.index}` };
  const sketch = propSketch(d.prop);
  if (sketch) return { png: await sharp(Buffer.from(sketch.svg)).resize({ height: maxHeight }).png().toBuffer(), from: `drawn (${sketch.name})` };
  return null;
}

/** A soft elliptical alpha mask w × h as SVG (feathered edge). */
const softEllipse = (w: number, h: number, fill: string, opacity: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs><radialGradient id="g"><stop offset="0.55" stop-color="${fill}" stop-opacity="${opacity}"/><stop offset="1" stop-color="${fill}" stop-opacity="0"/></radialGradient></defs><ellipse cx="${w / 2}" cy="${h / 2}" rx="${w / 2}" ry="${h / 2}" fill="url(#g)"/></svg>`;

/** Build every layer the deltas ask for. */
export async function buildRemixLayers(o: RemixLayerOptions): Promise<RemixLayers> {
  const { width: W, height: H, safe } = o;
  const rnd = seededRandom(o.seed ^ 0x2e31);
  const statics: OverlayOptions[] = [];
  const layers: LayerStill[] = [];
  const notes: string[] = [];
  const notRendered: string[] = [];
  const sw = (safe.right - safe.left) * W, sh = (safe.bottom - safe.top) * H;

  const props = o.deltas.filter((d): d is Extract<Delta, { kind: 'prop' }> => d.kind === 'prop');
  let side = rnd() < 0.5 ? 1 : -1;
  for (const d of props) {
    const maxH = Math.round(sh * 0.34);
    const img = await propImage(d, o, maxH);
    if (!img) { notRendered.push(`prop "${d.label}": the look has no photograph of "${d.prop}" and there is no drawing for it`); continue; }
    const meta = await sharp(img.png).metadata();
    const w = Math.min(meta.width!, Math.round(sw * 0.34)), h = meta.height!;
    const png = w < meta.width! ? await sharp(img.png).resize({ width: w }).png().toBuffer() : img.png;
    const ph = (await sharp(png).metadata()).height!;
    // Stands on the surface in the lower part of the always-visible area, left or right of centre.
    const cx = (safe.left + safe.right) / 2 * W + side * sw * (0.22 + rnd() * 0.06);
    const base = (safe.bottom - 0.05) * H;
    const x = Math.round(Math.max(0, Math.min(W - w, cx - w / 2))), y = Math.round(Math.max(0, base - ph));
    const shW = Math.round(w * 1.1), shH = Math.max(4, Math.round(h * 0.12));
    statics.push({ input: Buffer.from(softEllipse(shW, shH, '#000', 0.5)), left: Math.max(0, Math.min(W - shW, Math.round(x + w / 2 - shW / 2))), top: Math.max(0, Math.min(H - shH, Math.round(base - shH / 2))) });
    statics.push({ input: png, left: x, top: y });
    notes.push(`prop "${d.label}" ${img.from}, standing in the scene with a contact shadow`);
    side = -side;
  }

  for (const d of o.deltas) {
    if (d.kind !== 'scene') continue;
    const text = `${d.label} ${d.change}`;
    if (/shadow/i.test(text)) {
      const sheetW = Math.round(W * 1.7);
      const sil = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${sheetW}" height="${H}"><defs><filter id="b"><feGaussianBlur stdDeviation="${Math.round(H * 0.03)}"/></filter></defs><g filter="url(#b)" fill="#000" fill-opacity="0.42"><ellipse cx="${W * 0.35}" cy="${H * 0.22}" rx="${H * 0.07}" ry="${H * 0.09}"/><rect x="${W * 0.35 - H * 0.13}" y="${H * 0.3}" width="${H * 0.26}" height="${H * 0.75}" rx="${H * 0.08}"/></g></svg>`);
      layers.push({ png: await sharp(sil).png().toBuffer(), scroll: { from: [sheetW - W, 0], to: [0, 0] }, what: 'shadow' });
      notes.push(`scene change "${d.change}": a soft shadow crossing the background`);
    } else if (/steam|smoke|mist/i.test(text)) {
      const wisps = Array.from({ length: 14 }, (_, i) => `<ellipse cx="${W * (0.3 + rnd() * 0.4)}" cy="${(i / 14) * 2 * H}" rx="${W * 0.03}" ry="${H * 0.12}" />`).join('');
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${2 * H}"><defs><filter id="b"><feGaussianBlur stdDeviation="${Math.round(H * 0.025)}"/></filter></defs><g filter="url(#b)" fill="#fff" fill-opacity="0.22">${wisps}</g></svg>`;
      layers.push({ png: await sharp(Buffer.from(svg)).png().toBuffer(), scroll: { from: [0, 0], to: [0, Math.round(H * 0.5)] }, what: 'steam' });
      notes.push(`scene change "${d.change}": soft steam rising through the scene`);
    } else if (/petal|leaves|leaf/i.test(text)) {
      const petals = Array.from({ length: 22 }, () => {
        const x = (safe.left + rnd() * (safe.right - safe.left)) * W, y = (safe.bottom - 0.04 - rnd() * 0.16) * H, r = H * (0.008 + rnd() * 0.008);
        return `<ellipse cx="${x}" cy="${y}" rx="${r}" ry="${r * 0.55}" transform="rotate(${Math.round(rnd() * 360)} ${x} ${y})"/>`;
      }).join('');
      statics.push({ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><g fill="#f3c9d2" fill-opacity="0.95">${petals}</g></svg>`), left: 0, top: 0 });
      notes.push(`scene change "${d.change}": petals lying on the surface`);
    } else {
      // Anything else ("X dressed slightly differently", a curtain, a door): a local restyle of a
      // background region of the anchor's own picture, soft-edged, so the change is visible and local.
      const w = Math.round(sw * 0.32), h = Math.round(sh * 0.38);
      const left = Math.round(safe.left * W + rnd() * (sw - w)), top = Math.round(safe.top * H + sh * 0.05);
      const patch = await sharp(o.plate).extract({ left, top, width: w, height: h }).modulate({ hue: 35, saturation: 1.35, brightness: 1.12 })
        .ensureAlpha().composite([{ input: Buffer.from(softEllipse(w, h, '#fff', 1)), blend: 'dest-in' }]).png().toBuffer();
      statics.push({ input: patch, left, top });
      notes.push(`scene change "${d.change}": rendered as a local restyle of a background region (hue +35°, richer, brighter) — previz of the change, not its exact content`);
    }
  }

  const motif = o.deltas.find((d): d is Extract<Delta, { kind: 'motif' }> => d.kind === 'motif');
  if (motif) {
    const png = await sharp(Buffer.from(motifParticlesSvg(motif.season, W, H, o.seed))).png().toBuffer();
    const travel = particleTravelPx(motif.season, H, o.seconds);
    layers.push({ png, scroll: { from: [0, H], to: [0, H - travel] }, what: 'motif' });
    notes.push(`motif "${motif.label}" (${motif.motif}) as ${motif.season} particles drifting through the scene`);
  }

  if (statics.length) {
    const png = await sharp({ create: { width: W, height: H, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).composite(statics).png().toBuffer();
    layers.unshift({ png, what: 'still layers' });
  }
  return { layers, notes, notRendered };
}
