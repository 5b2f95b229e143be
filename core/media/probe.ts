/**
 * `probe`: what a video is (duration, frame rate and whether it varies, size, exact frame count,
 * codec, pixel format, rotation, audio). One ffprobe run reading the container and the packet
 * index (demux only, no decode), so it is exact and fast even for long clips; for a plain H.264
 * MP4 the same answer is computed in-process from the file's index (probe-mp4.ts).
 */
import { stat } from 'node:fs/promises';
import { InputError, WorkError } from '../domain/errors.ts';
import { runFfmpeg } from './run-ffmpeg.ts';
import { assertInputFile, safeInputArgs } from './safe-input.ts';
import { probeMp4InProcess } from './probe-mp4.ts';

export interface ProbeResult {
  /** Video stream duration in seconds (container duration when the stream has none). */
  durationSeconds: number;
  /** Container duration: can be longer than the video when audio runs on. */
  containerDurationSeconds: number;
  /** Average frames per second (frames / duration); for CFR this is the nominal rate. */
  fps: number;
  /** True when frame intervals differ by more than 10 % (phone footage, screen recordings). */
  variableFrameRate: boolean;
  /** Displayed size: rotation already applied, i.e. the size decoded frames have. */
  width: number;
  height: number;
  /** Exact count of video packets (one per frame for every codec we accept). */
  frameCount: number;
  codec: string;
  pixelFormat: string;
  /** Display-matrix rotation in degrees as ffprobe reports it, normalised to 0, 90, 180 or 270. */
  rotation: 0 | 90 | 180 | 270;
  hasAudio: boolean;
  /** Presentation time of the first video frame, seconds. */
  startSeconds: number;
  /** Demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2". */
  container: string;
  /** The stream's YCbCr matrix tag as ffprobe names it (bt709, smpte170m…); absent when untagged. */
  colorSpace?: string;
  /** The stream's range tag: "tv" (limited) or "pc" (full); absent when untagged. */
  colorRange?: string;
  /** The container's `comment` tag (local animatics carry their previz label there). */
  comment?: string;
}

export interface ProbeOptions { signal?: AbortSignal; timeoutMs?: number }

/** ffprobe arguments: streams, format and the per-packet timing of every stream (no decoding). */
export function probeArgs(path: string): string[] {
  return [
    '-v', 'error',
    ...safeInputArgs(path),
    '-print_format', 'json',
    // `stream`/`format` alone mean "all fields"; for packets only the timing is needed.
    '-show_entries', 'stream:stream_side_data:format:packet=stream_index,pts_time,dts_time,duration_time',
  ];
}

/** The part of ffprobe's JSON the probe reads (probe-mp4.ts computes the same shape in-process). */
export interface RawStream {
  index?: number; codec_type?: string; codec_name?: string; width?: number; height?: number; pix_fmt?: string;
  avg_frame_rate?: string; r_frame_rate?: string; duration?: string; start_time?: string; color_transfer?: string;
  color_space?: string; color_range?: string;
  disposition?: { attached_pic?: number }; tags?: Record<string, string>;
  side_data_list?: Array<{ side_data_type?: string; rotation?: number }>;
}
export interface RawPacket { stream_index?: number; pts_time?: string; dts_time?: string; duration_time?: string }
export interface RawProbe {
  streams?: RawStream[];
  format?: { duration?: string; format_name?: string; tags?: Record<string, string> };
  packets?: RawPacket[];
}

function rational(s: string | undefined): number {
  if (!s) return 0;
  const [n, d] = s.split('/').map(Number);
  if (d === undefined) return Number.isFinite(n) ? n! : 0;
  return n !== undefined && Number.isFinite(n) && d > 0 ? n / d : 0;
}

function num(s: string | undefined): number | undefined {
  const n = s === undefined ? NaN : Number(s);
  return Number.isFinite(n) ? n : undefined;
}

function normaliseRotation(deg: number): 0 | 90 | 180 | 270 {
  const r = ((Math.round(deg / 90) * 90) % 360 + 360) % 360;
  return r as 0 | 90 | 180 | 270;
}

/** `{ [key]: value }` when ffprobe reported a real value, `{}` for absent or "unknown". */
function known<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value && value !== 'unknown' ? { [key]: value } as Record<K, string> : {};
}

/** Transfer characteristics of HDR video, as ffprobe names them. */
const HDR_TRANSFERS: Record<string, string> = { smpte2084: 'PQ, SMPTE ST 2084', 'arib-std-b67': 'HLG' };

