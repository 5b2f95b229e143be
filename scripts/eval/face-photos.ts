/**
 * Licence-clean photographs of real people's faces shipped by Debian packages (sources and
 * licences: scripts/eval/FACES.md), and the edits that make "takes" of them: the identity metric's
 * calibration (eval-identity.ts) and its acceptance test use these, never drawings of ours.
 *
 * Positives keep the person and change the picture: reframes, scale, mirror, a small rotation,
 * sensor noise, JPEG, ±0.5 EV, greyscale. Negatives are the other people's photos and edits.
 */
import { existsSync } from 'node:fs';
import sharp, { type Sharp } from 'sharp';
import type { RawImage } from '../../core/domain/raw-image.ts';
import { seededRandom } from '../../core/domain/seeded-random.ts';

export interface FacePhoto { id: string; person: string; path: string; debianPackage: string }

const SKIMAGE = '/usr/lib/python3/dist-packages/skimage/data';
export const FACE_PHOTOS: readonly FacePhoto[] = [
  { id: 'astronaut', person: 'Eileen Collins (NASA portrait)', path: `${SKIMAGE}/astronaut.png`, debianPackage: 'python3-skimage' },
  { id: 'hopper', person: 'Grace Hopper (US Navy portrait)', path: '/usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg', debianPackage: 'python-matplotlib-data' },
  { id: 'camera', person: 'a man at a camera (Lav Varshney, CC0)', path: `${SKIMAGE}/camera.png`, debianPackage: 'python3-skimage' },
];

/** The install command when a photo is missing, else null. */
export function missingFacePhotos(): string | null {
  const missing = FACE_PHOTOS.filter((p) => !existsSync(p.path));
  if (missing.length === 0) return null;
  return `face photos missing (${missing.map((p) => p.path).join(', ')}): apt-get install ${[...new Set(missing.map((p) => p.debianPackage))].join(' ')}`;
}

/** A crop in fractions of the photo. */
const crop = (x: number, y: number, w: number, h: number) => async (s: Sharp, W: number, H: number) =>
  s.extract({ left: Math.round(x * W), top: Math.round(y * H), width: Math.round(w * W), height: Math.round(h * H) });

/** Same person, other picture: each edit is what a generated take plausibly does to a face. */
export const SAME_PERSON_EDITS: Record<string, (s: Sharp, W: number, H: number) => Promise<Sharp> | Sharp> = {
  'reframe-left': crop(0, 0.05, 0.72, 0.8),
  'reframe-right': crop(0.28, 0.1, 0.72, 0.8),
  'scale-50': (s, W) => s.resize({ width: Math.round(W / 2) }),
  mirror: (s) => s.flop(),
  'rotate-8': (s) => s.rotate(8, { background: '#808080' }),
  'ev+0.5': (s) => s.linear(1.41, 0),
  'ev-0.5': (s) => s.linear(0.71, 0),
  grey: (s) => s.greyscale(),
  'jpeg-q15': async (s) => sharp(await s.jpeg({ quality: 15 }).toBuffer()),
  noise: (s) => s, // applied on the pixels below (sharp has no additive noise)
};

/** The photo as-is: what a person would pick as the character reference. */
export async function facePhoto(photo: FacePhoto): Promise<RawImage> {
  return toRaw(sharp(photo.path));
}

/** `photo` with one edit of SAME_PERSON_EDITS applied. */
export async function faceEdit(photo: FacePhoto, edit: string): Promise<RawImage> {
  const make = SAME_PERSON_EDITS[edit];
  if (!make) throw new Error(`unknown face edit ${JSON.stringify(edit)}`);
  const meta = await sharp(photo.path).metadata();
  const img = await toRaw(await make(sharp(photo.path).removeAlpha(), meta.width!, meta.height!));
  return edit === 'noise' ? gaussianNoise(img, 10, 7) : img;
}

async function toRaw(s: Sharp): Promise<RawImage> {
  const { data, info } = await s.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  if (info.channels === 3) return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  // A greyscale photo stays one channel through sharp: spread it to RGB.
  const rgb = new Uint8Array(info.width * info.height * 3);
  for (let i = 0; i < info.width * info.height; i++) rgb.fill(data[i * info.channels]!, i * 3, i * 3 + 3);
  return { width: info.width, height: info.height, channels: 3, data: rgb };
}

/** Additive Gaussian sensor noise (Box–Muller, seeded) of `sigma` code values. */
function gaussianNoise(img: RawImage, sigma: number, seed: number): RawImage {
  const rand = seededRandom(seed);
  const data = new Uint8Array(img.data.length);
  for (let i = 0; i < data.length; i++) {
    const n = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    data[i] = Math.max(0, Math.min(255, Math.round(img.data[i]! + sigma * n)));
  }
  return { ...img, data };
}

/** Write a RawImage as PNG (tests hand paths to the gate). */
export async function writeFacePng(img: RawImage, path: string): Promise<void> {
  await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).png().toFile(path);
}
