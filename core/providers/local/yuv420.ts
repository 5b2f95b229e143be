/**
 * The local animatic's working picture: 8-bit planar 4:2:0 in BT.709 limited range (ffmpeg's
 * `yuv420p`, the delivery format), so the camera resamples 1.5 bytes per pixel instead of 3 and
 * the frames go to the encoder with no conversion at all.
 *
 * The one RGB → YCbCr conversion of a still happens here, once per still: the BT.709 matrix
 * (Kr 0.2126, Kb 0.0722), limited range (Y 16–235, Cb/Cr 16–240), chroma filtered as swscale did
 * it in the ffmpeg graph this replaced (see V_TAPS).
 */
import type { RawStill } from './prepare-stills.ts';

/** Bytes of one picture: planar Y (width × height), then Cb and Cr (width/2 × height/2 each), no row padding. */
export const yuv420Bytes = (width: number, height: number): number => width * height + 2 * (width / 2) * (height / 2);

const KR = 0.2126, KB = 0.0722, KG = 1 - KR - KB;
/** 8-bit code values: luma spans 219 levels from 16, chroma 224 around 128. */
const Y_SCALE = 219 / 255, C_SCALE = 224 / 255;

/**
 * Chroma taps: each horizontal pair averaged, then four rows with swscale's bicubic weights for a
 * 2:1 reduction (its default B = 0, C = 0.6 at ±0.25 and ±0.75 of a chroma row). This is how the
 * ffmpeg graph the renderer used before converted its stills (swscale, `bicubic`): centre-sited,
 * so clips keep the chroma they had: within two levels of swscale on smooth pictures (tested),
 * up to ~8 on pixel noise (its exact fixed-point taps differ).
 */
const V_TAPS = [77, 279, 279, 77]; // ÷ 320: 0.240625, 0.871875
const V_SUM = 2 * (77 + 279 + 279 + 77);

/** Luma in 16.16 fixed point per channel value (the offset 16 and the rounding half in the red table). */
const Y_TABLES = (() => {
  const t = new Int32Array(768);
  for (let v = 0; v < 256; v++) {
    t[v] = Math.round(65536 * (Y_SCALE * KR * v + 16)) + 32768;
    t[256 + v] = Math.round(65536 * Y_SCALE * KG * v);
    t[512 + v] = Math.round(65536 * Y_SCALE * KB * v);
  }
  return t;
})();

/** Cb and Cr as linear functions of R, G, B (BT.709: Cb = (B − Y′)/1.8556, Cr = (R − Y′)/1.5748, scaled to 224 levels). */
const CB = [-KR, -KG, 1 - KB].map((k) => (C_SCALE * k) / (2 * (1 - KB)));
const CR = [1 - KR, -KG, -KB].map((k) => (C_SCALE * k) / (2 * (1 - KR)));

/**
 * Which samples a conversion must produce: non-zero entries of `luma` (width × height) and
 * `chroma` (width/2 × height/2). A layer's fully transparent samples never show, so a sparse
 * layer (the motif particles) need not be converted there; those output bytes are left as they were.
 */
export interface SampleMask { luma: Uint8Array; chroma: Uint8Array }

/**
 * An RGB(A) still (even width and height; alpha ignored) into `out` as a BT.709 limited-range
 * 4:2:0 picture; only the samples `only` marks, when given.
 */
export function rgbToYuv420(still: RawStill, out: Uint8Array, only?: SampleMask): void {
  const { width: w, height: h, channels: n, data: rgb } = still;
  if (w % 2 || h % 2) throw new Error(`rgbToYuv420: ${w}x${h} is not even both ways`);
  if (out.length !== yuv420Bytes(w, h)) throw new Error(`rgbToYuv420: a ${w}x${h} picture needs ${yuv420Bytes(w, h)} bytes, got ${out.length}`);
  if (only && (only.luma.length !== w * h || only.chroma.length !== (w / 2) * (h / 2))) {
    throw new Error(`rgbToYuv420: a ${w}x${h} sample mask needs ${w * h} luma and ${(w / 2) * (h / 2)} chroma entries, got ${only.luma.length} and ${only.chroma.length}`);
  }
  const t = Y_TABLES;
  const lumaMask = only?.luma, chromaMask = only?.chroma;
  for (let i = 0, p = 0; i < w * h; i++, p += n) {
    if (lumaMask && lumaMask[i] === 0) continue;
    out[i] = (t[rgb[p]!]! + t[256 + rgb[p + 1]!]! + t[512 + rgb[p + 2]!]!) >> 16;
  }
  const cw = w / 2, ch = h / 2, cb = w * h, cr = cb + cw * ch;
  // Cb, Cr straight from the tap-weighted sums (weights total V_SUM); 128.5 is the offset plus the
  // rounding half, so truncation rounds.
  const [cbR, cbG, cbB] = CB.map((c) => c / V_SUM) as [number, number, number];
  const [crR, crG, crB] = CR.map((c) => c / V_SUM) as [number, number, number];
  const [t0, t1] = [V_TAPS[0]!, V_TAPS[1]!];
  const row = w * n;
  for (let y = 0; y < ch; y++) {
    // The four rows around the pair 2y, 2y+1 (clamped at the picture's edges), in bytes.
    const r0 = Math.max(0, 2 * y - 1) * row, r1 = 2 * y * row, r2 = r1 + row, r3 = Math.min(h - 1, 2 * y + 2) * row;
    for (let x = 0, c = 0; x < cw; x++, c += 2 * n) {
      if (chromaMask && chromaMask[y * cw + x] === 0) continue;
      const a = r0 + c, b = r1 + c, d = r2 + c, e = r3 + c;
      const R = t0 * (rgb[a]! + rgb[a + n]! + rgb[e]! + rgb[e + n]!) + t1 * (rgb[b]! + rgb[b + n]! + rgb[d]! + rgb[d + n]!);
      const G = t0 * (rgb[a + 1]! + rgb[a + n + 1]! + rgb[e + 1]! + rgb[e + n + 1]!) + t1 * (rgb[b + 1]! + rgb[b + n + 1]! + rgb[d + 1]! + rgb[d + n + 1]!);
      const B = t0 * (rgb[a + 2]! + rgb[a + n + 2]! + rgb[e + 2]! + rgb[e + n + 2]!) + t1 * (rgb[b + 2]! + rgb[b + n + 2]! + rgb[d + 2]! + rgb[d + n + 2]!);
      const u = Math.floor(128.5 + cbR * R + cbG * G + cbB * B), v = Math.floor(128.5 + crR * R + crG * G + crB * B);
      out[cb + y * cw + x] = u < 0 ? 0 : u > 255 ? 255 : u;
      out[cr + y * cw + x] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
}
