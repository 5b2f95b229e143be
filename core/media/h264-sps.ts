/**
 * The fields of an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1, §E.1.1) that say what a
 * decoder will output: picture size after cropping, chroma format, bit depth, progressive or not,
 * and the VUI's range and colour description. Used by the in-process MP4 probe; returns null for
 * anything it cannot read to the end of the colour description.
 */
export interface SpsInfo {
  profileIdc: number;
  chromaFormatIdc: number;
  bitDepthLuma: number;
  bitDepthChroma: number;
  frameMbsOnly: boolean;
  width: number;
  height: number;
  /** video_full_range_flag, or null when the VUI carries no video signal type. */
  fullRange: boolean | null;
  /** colour_primaries / transfer_characteristics / matrix_coefficients, or null when absent. */
  colour: { primaries: number; transfer: number; matrix: number } | null;
}

class BitReader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  bit(): number {
    const byte = this.pos >> 3;
    if (byte >= this.bytes.length) throw new RangeError('SPS ends early');
    const v = (this.bytes[byte]! >> (7 - (this.pos & 7))) & 1;
    this.pos++;
    return v;
  }

  bits(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 2 + this.bit();
    return v;
  }

  /** Unsigned Exp-Golomb. */
  ue(): number {
    let zeros = 0;
    while (this.bit() === 0) if (++zeros > 31) throw new RangeError('bad Exp-Golomb code');
    return zeros === 0 ? 0 : 2 ** zeros - 1 + this.bits(zeros);
  }

  /** Signed Exp-Golomb. */
  se(): number {
    const k = this.ue();
    return k % 2 ? (k + 1) / 2 : -k / 2;
  }
}

/** Drop emulation-prevention bytes (00 00 03 → 00 00). */
function rbsp(nal: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < nal.length; i++) {
    if (i >= 2 && nal[i] === 3 && nal[i - 1] === 0 && nal[i - 2] === 0) continue;
    out.push(nal[i]!);
  }
  return Uint8Array.from(out);
}

const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

function skipScalingList(r: BitReader, size: number): void {
  let last = 8, next = 8;
  for (let j = 0; j < size; j++) {
    if (next !== 0) next = (last + r.se() + 256) % 256;
    last = next === 0 ? last : next;
  }
}

/** Parse an SPS NAL unit (with its one-byte NAL header). Null when it is not one we can read. */
export function parseSps(nal: Uint8Array): SpsInfo | null {
  try {
    if (nal.length < 4 || (nal[0]! & 0x1f) !== 7) return null;
    const r = new BitReader(rbsp(nal.subarray(1)));
    const profileIdc = r.bits(8);
    r.bits(16); // constraint flags, reserved bits, level_idc
    r.ue(); // seq_parameter_set_id
    let chromaFormatIdc = 1, bitDepthLuma = 8, bitDepthChroma = 8;
    if (HIGH_PROFILES.has(profileIdc)) {
      chromaFormatIdc = r.ue();
      if (chromaFormatIdc === 3) r.bit(); // separate_colour_plane_flag
      bitDepthLuma = r.ue() + 8;
      bitDepthChroma = r.ue() + 8;
      r.bit(); // qpprime_y_zero_transform_bypass_flag
      if (r.bit()) { // seq_scaling_matrix_present_flag
        for (let i = 0; i < (chromaFormatIdc !== 3 ? 8 : 12); i++) if (r.bit()) skipScalingList(r, i < 6 ? 16 : 64);
      }
    }
    r.ue(); // log2_max_frame_num_minus4
    const pocType = r.ue();
    if (pocType === 0) r.ue();
    else if (pocType === 1) {
      r.bit(); r.se(); r.se();
      const n = r.ue();
      if (n > 255) return null;
      for (let i = 0; i < n; i++) r.se();
    }
    r.ue(); // max_num_ref_frames
    r.bit(); // gaps_in_frame_num_value_allowed_flag
    const widthMbs = r.ue() + 1;
    const heightMapUnits = r.ue() + 1;
    const frameMbsOnly = r.bit() === 1;
    if (!frameMbsOnly) r.bit(); // mb_adaptive_frame_field_flag
    r.bit(); // direct_8x8_inference_flag
    let crop = [0, 0, 0, 0];
    if (r.bit()) crop = [r.ue(), r.ue(), r.ue(), r.ue()];
    const subW = chromaFormatIdc === 1 || chromaFormatIdc === 2 ? 2 : 1;
    const subH = chromaFormatIdc === 1 ? 2 : 1;
    const cropX = chromaFormatIdc === 0 ? 1 : subW;
    const cropY = (chromaFormatIdc === 0 ? 1 : subH) * (frameMbsOnly ? 1 : 2);
    const width = widthMbs * 16 - cropX * (crop[0]! + crop[1]!);
    const height = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16 - cropY * (crop[2]! + crop[3]!);
    let fullRange: boolean | null = null;
    let colour: SpsInfo['colour'] = null;
    if (r.bit()) { // vui_parameters_present_flag
      if (r.bit()) { // aspect_ratio_info_present_flag
        if (r.bits(8) === 255) r.bits(32); // Extended_SAR
      }
      if (r.bit()) r.bit(); // overscan_info_present_flag → overscan_appropriate_flag
      if (r.bit()) { // video_signal_type_present_flag
        r.bits(3); // video_format
        fullRange = r.bit() === 1;
        if (r.bit()) colour = { primaries: r.bits(8), transfer: r.bits(8), matrix: r.bits(8) };
      }
    }
    return { profileIdc, chromaFormatIdc, bitDepthLuma, bitDepthChroma, frameMbsOnly, width, height, fullRange, colour };
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
}
