/**
 * The local animatic's moving picture, written frame by frame to the encoder's stdin as raw
 * BT.709 4:2:0: the start still (blended toward the end still over the clip's last frames) seen
 * through each frame's camera window, with a motif's particles falling in front of it. Frames
 * are made while the encoder works on the previous ones; at most two are in flight, in two reused
 * buffers, so memory stays flat however long the clip.
 */
import type { Writable } from 'node:stream';
import { isStill, windowAt, type CameraPath } from './camera-path.ts';
import { CameraResampler } from './camera-resample.ts';
import type { RawStill } from './prepare-stills.ts';
import { rgbToYuv420 } from './yuv420.ts';

export interface AnimaticPictures {
  start: RawStill;
  /** Awaited only when the crossfade begins, so it can be prepared while the first frames encode. */
  end: Promise<RawStill> | null;
  camera: CameraPath;
  frames: number;
  /** The end still fades in over the clip's last this-many frames. */
  crossfadeFrames: number;
  /** A motif's particle sheet (RGBA, width × 2·height) and how far it scrolls down over the clip, pixels. */
  particles: { sheet: RawStill; travelPx: number } | null;
}

/**
 * The sheet row at the top of frame `i`: where the earlier graph's overlay filter put the sheet,
 * `y=-(h-H)+travel*n/(frames-1)` truncated and made even for 4:2:0, its `n` being the main frames
 * taken so far (i + 1 at frame i). Kept so clips render as they did.
 */
export function particleSheetTop(i: number, frames: number, height: number, travelPx: number): number {
  const y = Math.trunc(-height + (travelPx * (i + 1)) / Math.max(1, frames - 1)) & ~1;
  return -y;
}

/**
 * Opacity of the end still at frame `i`, in 1/256: 0 until the fade's first frame, then k/n for
 * its k-th of n frames — the ramp ffmpeg's fade filter gave the earlier graph, so clips render as
 * they did (the last frame shows (n−1)/n of the end still).
 */
export function endOpacity(i: number, frames: number, crossfadeFrames: number): number {
  const fade = Math.max(1, Math.min(frames - 1, crossfadeFrames));
  const k = i - (frames - fade);
  return k < 0 ? 0 : Math.round((256 * k) / fade);
}

/** Picture slots: the two stills, the crossfade's mix, and the two buffers frames go out in. */
const START = 0, END = 1, MIX = 2, OUT_A = 3, OUT_B = 4;

/** Resolves once the pipe has taken the whole chunk (the buffer may then be reused). */
function writeChunk(pipe: Writable, chunk: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => { pipe.write(chunk, (err) => (err ? reject(err) : resolve())); });
}

/** Writes every frame of the clip to `pipe` (does not end it). Rejects if the pipe fails. */
export async function writeAnimaticFrames(pipe: Writable, g: AnimaticPictures): Promise<void> {
  const { start } = g;
  const cam = new CameraResampler(start.width, start.height, 5, { particleSheet: !!g.particles });
  rgbToYuv420(start, cam.picture(START));
  if (g.particles) cam.setParticleSheet(g.particles.sheet);
  let endReady = false;
  const loadEnd = async () => {
    const end = await g.end!;
    if (end.width !== start.width || end.height !== start.height) {
      throw new Error(`writeAnimaticFrames: end still is ${end.width}x${end.height}, start is ${start.width}x${start.height}`);
    }
    rgbToYuv420(end, cam.picture(END));
    endReady = true;
  };
  const still = isStill(g.camera);
  const inFlight: (Promise<void> | undefined)[] = [undefined, undefined];
  for (let i = 0; i < g.frames; i++) {
    const ring = i % 2, out = ring === 0 ? OUT_A : OUT_B;
    // The buffer this frame goes into must have left for the pipe.
    await inFlight[ring];
    const alpha = g.end ? endOpacity(i, g.frames, g.crossfadeFrames) : 0;
    if (alpha > 0 && !endReady) await loadEnd();
    let frame: number;
    if (still) {
      frame = alpha === 0 ? START : alpha === 256 ? END : out;
      if (frame === out) cam.blend(START, END, alpha, out);
    } else {
      let source = START;
      if (alpha === 256) source = END;
      else if (alpha > 0) { cam.blend(START, END, alpha, MIX); source = MIX; }
      frame = out;
      cam.render(source, windowAt(g.camera, i, g.frames), frame);
    }
    if (g.particles) {
      // In front of the lens: laid over the camera's picture, never into a still's own slot.
      if (frame !== out) { cam.copy(frame, out); frame = out; }
      cam.overlayParticles(out, particleSheetTop(i, g.frames, start.height, g.particles.travelPx));
    }
    const sent = writeChunk(pipe, cam.picture(frame));
    // Handled now (a failure must not go unobserved while the other buffer is awaited); awaited later.
    sent.catch(() => undefined);
    inFlight[ring] = sent;
  }
  // An end still no frame showed (a fade shorter than a frame) still had to be readable.
  if (g.end && !endReady) await loadEnd();
  await Promise.all(inFlight);
}
