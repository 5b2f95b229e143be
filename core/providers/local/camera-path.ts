/**
 * The local animatic's virtual camera: for each frame, a window (centre and size, as fractions
 * of the prepared still) sampled at sub-pixel positions. This is the one source of truth for
 * motion: the animatic's own camera (camera-resample.ts, through `windowAt`) and the remix's
 * ffmpeg perspective expressions (`perspectiveFilter`, for layers moved along an anchor's path)
 * come from the same numbers, and sample the same way.
 *
 * Why not zoompan: it rounds the crop to whole pixels every frame, so slow moves step 0,1,0,1 px
 * and visibly jitter.
 */
import type { CameraMotion } from '../../domain/canon.ts';
import { seededRandom } from './seeded-random.ts';

/** A camera window: centre (cx, cy) and size s, all as fractions of the frame (s = 1 is full frame). */
export interface CameraWindow { cx: number; cy: number; s: number }

export interface CameraPath { motion: CameraMotion; from: CameraWindow; to: CameraWindow }

/** How far a push-in / pull-out travels: window 1 → 1/1.15 of the frame. */
const PUSH_SIZE = 1 / 1.15;
/** Pans and tilts work inside a window this large, using all the slack around it. */
const PAN_SIZE = 0.89;
/**
 * Share of linear motion mixed into the smoothstep. Pure smoothstep starts and ends at zero
 * velocity, so the first and last frames barely move and encode as repeats (a stutter at the
 * cut); a 15 % linear floor keeps every frame moving while the ease still reads.
 */
const LINEAR_FLOOR = 0.15;

/** Eased progress for p in [0, 1]: smoothstep with a linear floor. Strictly increasing. */
export function ease(p: number): number {
  const q = Math.min(1, Math.max(0, p));
  return (1 - LINEAR_FLOOR) * q * q * (3 - 2 * q) + LINEAR_FLOOR * q;
}

/**
 * The camera's start and end windows for a motion; seeded offsets keep shots from looking stamped.
 * `fromFullFrame`: the first frame must be the whole start image (a frame bridge continues the
 * previous clip's exact last frame, so any starting crop would be a visible jump at the cut); the
 * move then heads for the motion's usual end window, and a pull-out, which would need pixels
 * outside the bridge frame, holds instead.
 */
export function cameraPath(motion: CameraMotion, seed: number, fromFullFrame = false): CameraPath {
  const path = motionPath(motion, seed);
  if (!fromFullFrame) return path;
  const full = { cx: 0.5, cy: 0.5, s: 1 };
  return motion === 'pull-out' ? { motion, from: full, to: full } : { motion, from: full, to: path.to };
}

function motionPath(motion: CameraMotion, seed: number): CameraPath {
  const rnd = seededRandom(seed ^ 0x5eed);
  const jitter = (max: number) => (rnd() * 2 - 1) * max;
  const centre = { cx: 0.5, cy: 0.5, s: 1 };
  switch (motion) {
    case 'static':
      return { motion, from: centre, to: centre };
    case 'push-in': {
      const end = { cx: 0.5 + jitter(0.03), cy: 0.5 + jitter(0.03), s: PUSH_SIZE };
      return { motion, from: centre, to: end };
    }
    case 'pull-out': {
      const start = { cx: 0.5 + jitter(0.03), cy: 0.5 + jitter(0.03), s: PUSH_SIZE };
      return { motion, from: start, to: centre };
    }
    case 'pan-left':
    case 'pan-right': {
      const half = PAN_SIZE / 2;
      const cy = 0.5 + jitter((1 - PAN_SIZE) / 4);
      const left = { cx: half, cy, s: PAN_SIZE };
      const right = { cx: 1 - half, cy, s: PAN_SIZE };
      // Panning left shows what is to the left: the window travels right → left.
      return motion === 'pan-left' ? { motion, from: right, to: left } : { motion, from: left, to: right };
    }
    case 'tilt-up':
    case 'tilt-down': {
      const half = PAN_SIZE / 2;
      const cx = 0.5 + jitter((1 - PAN_SIZE) / 4);
      const top = { cx, cy: half, s: PAN_SIZE };
      const bottom = { cx, cy: 1 - half, s: PAN_SIZE };
      return motion === 'tilt-up' ? { motion, from: bottom, to: top } : { motion, from: top, to: bottom };
    }
    case 'drift': {
      // A slow slide in a seeded direction with a slight push, staying inside the frame.
      const angle = rnd() * Math.PI * 2;
      const reach = 0.032;
      const dx = Math.cos(angle) * reach;
      const dy = Math.sin(angle) * reach;
      return { motion, from: { cx: 0.5 - dx, cy: 0.5 - dy, s: 0.92 }, to: { cx: 0.5 + dx, cy: 0.5 + dy, s: 0.9 } };
    }
  }
}

