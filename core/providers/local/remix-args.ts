/**
 * ffmpeg arguments for a local remix (pure; unit-tested without spawning): the anchor take's own
 * clip — or, for a camera delta, the anchor's own start still moved along a new camera path — with
 * the declared change on top. Layers (props, scene changes, motif particles) are stills in the
 * anchor's still space, moved through the SAME camera path as the anchor, so they sit in the scene
 * instead of floating in front of the lens; a palette delta is one LUT over the whole result.
 */
import { toRgbFilter } from '../../media/bt709.ts';
import { safeInputArgs } from '../../media/safe-input.ts';
import { SAFE_INPUT } from '../../media/run-ffmpeg.ts';
import { escapeFilterValue } from '../../grade/grade-args.ts';
import { type CameraPath, isStill, perspectiveFilter } from './camera-path.ts';
import { h264OutputArgs } from './h264-args.ts';

/** A sheet that scrolls: its crop window moves from `from` to `to` (pixels) over the clip. */
export interface Scroll { from: [number, number]; to: [number, number] }

export interface RemixLayerInput { path: string; scroll?: Scroll }

export interface RemixGraph {
  /** The anchor's clip (pixels kept as they are) or its start still re-pathed (camera delta). */
  base: { kind: 'clip'; path: string } | { kind: 'plate'; path: string };
  /** The camera path of the base: the anchor's own, or the camera delta's new one. */
  camera: CameraPath;
  layers: RemixLayerInput[];
  /** A .cube applied to the whole picture last (palette delta), or null. */
  lut: string | null;
  width: number;
  height: number;
  fps: number;
  frames: number;
  comment: string;
}

/**
 * Convert once, then repeat the converted frame `frames` times with CFR timestamps. Looping
 * after the conversion (instead of `-loop 1` on the input) skips a PNG decode and an RGB → YUV
 * conversion per output frame.
 */
function looped(input: number, format: 'yuv420p' | 'yuva420p', frames: number, fps: number): string {
  // accurate_rnd + full_chroma_int: the one RGB → YUV (BT.709, limited range) conversion.
  return `[${input}:v]scale=out_color_matrix=bt709:out_range=tv:flags=bicubic+accurate_rnd+full_chroma_int,format=${format},` +
    `loop=loop=${frames - 1}:size=1:start=0,setpts=N/(${fps}*TB)`;
}

const int = (n: number) => String(Math.round(n));

function cropFor(s: Scroll, g: RemixGraph): string {
  const denom = Math.max(1, g.frames - 1);
  const axis = (a: number, b: number) => (a === b ? int(a) : `${int(a)}+(${int(b - a)})*n/${denom}`);
  // crop evaluates x/y per frame (n = frame number), so the sheet slides deterministically.
  return `,crop=w=${g.width}:h=${g.height}:x=${axis(s.from[0], s.to[0])}:y=${axis(s.from[1], s.to[1])}`;
}

/** The filtergraph; output pad [v]. */
export function remixFilter(g: RemixGraph): string {
  const chains: string[] = [];
  const moves = !isStill(g.camera);
  const camera = moves ? `,${perspectiveFilter(g.camera, g.frames)}` : '';
  if (g.base.kind === 'clip') chains.push(`[0:v]format=yuv420p,setpts=N/(${g.fps}*TB)[b0]`);
  else chains.push(`${looped(0, 'yuv420p', g.frames, g.fps)}${camera}[b0]`);
  let last = 'b0';
  g.layers.forEach((layer, i) => {
    const input = i + 1;
    chains.push(`${looped(input, 'yuva420p', g.frames, g.fps)}${layer.scroll ? cropFor(layer.scroll, g) : ''}${camera}[l${input}]`);
    chains.push(`[${last}][l${input}]overlay=format=yuv420[b${input}]`);
    last = `b${input}`;
  });
  if (g.lut) {
    // One colour transform in RGB: decode BT.709 limited range explicitly, encode back the same way.
    chains.push(`[${last}]scale=in_color_matrix=bt709:in_range=tv:flags=accurate_rnd+full_chroma_int,format=gbrp,` +
      `lut3d=file=${escapeFilterValue(g.lut)}:interp=trilinear,` +
      `scale=out_color_matrix=bt709:out_range=tv:flags=accurate_rnd+full_chroma_int,format=yuv420p[v]`);
  } else {
    chains.push(`[${last}]format=yuv420p[v]`);
  }
  return chains.join(';');
}

function remixInputs(g: RemixGraph): string[] {
  const still = (path: string) => [...SAFE_INPUT, '-framerate', String(g.fps), '-f', 'image2', '-i', `file:${path}`];
  const inputs = g.base.kind === 'clip' ? safeInputArgs(g.base.path) : still(g.base.path);
  for (const layer of g.layers) inputs.push(...still(layer.path));
  return inputs;
}

/** Full argument list (runFfmpeg adds -nostdin -hide_banner -y). Progress goes to stdout. */
export function remixArgs(g: RemixGraph, out: string): string[] {
  return [
    '-v', 'error', '-nostats', '-progress', 'pipe:1',
    ...remixInputs(g),
    '-filter_complex', remixFilter(g), '-map', '[v]',
    ...h264OutputArgs({ fps: g.fps, frames: g.frames, comment: g.comment }, out),
  ];
}

/**
 * Frame 0 of the same graph as an 8-bit RGB PNG: the clip's 4:2:0 picture read back with the
 * BT.709 matrix it is tagged with, as `extractFrame` reads a delivered clip's first frame.
 */
export function remixFirstFrameArgs(g: RemixGraph, outPng: string): string[] {
  return [
    '-v', 'error',
    ...remixInputs(g),
    '-filter_complex', `${remixFilter(g)};[v]${toRgbFilter()}[rgb]`, '-map', '[rgb]',
    '-frames:v', '1', '-f', 'image2', '-c:v', 'png', '-pix_fmt', 'rgb24', outPng,
  ];
}
