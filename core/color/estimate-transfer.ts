/**
 * Estimate ONE colour transform for a clip: statistics of frames pooled across the whole clip
 * against statistics of the look's reference images (DESIGN.md §7: colour is anchored to the
 * look reference, never to the previous clip, and never matched per frame).
 *
 * - reinhard: per-channel mean and standard deviation matching in Lab (Reinhard et al. 2001,
 *   with CIELAB standing in for lαβ: decorrelated enough and already our working space).
 * - mkl: the linear Monge–Kantorovich map between the two Gaussians (Pitié & Kokaram 2007):
 *   T = Σs^-½ (Σs^½ Σr Σs^½)^½ Σs^-½, the optimal-transport affine map, which also fixes
 *   cross-channel casts Reinhard cannot (e.g. a tint that depends on brightness).
 * - auto: both, keeping whichever brings the graded pooled frames' palette closer (ΔE2000 EMD)
 *   to the reference palette; the scores are kept in `selection`.
 */
import { InputError } from '../domain/errors.ts';
import type { RawImage } from '../domain/raw-image.ts';
import { bytesToSpace, compileTransform, type ColorTransform } from './color-transform.ts';
import { meanCovariance, mul3, symmetricFunction, type Mat3 } from './matrix3.ts';
import { paletteFromLab } from './palette.ts';
import { paletteDistance } from './palette-distance.ts';
import { rgbBytesToLab } from './image-lab.ts';
import { imageList, samplePixels } from './sample-pixels.ts';

export type TransferMethod = 'reinhard' | 'mkl' | 'auto';

export interface TransferOptions {
  /** Default 'auto'. */
  method?: TransferMethod;
  /**
   * Space for the Monge–Kantorovich map. Default 'rgb' (gamma-encoded): white-balance casts are
   * per-channel gains there, so the affine map fits them exactly and bakes into a LUT losslessly.
   */
  mklSpace?: 'lab' | 'rgb';
  /** Pixels pooled per side. Default 40 000. */
  maxSamples?: number;
  /** Seed for sampling and for the palettes 'auto' compares. Default 1. */
  seed?: number;
}

// No axis is stretched or squeezed more than 4×: beyond that the statistics describe a
// degenerate source (a flat or black frame), not a look, and following them amplifies noise.
const MIN_GAIN = 0.25;
const MAX_GAIN = 4;
const clampGain = (g: number) => Math.min(MAX_GAIN, Math.max(MIN_GAIN, g));

/** Estimate the clip's transform from pooled `sourceFrames` toward pooled `referenceImages`. */
export function estimateTransfer(sourceFrames: RawImage | readonly RawImage[], referenceImages: RawImage | readonly RawImage[], options: TransferOptions = {}): ColorTransform {
  const method = options.method ?? 'auto';
  if (!['reinhard', 'mkl', 'auto'].includes(method)) throw new InputError(`transfer method must be reinhard, mkl or auto, got ${JSON.stringify(method)}`, 'method', method);
  const seed = options.seed ?? 1;
  const src = samplePixels(imageList(sourceFrames, 'sourceFrames'), options.maxSamples, seed);
  const ref = samplePixels(imageList(referenceImages, 'referenceImages'), options.maxSamples, seed + 1);
  const mklSpace = options.mklSpace ?? 'rgb';
  if (method === 'reinhard') return reinhard(src, ref);
  if (method === 'mkl') return mkl(src, ref, mklSpace);
  return chooseByPalette(src, ref, [reinhard(src, ref), mkl(src, ref, mklSpace)], seed);
}

function reinhard(src: Uint8Array, ref: Uint8Array): ColorTransform {
  const s = meanCovariance(bytesToSpace(src, 'lab'));
  const r = meanCovariance(bytesToSpace(ref, 'lab'));
  const gain = (i: number) => {
    const ss = Math.sqrt(s.cov[i * 4]!), sr = Math.sqrt(r.cov[i * 4]!);
    // A channel with (almost) no spread in the source carries no contrast to rescale: shift only.
    return ss < 0.5 ? 1 : clampGain(sr / ss);
  };
  return { version: 1, method: 'reinhard', space: 'lab', sourceMean: s.mean, referenceMean: r.mean, matrix: [gain(0), 0, 0, 0, gain(1), 0, 0, 0, gain(2)] };
}