/** Interpret ffprobe's JSON. Pure: unit-tested on recorded output. */
export function parseProbeOutput(json: string, path: string): ProbeResult {
  return parseProbeDetailed(json, path).result;
}

/** The probe plus every video frame's presentation time, sorted (frame n is shown from times[n]). */
export interface DetailedProbe { result: ProbeResult; frameTimes: number[] }

export function parseProbeDetailed(json: string, path: string): DetailedProbe {
  let raw: RawProbe;
  try { raw = JSON.parse(json) as RawProbe; } catch { throw new InputError(`not a readable video: ${path} (ffprobe gave no usable answer)`, 'video', path); }
  return interpretProbe(raw, path);
}

/** Read a probe's streams, format and packets (ffprobe's JSON, or probe-mp4.ts's equivalent). */
export function interpretProbe(raw: RawProbe, path: string): DetailedProbe {
  const streams = raw.streams ?? [];
  // Cover art in an audio file is a "video" stream too; it is not a clip.
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  if (!video || !video.width || !video.height) throw new InputError(`not a readable video: ${path} (no video stream)`, 'video', path);
  // The grade and the gate work in SDR BT.709; a PQ/HLG picture would be graded as if it were SDR.
  const hdr = HDR_TRANSFERS[video.color_transfer ?? ''];
  if (hdr) throw new InputError(`unsupported video: ${path} is HDR (${hdr}); convert it to SDR BT.709 first`, 'video', path);

  const times: number[] = [];
  let lastEnd = 0;
  let anyEnd = 0;
  for (const p of raw.packets ?? []) {
    const t = num(p.pts_time) ?? num(p.dts_time);
    if (t === undefined) continue;
    anyEnd = Math.max(anyEnd, t + (num(p.duration_time) ?? 0));
    if (p.stream_index !== video.index) continue;
    times.push(t);
    lastEnd = Math.max(lastEnd, t + (num(p.duration_time) ?? 0));
  }
  times.sort((a, b) => a - b);
  const frameCount = times.length;
  if (frameCount === 0) throw new InputError(`not a readable video: ${path} (the video stream has no frames)`, 'video', path);

  const deltas: number[] = [];
  for (let i = 1; i < times.length; i++) deltas.push(times[i]! - times[i - 1]!);
  const sorted = [...deltas].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  // 10 % tolerance: timebase rounding (e.g. 1001/30000 in a 1/15360 timebase) jitters by a tick.
  const variableFrameRate = median > 0 && deltas.some((d) => Math.abs(d - median) > Math.max(0.1 * median, 0.0015));

  const start = times[0] ?? 0;
  const containerDuration = num(raw.format?.duration) ?? 0;
  const durationSeconds = num(video.duration) ?? (lastEnd > start ? lastEnd - start : containerDuration);
  // A header that claims far more than the packets hold (a 10-hour header over 1 s of frames) is
  // reported, never worked on as if the clip were whole.
  const claimed = Math.max(num(video.duration) ?? 0, containerDuration);
  const held = anyEnd - Math.min(start, 0);
  if (claimed > 2 * held + 5) {
    throw new InputError(`damaged video: ${path} says it lasts ${claimed.toFixed(1)} s but its frames cover ${held.toFixed(1)} s (a wrong or truncated header)`, 'video', path);
  }
  const nominal = rational(video.avg_frame_rate) || rational(video.r_frame_rate);
  const measured = durationSeconds > 0 ? frameCount / durationSeconds : 0;
  const fps = variableFrameRate ? measured || nominal : nominal || measured;

  const matrix = video.side_data_list?.find((d) => d.side_data_type === 'Display Matrix' && typeof d.rotation === 'number');
  const rotation = normaliseRotation(matrix?.rotation ?? Number(video.tags?.rotate ?? 0));
  const swap = rotation === 90 || rotation === 270;
  const result: ProbeResult = {
    durationSeconds,
    containerDurationSeconds: containerDuration || durationSeconds,
    fps,
    variableFrameRate,
    width: swap ? video.height : video.width,
    height: swap ? video.width : video.height,
    frameCount,
    codec: video.codec_name ?? 'unknown',
    pixelFormat: video.pix_fmt ?? 'unknown',
    rotation,
    hasAudio: streams.some((s) => s.codec_type === 'audio'),
    startSeconds: start,
    container: raw.format?.format_name ?? 'unknown',
    ...known('colorSpace', video.color_space),
    ...known('colorRange', video.color_range),
    ...known('comment', raw.format?.tags?.comment),
  };
  return { result, frameTimes: times };
}

