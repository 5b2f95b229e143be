/**
 * Tiny media fixtures generated inside tests (STYLE.md "Tests"): real ffmpeg lavfi sources encoded
 * to real H.264, real PNG/JPEG images, and deliberately broken inputs (text renamed .mp4, truncated
 * files, a PNG that declares 30000×30000 pixels). Everything goes into a folder the test owns.
 *
 * Usage:
 *   const { dir, cleanup } = await makeTempDir('color'); t.after(cleanup);
 *   const clip = await makeClip(dir, { width: 160, height: 90, fps: 24, seconds: 1, colorCast: 'warm' });
 *   const img = await makeImage(dir, { width: 64, height: 64, color: '#ff0000' });
 */
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, crc32 as zlibCrc32 } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';
import { runFfmpeg } from '../../core/media/run-ffmpeg.ts';
import { probe } from '../../core/media/probe.ts';
import { toRgbFilter } from '../../core/media/bt709.ts';

export type ClipPattern = 'testsrc2' | 'testsrc' | 'color' | 'smptebars' | 'mandelbrot' | 'gradients' | 'rgbtestsrc';
export type CastPreset = 'warm' | 'cool' | 'green' | 'magenta';

export interface ClipOptions {
  width?: number;          // default 160
  height?: number;         // default 90
  fps?: number;            // default 24
  seconds?: number;        // default 1 (CFR duration; a VFR clip runs longer, see vfr)
  /** lavfi source; default testsrc2 (moving content, so every frame differs). */
  pattern?: ClipPattern;
  /** Fill colour for pattern 'color' (any ffmpeg colour, e.g. '#336699'). */
  color?: string;
  /** Multiply channels: a preset or explicit gains ({r:1.15,g:1,b:0.8} = warm). */
  colorCast?: CastPreset | { r: number; g: number; b: number };
  /** Variable frame rate: first half of the frames 1/fps apart, the second half 2/fps apart. */
  vfr?: boolean;
  /** Frames vary in blur (Gaussian sigma 6 → 3 → 0 → 3 → 6 over five equal segments): the middle fifth is sharp. */
  blurRamp?: boolean;
  /** Brightness flicker amplitude (0..1): odd frames are brighter by this much (eq brightness). */
  flicker?: number;
  /** Add a sine audio track; its length defaults to the video's. */
  audio?: boolean;
  /** Audio length in seconds (longer than the video makes the container outlast the last frame). */
  audioSeconds?: number;
  /** Rotation metadata (legacy `rotate` tag → display matrix), in degrees. */
  rotation?: 0 | 90 | 180 | 270;
  /** File name inside dir; default derived from the options. Extension picks the container (.mp4, .mov, .mkv). */
  name?: string;
  /** Chroma layout; default yuv420p, or yuv444p when a dimension is odd (4:2:0 needs even sizes). */
  pixelFormat?: 'yuv420p' | 'yuv444p';
}

export const CAST_PRESETS: Record<CastPreset, { r: number; g: number; b: number }> = {
  warm: { r: 1.15, g: 1.0, b: 0.75 },
  cool: { r: 0.8, g: 0.95, b: 1.15 },
  green: { r: 0.85, g: 1.12, b: 0.85 },
  magenta: { r: 1.12, g: 0.85, b: 1.12 },
};

let counter = 0;