function mkl(src: Uint8Array, ref: Uint8Array, space: 'lab' | 'rgb'): ColorTransform {
  const s = meanCovariance(bytesToSpace(src, space));
  const r = meanCovariance(bytesToSpace(ref, space));
  // Ridge on the source covariance keeps Σs^-½ finite for flat or rank-deficient sources.
  const ridge = Math.max(((s.cov[0] + s.cov[4] + s.cov[8]) / 3) * 1e-3, space === 'lab' ? 1e-2 : 1e-6);
  const cs = [...s.cov] as Mat3;
  cs[0] += ridge; cs[4] += ridge; cs[8] += ridge;
  const sHalf = symmetricFunction(cs, (l) => Math.sqrt(Math.max(l, 0)));
  const sInvHalf = symmetricFunction(cs, (l) => 1 / Math.sqrt(Math.max(l, ridge)));
  const middle = symmetricFunction(mul3(mul3(sHalf, r.cov), sHalf), (l) => Math.sqrt(Math.max(l, 0)));
  const t = mul3(mul3(sInvHalf, middle), sInvHalf);
  // T is symmetric positive semi-definite; symmetrise away rounding and bound its gains.
  const sym = [...t] as Mat3;
  sym[1] = sym[3] = (t[1] + t[3]) / 2; sym[2] = sym[6] = (t[2] + t[6]) / 2; sym[5] = sym[7] = (t[5] + t[7]) / 2;
  return { version: 1, method: 'mkl', space, sourceMean: s.mean, referenceMean: r.mean, matrix: symmetricFunction(sym, clampGain) };
}

// Palettes for the choice are clustered from at most this many pixels per side: enough to rank two
// candidates, and it keeps 'auto' to a few hundred milliseconds.
const CHOICE_SAMPLES = 12_000;

function chooseByPalette(srcAll: Uint8Array, refAll: Uint8Array, candidates: [ColorTransform, ColorTransform], seed: number): ColorTransform {
  const k = 5;
  const src = thin(srcAll, CHOICE_SAMPLES), ref = thin(refAll, CHOICE_SAMPLES);
  const refPalette = paletteFromLab(rgbBytesToLab(ref), k, seed);
  const score = (bytes: Uint8Array) => paletteDistance(paletteFromLab(rgbBytesToLab(bytes), k, seed), refPalette);
  const before = score(src);
  const [rh, mk] = candidates.map((t) => score(applyToBytes(src, t))) as [number, number];
  // Ties go to Reinhard: the simpler map with fewer surprises outside the sampled colours.
  const chosen = mk < rh ? candidates[1] : candidates[0];
  return { ...chosen, selection: { requested: 'auto', before, reinhard: rh, mkl: mk } };
}

/** Every n-th pixel so at most `max` remain (the input is already a random sample). */
function thin(bytes: Uint8Array, max: number): Uint8Array {
  const n = bytes.length / 3;
  if (n <= max) return bytes;
  const out = new Uint8Array(max * 3);
  for (let i = 0; i < max; i++) out.set(bytes.subarray(Math.floor((i * n) / max) * 3, Math.floor((i * n) / max) * 3 + 3), i * 3);
  return out;
}

function applyToBytes(bytes: Uint8Array, t: ColorTransform): Uint8Array {
  const kernel = compileTransform(t);
  const out = new Uint8Array(bytes.length);
  const px = new Float64Array(3);
  for (let i = 0; i < bytes.length; i += 3) {
    kernel(bytes[i]! / 255, bytes[i + 1]! / 255, bytes[i + 2]! / 255, px);
    out[i] = Math.round(px[0]! * 255); out[i + 1] = Math.round(px[1]! * 255); out[i + 2] = Math.round(px[2]! * 255);
  }
  return out;
}
