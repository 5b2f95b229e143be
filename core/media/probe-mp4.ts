/**
 * ffprobe's answer for a plain H.264 MP4, computed in-process from the file's index (mp4-index.ts)
 * and its SPS (h264-sps.ts): the same streams, format and per-packet timing ffprobe would print
 * for `probeArgs`, as the same JSON shape, so one interpreter (probe.ts) reads both.
 *
 * "Plain" means what ffmpeg's mp4 muxer writes for us, and many H.264 MP4s besides: one H.264
 * video track (avc1, 8-bit 4:2:0, progressive, unrotated, not full range, any colour tags in the
 * SPS matched by the colr box if there is one), optionally audio tracks, at most one edit that
 * keeps every frame, no fragments, no cover art. Anything else returns null and ffprobe runs: this file must never
 * answer differently from ffprobe, and test/integration/media/probe-mp4.test.ts holds it to that
 * on real ffmpeg output.
 */
import { gcd } from '../domain/gcd.ts';
import { parseSps, type SpsInfo } from './h264-sps.ts';
import { readMp4Index, type Mp4Movie, type Mp4SampleEntry, type Mp4Track } from './mp4-index.ts';
import type { RawProbe, RawStream, RawPacket } from './probe.ts';

/** libavutil's names for ISO/IEC 23091-2 code points (av_color_space_name, av_color_transfer_name). */
const MATRIX_NAMES: Record<number, string> = {
  0: 'gbr', 1: 'bt709', 4: 'fcc', 5: 'bt470bg', 6: 'smpte170m', 7: 'smpte240m', 8: 'ycgco', 9: 'bt2020nc', 10: 'bt2020c',
};
const TRANSFER_NAMES: Record<number, string> = {
  1: 'bt709', 4: 'bt470m', 5: 'bt470bg', 6: 'smpte170m', 7: 'smpte240m', 8: 'linear', 11: 'iec61966-2-4',
  13: 'iec61966-2-1', 14: 'bt2020-10', 15: 'bt2020-12', 16: 'smpte2084', 18: 'arib-std-b67',
};
/** ISO/IEC 23091-2 "unspecified": ffprobe prints "unknown". */
const UNSPECIFIED = 2;
const IDENTITY = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000];

/** ffprobe's rendering of a time: ts × (1/den) as a double, printed with six decimals. */
function timeString(ts: number, timescale: number): string {
  return (ts * (1 / timescale)).toFixed(6);
}

/** av_rescale(a, b, c): a·b/c rounded to nearest, halves away from zero (non-negative a here). */
function rescale(a: number, b: number, c: number): number {
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  return Number((n + d / 2n) / d);
}

/** A track's packets as ffprobe lists them, and the stream duration it reports (track timescale). */
interface TrackTiming { packets: Array<{ pts: number; dts: number; duration: number }>; duration: number }

/**
 * Sample times as ffmpeg's mov demuxer presents them: decode times from stts, presentation times
 * plus ctts, both shifted back by the edit's media time. With one edit, samples at or past its end
 * are dropped and the last one kept is cut to end there; an audio track also keeps the samples
 * of the second before the edit (decoder warm-up: ffmpeg shows them with negative times). Null
 * when an edit would do anything else (empty edits, several edits, another rate, a video frame
 * outside the edit, a video edit shorter or longer than the media): ffprobe answers for those.
 */
function trackTiming(t: Mp4Track, movie: Mp4Movie): TrackTiming | null {
  if (t.deltas.length !== t.sampleCount || (t.offsets && t.offsets.length !== t.sampleCount) || t.sampleCount === 0) return null;
  const video = t.handler === 'vide';
  // Uneven frame durations (variable-rate footage, 60 fps in a 1/1000 timescale): ffmpeg hands
  // out packet durations in a way we do not reproduce exactly.
  if (video && t.deltas.some((d) => d !== t.deltas[0])) return null;
  const cts: number[] = [], dts: number[] = [];
  for (let i = 0, d = 0; i < t.sampleCount; i++) {
    dts.push(d);
    cts.push(d + (t.offsets ? t.offsets[i]! : 0));
    d += t.deltas[i]!;
  }
  if (!t.edits || t.edits.length === 0) {
    return { packets: cts.map((c, i) => ({ pts: c, dts: dts[i]!, duration: t.deltas[i]! })), duration: t.mediaDuration };
  }
  if (t.edits.length !== 1) return null;
  const e = t.edits[0]!;
  if (e.rate !== 1 || e.mediaTime < 0) return null;
  const shift = e.mediaTime;
  const length = rescale(e.segmentDuration, t.timescale, movie.timescale);
  const end = shift + length;
  let first = 0;
  if (video) {
    if (length !== t.mediaDuration || cts.some((c) => c < shift || c >= end)) return null;
  } else {
    if (t.offsets) return null;
    // The last sample starting at or before (edit start − 1 s), as ffmpeg's decoder warm-up.
    const from = Math.max(shift - t.timescale, cts[0]!);
    for (let i = 0; i < cts.length && cts[i]! <= from; i++) first = i;
  }
  const packets: TrackTiming['packets'] = [];
  for (let i = first; i < t.sampleCount; i++) {
    if (cts[i]! >= end) break;
    const duration = Math.min(t.deltas[i]!, end - cts[i]!);
    packets.push({ pts: cts[i]! - shift, dts: dts[i]! - shift, duration });
  }
  return { packets, duration: length };
}