/** The last meaningful line of ffprobe/ffmpeg stderr, for "not a readable video: file (why)". */
export function lastErrorLine(message: string): string {
  const lines = message.split('\n').map((l) => l.trim()).filter(Boolean);
  const last = lines[lines.length - 1] ?? '';
  return last.replace(/^file:\S+:\s*/, '').slice(0, 200);
}

/**
 * Probe a video. A missing file, a text file renamed .mp4, a truncated mp4 or a playlist that
 * points elsewhere → InputError naming the file (CLI exit 2). Never hangs: ffprobe has a timeout.
 */
export async function probe(path: string, options: ProbeOptions = {}): Promise<ProbeResult> {
  return (await probeDetailed(path, options)).result;
}

/** `probe` plus the sorted presentation time of every video frame (for time → frame lookups). */
export async function probeDetailed(path: string, options: ProbeOptions = {}): Promise<DetailedProbe> {
  await assertInputFile(path, 'video');
  // The same bytes are probed by conform, grade, scoring and export in turn, under a temp name,
  // its final name and the asset store's copy; an ffprobe start costs 0.2–0.35 s of CPU here.
  // Remembered by file identity (see fileIdentity): any rewrite is probed anew.
  const key = await fileIdentity(path);
  const hit = key ? remembered.get(key) : undefined;
  if (hit) return copyOf(hit);
  // Two shots probing the same anchor at once share one ffprobe. If that one failed (its caller
  // canceled it, say: one row canceled), this caller probes for itself and gets its own answer.
  const running = key ? inFlight.get(key) : undefined;
  if (running) {
    const shared = await running.catch(() => null);
    if (shared) return copyOf(shared);
  }
  const work = runProbe(path, options);
  if (key) inFlight.set(key, work);
  try {
    const detailed = await work;
    if (key) remember(key, detailed);
    return copyOf(detailed);
  } finally {
    if (key) inFlight.delete(key);
  }
}

async function runProbe(path: string, options: ProbeOptions): Promise<DetailedProbe> {
  // A plain H.264 MP4 (every clip we write, and many others) is read in-process: the
  // same answer as ffprobe's without a process start (probe-mp4.ts). Anything else: ffprobe.
  const inProcess = await probeMp4InProcess(path);
  if (inProcess) return interpretProbe(inProcess, path);
  let stdout: Buffer;
  try {
    ({ stdout } = await runFfmpeg(probeArgs(path), { binary: 'ffprobe', signal: options.signal, timeoutMs: options.timeoutMs ?? 60_000, subject: path, maxStdoutBytes: 256 * 1024 * 1024 }));
  } catch (err) {
    if (err instanceof WorkError && err.code === 'ffmpeg_failed') {
      throw new InputError(`not a readable video: ${path} (${lastErrorLine(err.message)})`, 'video', path);
    }
    throw err;
  }
  return parseProbeDetailed(stdout.toString('utf8'), path);
}

/**
 * `copy` was just made byte for byte from `source` (a copy into the asset store or a pack): what
 * is known of the source's bytes is known of the copy's, so no ffprobe runs for it. Nothing
 * happens when the source was never probed or has changed since.
 */
export async function rememberProbeOfCopy(source: string, copy: string): Promise<void> {
  const from = await fileIdentity(source);
  const known = from ? remembered.get(from) : undefined;
  if (!known) return;
  const to = await fileIdentity(copy);
  if (to) remember(to, known);
}

const KEPT_PROBES = 256;
const remembered = new Map<string, DetailedProbe>();
const inFlight = new Map<string, Promise<DetailedProbe>>();

const copyOf = (d: DetailedProbe): DetailedProbe => ({ result: { ...d.result }, frameTimes: [...d.frameTimes] });

function remember(key: string, d: DetailedProbe): void {
  if (remembered.size >= KEPT_PROBES) remembered.delete(remembered.keys().next().value!);
  remembered.set(key, copyOf(d));
}

/**
 * Device, inode, size and modification time (ns): what any rewrite changes. Not the path and not
 * the change time, which a rename alters (a conform's temp output renamed into place is the same
 * bytes); a file replaced under the same name is a new inode or a new mtime.
 */
async function fileIdentity(path: string): Promise<string | null> {
  try {
    const st = await stat(path, { bigint: true });
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}`;
  } catch { return null; }
}
