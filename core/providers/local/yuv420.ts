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
const V_TAPS = [0.240625, 0.871875, 0.871875, 0.240625];
const V_SUM = 2 * (0.240625 + 0.871875 + 0.871875 + 0.240625);

const clampByte = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** An RGB(A) still (even width and height; alpha ignored) into `out` as a BT.709 limited-range 4:2:0 picture. */
export function rgbToYuv420(still: RawStill, out: Uint8Array): void {
  const { width: w, height: h, channels: n, data: rgb } = still;
  if (w % 2 || h % 2) throw new Error(`rgbToYuv420: ${w}x${h} is not even both ways`);
  if (out.length !== yuv420Bytes(w, h)) throw new Error(`rgbToYuv420: a ${w}x${h} picture needs ${yuv420Bytes(w, h)} bytes, got ${out.length}`);
  for (let i = 0, p = 0; i < w * h; i++, p += n) {
    out[i] = clampByte(16 + Y_SCALE * (KR * rgb[p]! + KG * rgb[p + 1]! + KB * rgb[p + 2]!));
  }
  const cw = w / 2, ch = h / 2, cb = w * h, cr = cb + cw * ch;
  for (let y = 0; y < ch; y++) {
    // The four rows around the pair 2y, 2y+1 (clamped at the picture's edges).
    const rows = [2 * y - 1, 2 * y, 2 * y + 1, 2 * y + 2].map((r) => Math.min(h - 1, Math.max(0, r)) * w);
    for (let x = 0; x < cw; x++) {
      let R = 0, G = 0, B = 0;
      for (let t = 0; t < 4; t++) {
        const p0 = (rows[t]! + 2 * x) * n, p1 = p0 + n, k = V_TAPS[t]!;
        R += k * (rgb[p0]! + rgb[p1]!); G += k * (rgb[p0 + 1]! + rgb[p1 + 1]!); B += k * (rgb[p0 + 2]! + rgb[p1 + 2]!);
      }
      R /= V_SUM; G /= V_SUM; B /= V_SUM;
      const luma = KR * R + KG * G + KB * B;
      out[cb + y * cw + x] = clampByte(128 + (C_SCALE * (B - luma)) / (2 * (1 - KB)));
      out[cr + y * cw + x] = clampByte(128 + (C_SCALE * (R - luma)) / (2 * (1 - KR)));
    }
  }
}
