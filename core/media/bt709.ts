/**
 * BT.709 on the way in and on the way out (issue 15, STYLE.md "Media work"): the one place that
 * says how a delivered clip is encoded and tagged, and how a clip is converted to RGB when we
 * measure it. Pure argument builders, unit-tested without spawning.
 *
 * Why explicit: swscale's default matrix is BT.601 for untagged frames, in both directions, so an
 * untagged round trip "looks right" in ffmpeg and shifts colour by up to ΔE2000 9 in an NLE that
 * reads untagged HD as BT.709 (what every HD NLE does). Every conversion therefore names its
 * matrix and range, and every encode tags matrix, primaries, transfer and range.
 */

/** swscale's names for the YCbCr matrices (scale's in_color_matrix / out_color_matrix). */
export type SwsMatrix = 'bt709' | 'bt601' | 'bt2020' | 'fcc' | 'smpte240m';
export type SwsRange = 'tv' | 'pc';

/** What ffprobe says a stream's colour is; absent or "unknown" when the file is untagged. */
export interface ColourTags { colorSpace?: string; colorRange?: string }

/** The four tags every delivered encode carries: BT.709 matrix, primaries, transfer; limited range. */
export const BT709_TAGS: readonly string[] = ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'];

/**
 * The matrix a source was encoded with, as swscale names it. Untagged (or unknown) sources are
 * read as BT.709: everything we deliver is BT.709, and HD NLEs read untagged HD the same way, so
 * what we measure is what the editor sees.
 */
export function sourceMatrix(tags: ColourTags = {}): SwsMatrix {
  switch (tags.colorSpace) {
    case 'bt470bg': case 'smpte170m': return 'bt601';
    case 'bt2020nc': case 'bt2020c': return 'bt2020';
    case 'fcc': return 'fcc';
    case 'smpte240m': return 'smpte240m';
    default: return 'bt709';
  }
}

/** Full ("pc"/"jpeg") range only when the file says so; limited ("tv") otherwise. */
export function sourceRange(tags: ColourTags = {}): SwsRange {
  return tags.colorRange === 'pc' || tags.colorRange === 'jpeg' ? 'pc' : 'tv';
}

/** True when a file is already BT.709 limited range and says so (a copy may be delivered as is). */
export function isTaggedBt709(tags: ColourTags = {}): boolean {
  return tags.colorSpace === 'bt709' && tags.colorRange === 'tv';
}

/**
 * YCbCr → RGB with the source's own matrix and range, optionally resized in the same swscale
 * pass (`size`, `flags`). `format` is the RGB layout the next filter wants: the trailing
 * `format=` makes scale's output RGB, so this scale does the conversion, not an auto-inserted one
 * with swscale's BT.601 default.
 */
export function toRgbFilter(tags: ColourTags = {}, o: { size?: { width: number; height: number }; flags?: string; format?: 'rgb24' | 'gbrp' } = {}): string {
  const opts = [
    ...(o.size ? [`${o.size.width}:${o.size.height}`] : []),
    ...(o.flags ? [`flags=${o.flags}`] : []),
    `in_color_matrix=${sourceMatrix(tags)}`, `in_range=${sourceRange(tags)}`,
  ];
  return `scale=${opts.join(':')},format=${o.format ?? 'rgb24'}`;
}

/**
 * RGB (or any YCbCr) → BT.709 limited-range 4:2:0, the delivery format. Placed last in a graph:
 * swscale does this conversion with the BT.709 matrix instead of its BT.601 default.
 */
export const TO_BT709_YUV420P = 'scale=out_color_matrix=bt709:out_range=tv,format=yuv420p';

/** H.264 settings a delivered clip is encoded with (grade, conform, local render share these). */
export interface H264Settings {
  /** x264 preset; `fast` by default (see DELIVERY_PRESET). */
  preset?: string;
  /** Constant rate factor; 18 by default (visually lossless for a clip that may be graded again). */
  crf?: number;
}

/**
 * `fast`: at CRF 18, `medium` saves a few percent of size for about 1.6× the encode time, and a
 * batch encodes every take of every clip more than once.
 */
export const DELIVERY_PRESET = 'fast';
export const DELIVERY_CRF = 18;

/**
 * Encoder arguments every delivered H.264 clip gets: libx264 in yuv420p (what every NLE and
 * browser plays), High profile, BT.709 tags (BT709_TAGS) and the moov atom first (+faststart) so
 * the clip plays while it loads. The caller's filter graph must end with TO_BT709_YUV420P (or
 * produce BT.709 4:2:0 by other means): tags describe pixels, they do not convert them.
 */
export function h264DeliveryArgs(s: H264Settings = {}): string[] {
  return [
    '-c:v', 'libx264', '-preset', s.preset ?? DELIVERY_PRESET, '-crf', String(s.crf ?? DELIVERY_CRF),
    '-profile:v', 'high', '-pix_fmt', 'yuv420p',
    ...BT709_TAGS,
    '-movflags', '+faststart',
  ];
}