function packetsOf(index: number, timing: TrackTiming, timescale: number): RawPacket[] {
  return timing.packets.map((p) => ({
    stream_index: index,
    pts_time: timeString(p.pts, timescale),
    dts_time: timeString(p.dts, timescale),
    duration_time: timeString(p.duration, timescale),
  }));
}

/**
 * The stream's colour fields as ffprobe reports them: what the SPS says (the decoder's answer),
 * with a colr box, if any, saying the same; "unspecified" (2) is ffprobe's "unknown", which the
 * probe drops. Null when ffprobe's answer is not certain here: a colr box without SPS colour or
 * disagreeing with it, full range (ffprobe then names the pixel format yuvj420p), a code point
 * without a name below.
 */
function colourOf(sps: SpsInfo, colr: Mp4SampleEntry['colr']): Pick<RawStream, 'color_space' | 'color_transfer' | 'color_range'> | null {
  const c = sps.colour;
  if (sps.fullRange === true || colr?.fullRange === true) return null;
  if (colr && (!c || c.primaries !== colr.primaries || c.transfer !== colr.transfer || c.matrix !== colr.matrix)) return null;
  const out: Pick<RawStream, 'color_space' | 'color_transfer' | 'color_range'> = {};
  if (sps.fullRange === false) out.color_range = 'tv';
  if (c && c.matrix !== UNSPECIFIED) {
    const name = MATRIX_NAMES[c.matrix];
    if (!name) return null;
    out.color_space = name;
  }
  if (c && c.transfer !== UNSPECIFIED) {
    const name = TRANSFER_NAMES[c.transfer];
    if (!name) return null;
    out.color_transfer = name;
  }
  return out;
}

function videoStream(t: Mp4Track, index: number, timing: TrackTiming): RawStream | null {
  const entry = t.entry;
  if (t.sampleEntryCount !== 1 || !entry || entry.format !== 'avc1' || !entry.sps) return null;
  if (t.matrix.some((v, i) => v !== IDENTITY[i])) return null;
  const sps = parseSps(entry.sps);
  if (!sps || !sps.frameMbsOnly || sps.chromaFormatIdc !== 1 || sps.bitDepthLuma !== 8 || sps.bitDepthChroma !== 8) return null;
  if (sps.width !== entry.width || sps.height !== entry.height) return null;
  const colour = colourOf(sps, entry.colr);
  if (!colour) return null;
  const span = t.deltas.reduce((a, b) => a + b, 0);
  if (span <= 0) return null;
  const num = t.timescale * t.sampleCount, g = gcd(num, span);
  if (num / g > 0x7fffffff || span / g > 0x7fffffff) return null;
  return {
    index, codec_type: 'video', codec_name: 'h264', width: sps.width, height: sps.height, pix_fmt: 'yuv420p',
    avg_frame_rate: `${num / g}/${span / g}`, duration: timeString(timing.duration, t.timescale),
    ...colour, disposition: { attached_pic: 0 },
  };
}

/** What ffprobe would print for `probeArgs(path)`, or null when ffprobe must answer. */
export async function probeMp4InProcess(path: string): Promise<RawProbe | null> {
  const movie = await readMp4Index(path);
  if (!movie || movie.unreadTags) return null;
  const streams: RawStream[] = [];
  const packets: RawPacket[] = [];
  let videos = 0;
  for (const [index, t] of movie.tracks.entries()) {
    if (t.handler !== 'vide' && t.handler !== 'soun') return null;
    if (!t.timescale) return null;
    const timing = trackTiming(t, movie);
    if (!timing) return null;
    if (t.handler === 'vide') {
      videos++;
      const s = videoStream(t, index, timing);
      if (!s) return null;
      streams.push(s);
    } else {
      streams.push({ index, codec_type: 'audio' });
    }
    packets.push(...packetsOf(index, timing, t.timescale));
  }
  if (videos !== 1) return null;
  const tags = movie.tags['\u00a9cmt'] !== undefined ? { comment: movie.tags['\u00a9cmt'] } : undefined;
  return {
    streams,
    format: {
      duration: timeString(rescale(movie.duration, 1_000_000, movie.timescale), 1_000_000),
      format_name: 'mov,mp4,m4a,3gp,3g2,mj2',
      ...(tags ? { tags } : {}),
    },
    packets,
  };
}
