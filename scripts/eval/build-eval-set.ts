/**
 * Builds the gate's labelled evaluation set from real photographs shipped by Debian's
 * python3-skimage (sources and licences: scripts/eval/SOURCES.md). Never our own drawings.
 *
 * Each source photo gives one "look reference" (a centre crop) and takes derived from the photo:
 * positives are the same look (reframes, zoom/pan crops, a second viewpoint where the package has
 * one, sensor noise, JPEG compression, ±0.5 EV); negatives are off-look (white-balance casts, hue
 * drift, split-toning, saturation shifts, other scenes of the same split, near-black, blown-out).
 * Casts are applied to reframed crops so a metric cannot tell them apart by composition alone.
 *
 * The split is by source photo and fixed here (TUNING / HELD_BACK): weights and thresholds are set
 * on the tuning part only; AUC is reported on the held-back part.
 *
 *   npx tsx scripts/eval/build-eval-set.ts [OUT_DIR]   (default /tmp/continuity-eval)
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { RawImage } from '../../core/domain/raw-image.ts';
import { seededRandom } from '../../core/domain/seeded-random.ts';
import { LINEAR_FROM_BYTE, linearToSrgb } from '../../core/color/srgb.ts';
import { rgbBytesToLab } from '../../core/color/image-lab.ts';
import { labToLinearRgbInto } from '../../core/color/lab.ts';

export const SKIMAGE_DATA = '/usr/lib/python3/dist-packages/skimage/data';
/** Width every image of the set is stored at (takes are 16:9-ish crops, references the centre). */
const WIDTH = 320;

export interface Source { id: string; file: string; second?: string }
/** Tuning part: weights and thresholds are set on these photos only. */
export const TUNING: readonly Source[] = [
  { id: 'coffee', file: 'coffee.png' },
  { id: 'astronaut', file: 'astronaut.png' },
  { id: 'rocket', file: 'rocket.jpg' },
  { id: 'retina', file: 'retina.jpg' },
];
/** Held-back part: never looked at while tuning; the reported AUC is on these. */
export const HELD_BACK: readonly Source[] = [
  { id: 'chelsea', file: 'chelsea.png' },
  { id: 'motorcycle', file: 'motorcycle_left.png', second: 'motorcycle_right.png' },
  { id: 'hubble', file: 'hubble_deep_field.jpg' },
  { id: 'ihc', file: 'ihc.png' },
];

export interface EvalSample {
  id: string;
  source: string;
  split: 'tuning' | 'held-back';
  positive: boolean;
  /** What was done to make the take (reframe-left, cast-warm, other-scene:coffee…). */
  kind: string;
  reference: string;
  take: string;
}

interface Crop { x: number; y: number; w: number; h: number }
const CROPS: Record<string, Crop> = {
  reference: { x: 0.1, y: 0.1, w: 0.8, h: 0.8 },
  'reframe-left': { x: 0, y: 0.15, w: 0.7, h: 0.7 },
  'reframe-right': { x: 0.3, y: 0.3, w: 0.7, h: 0.7 },
  zoom: { x: 0.25, y: 0.25, w: 0.5, h: 0.5 },
  pan: { x: 0, y: 0, w: 0.6, h: 0.6 },
  full: { x: 0, y: 0, w: 1, h: 1 },
};

async function cropOf(path: string, c: Crop): Promise<RawImage> {
  const meta = await sharp(path).metadata();
  const W = meta.width!, H = meta.height!;
  const left = Math.round(c.x * W), top = Math.round(c.y * H);
  const width = Math.min(W - left, Math.round(c.w * W)), height = Math.min(H - top, Math.round(c.h * H));
  const { data, info } = await sharp(path).removeAlpha().extract({ left, top, width, height })
    .resize({ width: WIDTH, kernel: 'lanczos3' }).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data) };
}

const byte = (x: number) => Math.max(0, Math.min(255, Math.round(x)));

/** Per-channel gains in linear light (white balance, exposure). */
function linearGain(img: RawImage, r: number, g: number, b: number): RawImage {
  const gains = [r, g, b];
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) out[i] = byte(linearToSrgb(Math.min(1, LINEAR_FROM_BYTE[img.data[i]!]! * gains[i % 3]!)) * 255);
  return { ...img, data: out };
}

/** A Lab-space edit per pixel: (L, a, b) → new (L, a, b). */
function labEdit(img: RawImage, f: (L: number, a: number, b: number) => [number, number, number]): RawImage {
  const lab = rgbBytesToLab(img.data);
  const lin = new Float64Array(3);
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < lab.length; i += 3) {
    const [L, a, b] = f(lab[i]!, lab[i + 1]!, lab[i + 2]!);
    labToLinearRgbInto(L, a, b, lin, 0);
    for (let c = 0; c < 3; c++) out[i + c] = byte(linearToSrgb(Math.min(1, Math.max(0, lin[c]!))) * 255);
  }
  return { ...img, data: out };
}

const hueRotate = (deg: number) => (img: RawImage) => {
  const c = Math.cos((deg * Math.PI) / 180), s = Math.sin((deg * Math.PI) / 180);
  return labEdit(img, (L, a, b) => [L, a * c - b * s, a * s + b * c]);
};
const saturate = (k: number) => (img: RawImage) => labEdit(img, (L, a, b) => [L, a * k, b * k]);
/** Teal shadows, orange highlights: the classic grade a look either has or has not. */
const splitTone = (img: RawImage) => labEdit(img, (L, a, b) => {
  const t = Math.min(1, Math.max(0, L / 100));
  return [L, a + (1 - t) * -12 + t * 10, b + (1 - t) * -14 + t * 18];
});