/** The window at frame `i` of `frames` (what the animatic renders; the ffmpeg expressions' twin). */
export function windowAt(path: CameraPath, i: number, frames: number): CameraWindow {
  const e = ease(frames > 1 ? i / (frames - 1) : 0);
  const lerp = (a: number, b: number) => a + (b - a) * e;
  return { cx: lerp(path.from.cx, path.to.cx), cy: lerp(path.from.cy, path.to.cy), s: lerp(path.from.s, path.to.s) };
}

/** True when the camera never moves (the renderers then skip the resampling). */
export function isStill(path: CameraPath): boolean {
  const a = path.from, b = path.to;
  return a.cx === b.cx && a.cy === b.cy && a.s === b.s && a.s === 1;
}

/** The part of the frame visible in every window of the path (layers placed here stay in shot). */
export function alwaysVisible(path: CameraPath): { left: number; top: number; right: number; bottom: number } {
  // Window edges are linear in the eased progress, so the two end windows bound every other one.
  const edges = (w: CameraWindow) => ({ l: w.cx - w.s / 2, t: w.cy - w.s / 2, r: w.cx + w.s / 2, b: w.cy + w.s / 2 });
  const a = edges(path.from), b = edges(path.to);
  return { left: Math.max(a.l, b.l), top: Math.max(a.t, b.t), right: Math.min(a.r, b.r), bottom: Math.min(a.b, b.b) };
}

const num = (n: number) => (Math.round(n * 1e9) / 1e9).toString();

/**
 * perspective filter options for the path over `frames` frames. Driven by the input frame
 * number, so the motion depends on frame numbers only (deterministic, no float time).
 */
export function perspectiveFilter(path: CameraPath, frames: number): string {
  const denom = Math.max(1, frames - 1);
  // perspective's `in` counts from 1 (frame_count + 1), so the first frame is in=1.
  const p = `clip((in-1)/${denom},0,1)`;
  const e = `(${num(1 - LINEAR_FLOOR)}*${p}*${p}*(3-2*${p})+${num(LINEAR_FLOOR)}*${p})`;
  const lerp = (a: number, b: number) => (a === b ? num(a) : `(${num(a)}+${num(b - a)}*${e})`);
  const cx = lerp(path.from.cx, path.to.cx);
  const cy = lerp(path.from.cy, path.to.cy);
  const s = lerp(path.from.s, path.to.s);
  const left = `W*(${cx}-${s}/2)`, right = `W*(${cx}+${s}/2)`;
  const top = `H*(${cy}-${s}/2)`, bottom = `H*(${cy}+${s}/2)`;
  // Bilinear, not bicubic: about a third less CPU for the whole render (issue 18 item 2), and
  // every move scales the frame (windows are never 1:1), so the sub-pixel phase varies across
  // the picture and bilinear's phase-dependent softening does not pulse from frame to frame.
  // Commas inside expressions are escaped for the filtergraph parser.
  const opts = [
    `x0=${left}`, `y0=${top}`, `x1=${right}`, `y1=${top}`,
    `x2=${left}`, `y2=${bottom}`, `x3=${right}`, `y3=${bottom}`,
    'interpolation=linear', 'sense=source', 'eval=frame',
  ].map((o) => o.replace(/,/g, '\\,'));
  return `perspective=${opts.join(':')}`;
}