/** A temp folder for one test; call cleanup (e.g. in t.after) to remove it. */
export async function makeTempDir(prefix = 'fixture'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `continuity-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

function sourceFilter(o: Required<Pick<ClipOptions, 'width' | 'height' | 'fps'>> & ClipOptions, seconds: number): string {
  // testsrc2 (and crop on 4:2:0) round odd sizes down to even: render even, scale to the exact size.
  const size = `s=${o.width + (o.width % 2)}x${o.height + (o.height % 2)}:r=${o.fps}:d=${seconds}`;
  switch (o.pattern ?? 'testsrc2') {
    case 'color': return `color=c=${o.color ?? '#808080'}:${size}`;
    case 'gradients': return `gradients=${size}:speed=0.05`;
    default: return `${o.pattern ?? 'testsrc2'}=${size}`;
  }
}

/** The ffmpeg arguments makeClip runs (exported so a test can see what a fixture is). */
export function clipArgs(out: string, options: ClipOptions = {}): string[] {
  const o = { width: 160, height: 90, fps: 24, seconds: 1, ...options };
  const odd = o.width % 2 === 1 || o.height % 2 === 1;
  const pixFmt = o.pixelFormat ?? (odd ? 'yuv444p' : 'yuv420p');
  const frames = Math.max(1, Math.round(o.fps * o.seconds));
  const chain: string[] = odd ? [`scale=${o.width}:${o.height}`] : [];
  if (o.colorCast) {
    const g = typeof o.colorCast === 'string' ? CAST_PRESETS[o.colorCast] : o.colorCast;
    chain.push(`colorchannelmixer=rr=${g.r}:gg=${g.g}:bb=${g.b}`);
  }
  if (o.flicker) chain.push(`eq=brightness='${o.flicker}*mod(n,2)':eval=frame`);
  const args = ['-f', 'lavfi', '-i', sourceFilter(o, o.seconds)];
  const audioSeconds = o.audioSeconds ?? (o.audio ? o.seconds : undefined);
  if (audioSeconds !== undefined) args.push('-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${audioSeconds}`);

  let graph: string;
  if (o.blurRamp) {
    // Five equal segments with different blur, concatenated: split → trim → gblur → concat.
    const seg = frames / 5;
    const sigmas = [6, 3, 0, 3, 6];
    const parts = sigmas.map((s, i) => {
      const start = Math.round(seg * i), end = Math.round(seg * (i + 1));
      const blur = s > 0 ? `,gblur=sigma=${s}` : '';
      return `[s${i}]trim=start_frame=${start}:end_frame=${end},setpts=PTS-STARTPTS${blur}[b${i}]`;
    });
    graph = `[0:v]split=5${sigmas.map((_, i) => `[s${i}]`).join('')};${parts.join(';')};` +
      `${sigmas.map((_, i) => `[b${i}]`).join('')}concat=n=5:v=1:a=0${chain.length ? ',' + chain.join(',') : ''}`;
  } else {
    graph = `[0:v]${chain.length ? chain.join(',') : 'null'}`;
  }
  if (o.vfr) {
    // Frame N's timestamp: N/fps for the first half, then 2/fps steps: a genuinely variable rate.
    const half = Math.floor(frames / 2);
    graph += `,setpts='if(lt(N,${half}),N,${half}+2*(N-${half}))/(${o.fps}*TB)'`;
  }
  // 8-bit 4:2:0 test clips are made as we deliver: BT.709 matrix, limited range, tagged (the product
  // reads untagged video as BT.709, as HD NLEs do; swscale's default would write BT.601).
  const bt709 = pixFmt === 'yuv420p';
  graph += bt709 ? `,scale=out_color_matrix=bt709:out_range=tv,format=${pixFmt}[v]` : `,format=${pixFmt}[v]`;
  args.push('-filter_complex', graph, '-map', '[v]');
  if (audioSeconds !== undefined) args.push('-map', '1:a', '-c:a', 'aac', '-b:a', '64k');
  // passthrough keeps our setpts timestamps (VFR) instead of resampling to a constant rate.
  // No -frames:v: the sources are bounded by d=…, and a frame limit would also cut a longer audio track.
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', '-pix_fmt', pixFmt);
  if (bt709) args.push('-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv');
  if (o.vfr) args.push('-fps_mode', 'passthrough');
  args.push(out);
  return args;
}

/** Encode a tiny H.264 clip into dir and return its path. Default 160×90, 24 fps, 1 s, testsrc2. */
export async function makeClip(dir: string, options: ClipOptions = {}): Promise<string> {
  const o = { width: 160, height: 90, fps: 24, seconds: 1, ...options };
  const name = options.name ?? `clip-${++counter}-${o.width}x${o.height}-${o.fps}${o.vfr ? 'vfr' : ''}.mp4`;
  const out = join(dir, name);
  if (!options.rotation) {
    await runFfmpeg(clipArgs(out, options), { subject: name, timeoutMs: 60_000 });
    return out;
  }
  // ffmpeg 5.x drops a rotate tag given while encoding through filters; a stream-copy remux keeps it.
  const plain = join(dir, `unrotated-${name}`);
  await runFfmpeg(clipArgs(plain, options), { subject: name, timeoutMs: 60_000 });
  await runFfmpeg(['-i', plain, '-c', 'copy', '-metadata:s:v:0', `rotate=${options.rotation}`, out], { subject: name, timeoutMs: 60_000 });
  await rm(plain, { force: true });
  return out;
}