function gaussianNoise(img: RawImage, sigma: number, seed: number): RawImage {
  const rnd = seededRandom(seed);
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) {
    const g = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    out[i] = byte(img.data[i]! + g * sigma);
  }
  return { ...img, data: out };
}

async function jpegRoundTrip(img: RawImage, quality: number): Promise<RawImage> {
  const jpg = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).jpeg({ quality }).toBuffer();
  const { data, info } = await sharp(jpg).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data) };
}

const EV = (ev: number) => (img: RawImage) => { const k = 2 ** ev; return linearGain(img, k, k, k); };

/** Off-look edits, each applied to a reframe (magnitudes in SOURCES.md). */
const NEGATIVE_EDITS: Record<string, (img: RawImage) => RawImage> = {
  'cast-warm': (img) => linearGain(img, 1.25, 1, 0.75),
  'cast-cool': (img) => linearGain(img, 0.78, 1, 1.25),
  'cast-green': (img) => linearGain(img, 0.85, 1.2, 0.85),
  'cast-magenta': (img) => linearGain(img, 1.15, 0.82, 1.15),
  'hue-drift-25': hueRotate(25),
  'hue-drift-minus-40': hueRotate(-40),
  'split-tone': splitTone,
  'saturation-up': saturate(1.7),
  'saturation-down': saturate(0.35),
  'near-black': (img) => gaussianNoise(EV(-6.5)(img), 1.5, 7),
  'blown-out': EV(3.5),
};

/** A negative must differ from its unedited crop by at least this mean per-pixel ΔE76 (≈ 1.3 JND). */
export const MIN_VISIBLE_DELTA_E = 3;

function meanDeltaE76(a: RawImage, b: RawImage): number {
  const la = rgbBytesToLab(a.data), lb = rgbBytesToLab(b.data);
  let sum = 0;
  for (let i = 0; i < la.length; i += 3) sum += Math.hypot(la[i]! - lb[i]!, la[i + 1]! - lb[i + 1]!, la[i + 2]! - lb[i + 2]!);
  return sum / (la.length / 3);
}

async function save(img: RawImage, path: string): Promise<void> {
  await writeFile(path, await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).png().toBuffer());
}

/** Build the set into `out`; returns the samples (also written to out/labels.json). */
export async function buildEvalSet(out: string, dataDir = SKIMAGE_DATA): Promise<EvalSample[]> {
  if (!existsSync(join(dataDir, 'coffee.png'))) {
    throw new Error(`scikit-image's sample photos are not at ${dataDir}: install them with "apt-get install python3-skimage"`);
  }
  await mkdir(out, { recursive: true });
  const samples: EvalSample[] = [];
  const dropped: string[] = [];
  for (const [split, sources] of [['tuning', TUNING], ['held-back', HELD_BACK]] as const) {
    for (const src of sources) {
      const path = join(dataDir, src.file);
      const reference = join(out, `${src.id}--reference.png`);
      await save(await cropOf(path, CROPS.reference!), reference);
      const add = async (positive: boolean, kind: string, img: RawImage) => {
        const take = join(out, `${src.id}--${kind}.png`);
        await save(img, take);
        samples.push({ id: `${src.id}/${kind}`, source: src.id, split, positive, kind, reference, take });
      };
      const left = await cropOf(path, CROPS['reframe-left']!);
      const right = await cropOf(path, CROPS['reframe-right']!);
      const full = await cropOf(path, CROPS.full!);
      await add(true, 'reframe-left', left);
      await add(true, 'reframe-right', right);
      await add(true, 'zoom', await cropOf(path, CROPS.zoom!));
      await add(true, 'pan', await cropOf(path, CROPS.pan!));
      if (src.second) await add(true, 'second-viewpoint', await cropOf(join(dataDir, src.second), CROPS['reframe-right']!));
      await add(true, 'noise', gaussianNoise(full, 6, 11));
      await add(true, 'jpeg-q20', await jpegRoundTrip(left, 20));
      await add(true, 'ev-plus-0.5', EV(0.5)(right));
      await add(true, 'ev-minus-0.5', EV(-0.5)(left));
      await add(true, 'reframe-noise-jpeg', await jpegRoundTrip(gaussianNoise(right, 4, 13), 40));
      let n = 0;
      for (const [kind, edit] of Object.entries(NEGATIVE_EDITS)) {
        const base = n++ % 2 ? left : right;
        const edited = edit(base);
        // An edit nobody could see is not off-look: on a near-neutral photo a hue rotation or a
        // saturation boost changes almost nothing. Such negatives are dropped and listed.
        const visible = meanDeltaE76(base, edited);
        if (visible < MIN_VISIBLE_DELTA_E) { dropped.push(`${src.id}/${kind} (mean ΔE76 ${visible.toFixed(1)})`); continue; }
        await add(false, kind, edited);
      }
      for (const other of sources) if (other.id !== src.id) await add(false, `other-scene-${other.id}`, await cropOf(join(dataDir, other.file), CROPS['reframe-left']!));
    }
  }
  await writeFile(join(out, 'labels.json'), JSON.stringify(samples, null, 2) + '\n');
  await writeFile(join(out, 'dropped.json'), JSON.stringify(dropped, null, 2) + '\n');
  return samples;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? '/tmp/continuity-eval';
  const samples = await buildEvalSet(out);
  process.stdout.write(`${samples.length} samples (${samples.filter((s) => s.positive).length} positive) → ${out}/labels.json\n`);
}
