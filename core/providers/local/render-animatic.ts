/**
 * The local animatic renderer (provider `local`, model `local-animatic`; DESIGN.md §5): a start
 * still (+ optional end still) → an H.264 MP4 of exactly width×height and seconds×fps frames,
 * with eased sub-pixel camera motion, palette deltas as colour transforms, prop/motif deltas as
 * composited layers. Deterministic for a seed. Honest previz: labelled so in the file's metadata
 * and in everything it returns.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { z } from 'zod';
import { CameraMotionSchema, type CameraMotion } from '../../domain/canon.ts';
import { CanceledError, InputError } from '../../domain/errors.ts';
import { DeltaSchema, type Delta } from '../../domain/shot.ts';
import { createLogger } from '../../log/logger.ts';
import { runFfmpeg } from '../../media/run-ffmpeg.ts';
import { animaticArgs } from './animatic-args.ts';
import { writeAnimaticFrames } from './animatic-frames.ts';
import { alwaysVisible, cameraPath, type CameraPath } from './camera-path.ts';
import { createProgressParser } from './ffmpeg-progress.ts';
import { PREVIZ_COMMENT } from './h264-args.ts';
import { particleTravelPx } from './motif-particles.ts';
import { prepareParticles, prepareStill } from './prepare-stills.ts';

const log = createLogger('local-render');

export interface AnimaticOptions {
  startImage: string;
  endImage?: string;
  width: number;
  height: number;
  seconds: number;
  fps: number;
  motion: CameraMotion;
  deltas: Delta[];
  layers: { productImages: string[]; referenceImages: string[] };
  seed: number;
  out: string;
  /** The start image is the previous clip's last frame: begin on the whole of it (no jump at the cut). */
  startOnFullFrame?: boolean;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface AnimaticResult {
  path: string;
  frames: number;
  width: number;
  height: number;
  fps: number;
  seconds: number;
  motion: CameraMotion;
  /** The camera path the clip was rendered with (a remix moves its layers along it). */
  camera: CameraPath;
  /** Always true: a local animatic is previz, never AI generation. */
  previz: true;
  /** What the renderer did, for the take record and the UI. */
  mechanismNote: string;
}

/** Share of the clip over which an end image fades in. */
const CROSSFADE_SHARE = 0.4;

const OptionsSchema = z.object({
  startImage: z.string().min(1),
  endImage: z.string().min(1).optional(),
  // yuv420p halves chroma both ways, so odd sizes cannot be delivered exactly.
  width: z.number().int().min(16).max(7680).refine((n) => n % 2 === 0, 'must be even'),
  height: z.number().int().min(16).max(4320).refine((n) => n % 2 === 0, 'must be even'),
  seconds: z.number().positive().max(120),
  fps: z.number().positive().max(120),
  motion: CameraMotionSchema,
  deltas: z.array(DeltaSchema).max(2),
  seed: z.number().int(),
  out: z.string().min(1),
});

function validate(o: AnimaticOptions): number {
  const r = OptionsSchema.safeParse(o);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.join('.');
    const value = issue.path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k as string], o);
    throw new InputError(`renderAnimatic: "${field}" ${issue.message}, got ${JSON.stringify(value)}`, field, value);
  }
  const frames = o.seconds * o.fps;
  if (Math.abs(frames - Math.round(frames)) > 1e-6) {
    throw new InputError(`renderAnimatic: "seconds" × "fps" must be a whole number of frames, got ${o.seconds} × ${o.fps} = ${frames}`, 'seconds', o.seconds);
  }
  return Math.round(frames);
}

/**
 * Render one local animatic clip to `out` (written to a temp name, renamed when complete).
 * Rejects with InputError on bad options or unreadable images, CanceledError on abort.
 */
export async function renderAnimatic(o: AnimaticOptions): Promise<AnimaticResult> {
  const frames = validate(o);
  const cameraDelta = o.deltas.find((d): d is Extract<Delta, { kind: 'camera' }> => d.kind === 'camera');
  const motion = cameraDelta?.motion ?? o.motion;
  const camera = cameraPath(motion, o.seed, o.startOnFullFrame ?? false);
  const out = resolve(o.out);
  const partial = `${out}.partial`;
  try {
    const stillOpts = { width: o.width, height: o.height, deltas: o.deltas, productImages: o.layers.productImages, referenceImages: o.layers.referenceImages, seed: o.seed, safe: alwaysVisible(camera) };
    if (o.signal?.aborted) throw new CanceledError('local render canceled');
    await mkdir(dirname(out), { recursive: true });
    const args = animaticArgs({ width: o.width, height: o.height, fps: o.fps, frames, comment: PREVIZ_COMMENT }, partial);
    const notes = [`camera ${motion}${cameraDelta ? ` (camera delta "${cameraDelta.label}")` : ''}, eased, sub-pixel`];
    /** ffmpeg starts first (its libraries load while sharp prepares the stills), then takes the frames. */
    const prepareAndWrite = async (pipe: Writable) => {
      // The start still and the particles are needed for the first frame: they have the machine to
      // themselves (beside ffmpeg starting). The end still is first seen when the crossfade
      // starts, so it is prepared while the first frames are made and encoded.
      const [start, particles] = await Promise.all([
        prepareStill(o.startImage, 'startImage', stillOpts),
        prepareParticles(o.deltas, o.width, o.height, o.seed),
      ]);
      const endStill = o.endImage ? prepareStill(o.endImage, 'endImage', stillOpts) : null;
      endStill?.catch(() => undefined); // awaited (and its failure raised) by writeAnimaticFrames
      await writeAnimaticFrames(pipe, {
        start, end: endStill, camera, frames, crossfadeFrames: Math.round(frames * CROSSFADE_SHARE),
        particles: particles ? { sheet: particles.still, travelPx: particleTravelPx(particles.season, o.height, o.seconds) } : null,
      });
      notes.push(...start.notes);
      if (endStill) notes.push(`crossfade to the end image over the last ${Math.round(CROSSFADE_SHARE * 100)} %`);
      if (particles) notes.push(particles.note);
    };
    const progress = createProgressParser(frames);
    log.debug('rendering', { out, frames, motion });
    await runFfmpeg(args, {
      signal: o.signal,
      subject: o.startImage,
      stdin: prepareAndWrite,
      onStdout: (chunk) => { const p = progress(chunk.toString('utf8')); if (p !== undefined) o.onProgress?.(p); },
    });
    await rename(partial, out);
    o.onProgress?.(1);
    return { path: out, frames, width: o.width, height: o.height, fps: o.fps, seconds: o.seconds, motion, camera, previz: true, mechanismNote: `local animatic (previz): ${notes.join('; ')}` };
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}
