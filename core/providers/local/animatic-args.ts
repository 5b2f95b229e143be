/**
 * ffmpeg arguments for the local animatic (pure; unit-tested without spawning). Inputs are
 * stills we prepared ourselves (raw RGB(A) pixels, or any image file, in a temp folder): the start
 * frame, optionally the end frame and a motif particle sheet. Each is converted to BT.709 4:2:0
 * exactly once.
 */
import { SAFE_INPUT } from '../../media/run-ffmpeg.ts';
import { type CameraPath, isStill, perspectiveFilter } from './camera-path.ts';
import { h264OutputArgs } from './h264-args.ts';

/** A still written as raw interleaved pixels: read with no image decode at all. */
export interface RawStillFile { path: string; pixFmt: 'rgb24' | 'rgba'; width: number; height: number }

/** An image file (decoded by ffmpeg) or a raw still. */
export type StillFile = string | RawStillFile;

export interface AnimaticGraph {
  base: StillFile;
  end: StillFile | null;
  particles: StillFile | null;
  fps: number;
  frames: number;
  camera: CameraPath;
  /** Frames over which the end image fades in (the clip's last frames). */
  crossfadeFrames: number;
  /** How far the particle sheet scrolls down over the clip, pixels. */
  particleTravelPx: number;
  comment: string;
}

/** One still as a single-frame input; the graph loops it (decoded and converted only once). */
function stillInput(still: StillFile, fps: number): string[] {
  if (typeof still === 'string') return [...SAFE_INPUT, '-framerate', String(fps), '-f', 'image2', '-i', `file:${still}`];
  return [...SAFE_INPUT, '-f', 'rawvideo', '-pix_fmt', still.pixFmt, '-video_size', `${still.width}x${still.height}`,
    '-framerate', String(fps), '-i', `file:${still.path}`];
}

/**
 * Convert once, then repeat the converted frame `frames` times with CFR timestamps. Looping
 * after the conversion (instead of `-loop 1` on the input) skips a PNG decode and an RGB → YUV
 * conversion per output frame.
 */
export function looped(input: number, format: 'yuv420p' | 'yuva420p', frames: number, fps: number): string {
  // accurate_rnd + full_chroma_int: the one RGB → YUV (BT.709, limited range) conversion.
  return `[${input}:v]scale=out_color_matrix=bt709:out_range=tv:flags=bicubic+accurate_rnd+full_chroma_int,format=${format},` +
    `loop=loop=${frames - 1}:size=1:start=0,setpts=N/(${fps}*TB)`;
}

/**
 * The filtergraph; its output pad is [v]. Start (and end) stills are blended first and the
 * camera moves over the blend, so one perspective pass serves both; particles are overlaid after
 * the camera (they sit in front of the lens). Everything after the first conversion is 4:2:0,
 * which halves the per-frame resampling work versus RGB and matches the delivery format.
 */
export function animaticFilter(g: AnimaticGraph): string {
  const chains = [`${looped(0, 'yuv420p', g.frames, g.fps)}[s0]`];
  let last = 's0';
  let next = 1;
  if (g.end) {
    const fadeFrames = Math.max(1, Math.min(g.frames - 1, g.crossfadeFrames));
    const start = g.frames - fadeFrames;
    // The end stream exists only for the fade's frames, stamped from frame `start` on: overlay
    // passes the earlier frames through untouched (no end frame yet), so nothing is faded or
    // blended where the end image cannot show. fade counts frames (not seconds): the same blend
    // on every run.
    chains.push(`${looped(next, 'yuva420p', fadeFrames, g.fps)},fade=t=in:s=0:n=${fadeFrames}:alpha=1,setpts=PTS+${start}/(${g.fps}*TB)[e]`);
    chains.push(`[${last}][e]overlay=format=yuv420:eof_action=repeat[mix]`);
    last = 'mix';
    next++;
  }
  if (!isStill(g.camera)) {
    chains.push(`[${last}]${perspectiveFilter(g.camera, g.frames)}[cam]`);
    last = 'cam';
  }
  if (g.particles) {
    const denom = Math.max(1, g.frames - 1);
    // Sheet is 2× the frame height: start showing its upper part's end, scroll down by the travel.
    chains.push(`${looped(next, 'yuva420p', g.frames, g.fps)}[pt]`);
    chains.push(`[${last}][pt]overlay=x=0:y=-(h-H)+${g.particleTravelPx}*n/${denom}:eval=frame:format=yuv420[fx]`);
    last = 'fx';
  }
  chains.push(`[${last}]format=yuv420p[v]`);
  return chains.join(';');
}

/** Full argument list (runFfmpeg adds -nostdin -hide_banner -y). Progress goes to stdout. */
export function animaticArgs(g: AnimaticGraph, out: string): string[] {
  const inputs = [...stillInput(g.base, g.fps)];
  if (g.end) inputs.push(...stillInput(g.end, g.fps));
  if (g.particles) inputs.push(...stillInput(g.particles, g.fps));
  return [
    '-v', 'error', '-nostats', '-progress', 'pipe:1',
    ...inputs,
    '-filter_complex', animaticFilter(g), '-map', '[v]',
    ...h264OutputArgs({ fps: g.fps, frames: g.frames, comment: g.comment }, out),
  ];
}
