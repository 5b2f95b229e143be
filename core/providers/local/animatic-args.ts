/**
 * ffmpeg arguments for the local animatic (pure; unit-tested without spawning). The whole moving
 * picture — stills, crossfade, camera, particles — arrives on stdin as raw BT.709 4:2:0 frames
 * (animatic-frames.ts); ffmpeg only encodes, with the delivery settings every clip shares.
 */
import { SAFE_INPUT } from '../../media/run-ffmpeg.ts';
import { h264OutputArgs } from './h264-args.ts';

export interface AnimaticGraph {
  width: number;
  height: number;
  fps: number;
  frames: number;
  comment: string;
}

/** Full argument list (runFfmpeg adds -nostdin -hide_banner -y). Frames on stdin; progress on stdout. */
export function animaticArgs(g: AnimaticGraph, out: string): string[] {
  return [
    '-v', 'error', '-nostats', '-progress', 'pipe:1',
    ...SAFE_INPUT, '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-video_size', `${g.width}x${g.height}`, '-framerate', String(g.fps), '-i', 'pipe:0',
    '-map', '0:v',
    ...h264OutputArgs({ fps: g.fps, frames: g.frames, comment: g.comment }, out),
  ];
}
