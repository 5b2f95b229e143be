/**
 * ffmpeg arguments for the local animatic (pure; unit-tested without spawning). The moving
 * picture — stills, crossfade and camera — arrives on stdin as raw BT.709 4:2:0 frames
 * (animatic-frames.ts); ffmpeg lays the motif particle sheet over it (it sits in front of the
 * lens, so after the camera) and encodes.
 */
import { SAFE_INPUT } from '../../media/run-ffmpeg.ts';
import { h264OutputArgs } from './h264-args.ts';

/** A still written as raw interleaved pixels: read with no image decode at all. */
export interface RawStillFile { path: string; pixFmt: 'rgb24' | 'rgba'; width: number; height: number }

/** An image file (decoded by ffmpeg) or a raw still. */
export type StillFile = string | RawStillFile;

export interface AnimaticGraph {
  width: number;
  height: number;
  fps: number;
  frames: number;
  particles: StillFile | null;
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

/** The filtergraph; its output pad is [v]. Input 0 is the frames on stdin, already 4:2:0. */
export function animaticFilter(g: AnimaticGraph): string {
  if (!g.particles) return '[0:v]format=yuv420p[v]';
  const denom = Math.max(1, g.frames - 1);
  // Sheet is 2× the frame height: start showing its upper part's end, scroll down by the travel.
  return `${looped(1, 'yuva420p', g.frames, g.fps)}[pt];` +
    `[0:v][pt]overlay=x=0:y=-(h-H)+${g.particleTravelPx}*n/${denom}:eval=frame:format=yuv420[fx];[fx]format=yuv420p[v]`;
}

/** Full argument list (runFfmpeg adds -nostdin -hide_banner -y). Frames on stdin; progress on stdout. */
export function animaticArgs(g: AnimaticGraph, out: string): string[] {
  const frames = [...SAFE_INPUT, '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-video_size', `${g.width}x${g.height}`,
    '-framerate', String(g.fps), '-i', 'pipe:0'];
  return [
    '-v', 'error', '-nostats', '-progress', 'pipe:1',
    ...frames,
    ...(g.particles ? stillInput(g.particles, g.fps) : []),
    '-filter_complex', animaticFilter(g), '-map', '[v]',
    ...h264OutputArgs({ fps: g.fps, frames: g.frames, comment: g.comment }, out),
  ];
}