export interface ImageOptions {
  width?: number;   // default 64
  height?: number;  // default 64
  /** Solid fill ('#rrggbb'). */
  color?: string;
  /** A lavfi pattern instead of a solid fill (first frame of it). */
  pattern?: ClipPattern;
  format?: 'png' | 'jpg' | 'webp';
  /** EXIF orientation (1–8) written into a JPEG, to test that readers apply it. */
  orientation?: number;
  name?: string;
}

function hexToRgb(hex: string): { r: number; g: number; b: number } {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`makeImage: color must be #rrggbb, got ${hex}`);
  return { r: parseInt(m[1]!, 16), g: parseInt(m[2]!, 16), b: parseInt(m[3]!, 16) };
}

/** Write a still image into dir and return its path. Default 64×64 PNG, mid grey. */
export async function makeImage(dir: string, options: ImageOptions = {}): Promise<string> {
  const width = options.width ?? 64, height = options.height ?? 64;
  const format = options.format ?? 'png';
  const name = options.name ?? `image-${++counter}-${width}x${height}.${format}`;
  const out = join(dir, name);
  let img: Sharp;
  if (options.pattern) {
    const { stdout } = await runFfmpeg(['-f', 'lavfi', '-i', sourceFilter({ width, height, fps: 1, pattern: options.pattern, color: options.color }, 1),
      '-frames:v', '1', '-vf', `scale=${width}:${height}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { subject: name, timeoutMs: 30_000 });
    img = sharp(stdout, { raw: { width, height, channels: 3 } });
  } else {
    img = sharp({ create: { width, height, channels: 3, background: hexToRgb(options.color ?? '#808080') } });
  }
  if (format === 'jpg') img = img.jpeg({ quality: 95 });
  else if (format === 'webp') img = img.webp({ quality: 95 });
  else img = img.png();
  if (options.orientation) img = img.withMetadata({ orientation: options.orientation });
  await writeFile(out, await img.toBuffer());
  return out;
}

/** Write raw RGB pixels as a PNG (for tests that build images pixel by pixel). */
export async function writeRawPng(path: string, width: number, height: number, rgb: Uint8Array): Promise<string> {
  await writeFile(path, await sharp(rgb, { raw: { width, height, channels: 3 } }).png().toBuffer());
  return path;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(zlibCrc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/**
 * An image bomb: a valid PNG header DECLARING width×height (default 30000×30000, 900 MP) with a
 * tiny compressed body (a few KB on disk). Readers must refuse it before decoding.
 */
export async function makeDeclaredHugePng(dir: string, width = 30000, height = 30000, name = 'bomb.png'): Promise<string> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0; // 8-bit RGB, no interlace
  // A few rows of zeros (filter byte + pixels) compress to almost nothing; the rest is "missing".
  const rows = Buffer.alloc((1 + width * 3) * 4);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(rows, { level: 9 })), pngChunk('IEND', Buffer.alloc(0)),
  ]);
  const out = join(dir, name);
  await writeFile(out, png);
  return out;
}

/** A text file with a media extension (e.g. 'notes.mp4'): must be refused as "not a readable video". */
export async function makeTextFile(dir: string, name = 'not-a-video.mp4', text = 'this is not a video\n'): Promise<string> {
  const out = join(dir, name);
  await writeFile(out, text);
  return out;
}

/** Copy the first `fraction` of src's bytes to dir/name (a truncated mp4 or JPEG). */
export async function makeTruncatedCopy(src: string, dir: string, name: string, fraction = 0.5): Promise<string> {
  const bytes = await readFile(src);
  const out = join(dir, name);
  await writeFile(out, bytes.subarray(0, Math.max(1, Math.floor(bytes.length * fraction))));
  return out;
}

/** Decode every frame of a clip to raw RGB (the reference "full decode" that tests compare against). */
export async function fullDecodeFrames(video: string, width: number, height: number): Promise<Buffer[]> {
  // The same YCbCr → RGB conversion the product uses (the file's own matrix, BT.709 when untagged):
  // these tests are about which frame comes out, not about the matrix.
  const { colorSpace, colorRange } = await probe(video);
  const { stdout } = await runFfmpeg(['-i', video, '-map', '0:v:0', '-vf', toRgbFilter({ colorSpace, colorRange }), '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'],
    { subject: video, timeoutMs: 60_000 });
  const size = width * height * 3;
  const frames: Buffer[] = [];
  for (let off = 0; off + size <= stdout.length; off += size) frames.push(stdout.subarray(off, off + size));
  return frames;
}
