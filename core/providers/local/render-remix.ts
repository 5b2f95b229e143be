/**
 * The local renderer's remix (DESIGN.md §4 item 6, issue 11): a variant or seasonal swap rendered
 * on its anchor take's own pixels. Palette → one colour transform toward the declared colours over
 * the anchor clip; prop / motif / scene → layers in the anchor's still space moved along the
 * anchor's camera path; camera → the anchor's own start still on a new camera path (and framing).
 * A declared change with nothing to render is returned in `notRendered` and no clip is written:
 * a copy of the anchor is never passed off as a variant.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { makeWorkDir } from '../../runtime/work-dirs.ts';
import sharp from 'sharp';
import { formatCube, parseCube } from '../../color/index.ts';
import { applyLutToImage, bakeLut } from '../../color/lut3d.ts';
import type { Framing } from '../../domain/canon.ts';
import { CanceledError, InputError } from '../../domain/errors.ts';
import type { Delta } from '../../domain/shot.ts';
import { decodeFrames } from '../../media/decode-frames.ts';
import { extractFrame } from '../../media/extract-frame.ts';
import { probe } from '../../media/probe.ts';
import { runFfmpeg } from '../../media/run-ffmpeg.ts';
import { type CameraPath, alwaysVisible, cameraPath } from './camera-path.ts';
import { createProgressParser } from './ffmpeg-progress.ts';
import { PREVIZ_COMMENT } from './h264-args.ts';
import { choosePaletteTransform } from './palette-toward.ts';
import { remixArgs, remixFirstFrameArgs, type RemixGraph } from './remix-args.ts';
import { buildRemixLayers } from './remix-layers.ts';

export interface RemixOptions {
  /** The anchor take's delivered clip. */
  anchorClip: string;
  /** The anchor's start still; absent (a provider's take): the anchor clip's first frame. */
  plate?: string;
  /** The anchor's grade (.cube), applied to the plate so it matches the delivered clip's colours. */
  plateLut?: string;
  /** The anchor's camera path when known (local anchors record it); null: treated as locked off. */
  anchorCamera: CameraPath | null;
  anchorFraming: Framing;
  deltas: Delta[];
  productImages: string[];
  width: number;
  height: number;
  seconds: number;
  fps: number;
  seed: number;
  out: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface RemixResult {
  /** null when a declared change could not be rendered (see notRendered): nothing was written. */
  path: string | null;
  frames: number;
  camera: CameraPath;
  notes: string[];
  notRendered: string[];
  previz: true;
}

const FRAMING_ORDER: Framing[] = ['wide', 'medium', 'close', 'detail'];
/** One framing step tighter = this much more zoom into the anchor's still. */
const STEP_ZOOM = 1.25;

async function platePng(o: RemixOptions, work: string): Promise<{ png: Buffer; note: string }> {
  let src = o.plate;
  let note = 'the anchor\'s start still';
  if (!src) {
    src = (await extractFrame(o.anchorClip, 'first', join(work, 'anchor-first.png'), { signal: o.signal })).path;
    note = 'the anchor clip\'s first frame';
  }
  const raw = await sharp(src, { limitInputPixels: 100_000_000 }).rotate().resize(o.width, o.height, { fit: 'cover' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let img = { width: o.width, height: o.height, channels: 3 as const, data: new Uint8Array(raw.data) };
  if (o.plate && o.plateLut) {
    img = applyLutToImage(parseCube(await readFile(o.plateLut, 'utf8'), o.plateLut), img) as typeof img;
    note += ' in the anchor\'s grade';
  }
  return { png: await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer(), note };
}

/** Zoom into the plate's centre by `zoom` (≥ 1), keeping its size. */
async function reframe(png: Buffer, zoom: number, width: number, height: number): Promise<Buffer> {
  if (zoom <= 1) return png;
  const w = Math.round(width / zoom), h = Math.round(height / zoom);
  return sharp(png).extract({ left: Math.round((width - w) / 2), top: Math.round((height - h) / 2), width: w, height: h }).resize(width, height, { kernel: 'lanczos3' }).png({ compressionLevel: 1 }).toBuffer();
}

/** What both outputs share: the graph's inputs in `work`, the notes, or what could not be rendered. */
interface PreparedRemix { frames: number; camera: CameraPath; notes: string[]; notRendered: string[]; graph: RemixGraph | null }

async function prepareRemix(o: RemixOptions, work: string): Promise<PreparedRemix> {
  const frames = Math.round(o.seconds * o.fps);
  const notes: string[] = [];
  const plate = await platePng(o, work);
  const cameraDelta = o.deltas.find((d): d is Extract<Delta, { kind: 'camera' }> => d.kind === 'camera');
  let camera: CameraPath = o.anchorCamera ?? cameraPath('static', o.seed);
  let base: RemixGraph['base'] = { kind: 'clip', path: o.anchorClip };
  let layerPlate = plate.png;
  if (cameraDelta) {
    const steps = cameraDelta.framing ? FRAMING_ORDER.indexOf(cameraDelta.framing) - FRAMING_ORDER.indexOf(o.anchorFraming) : 0;
    layerPlate = await reframe(plate.png, STEP_ZOOM ** Math.max(0, steps), o.width, o.height);
    camera = cameraPath(cameraDelta.motion, o.seed);
    await writeFile(join(work, 'plate.png'), layerPlate);
    base = { kind: 'plate', path: join(work, 'plate.png') };
    notes.push(`camera "${cameraDelta.label}": ${plate.note} on a new ${cameraDelta.motion} path${steps > 0 ? `, reframed ${steps} step(s) tighter (${cameraDelta.framing})` : ''}${steps < 0 ? ` (a looser framing than the anchor's still holds cannot be made locally: kept at ${o.anchorFraming})` : ''}`);
  } else {
    notes.push(o.anchorCamera ? 'the anchor clip\'s own pixels; layers follow its camera path' : 'the anchor clip\'s own pixels; its camera path is unknown (not a local render), so layers hold still in frame');
  }
  const built = await buildRemixLayers({ plate: layerPlate, width: o.width, height: o.height, seconds: o.seconds, deltas: o.deltas, productImages: o.productImages, seed: o.seed, safe: alwaysVisible(camera) });
  notes.push(...built.notes);
  let lut: string | null = null;
  const palette = o.deltas.find((d): d is Extract<Delta, { kind: 'palette' }> => d.kind === 'palette');
  if (palette) {
    const sample = base.kind === 'clip'
      ? await decodeFrames(o.anchorClip, { count: 8, maxWidth: 320, signal: o.signal })
      : [await loadRaw(layerPlate)];
    const chosen = choosePaletteTransform(sample, palette.targetHex);
    const lutData = bakeLut(chosen.transform, { strength: chosen.strength, title: `palette delta: ${palette.label}` });
    lut = join(work, 'palette.cube');
    await writeFile(lut, formatCube(lutData));
    notes.push(`palette "${palette.label}" as one colour transform toward ${palette.targetHex.join(' ')} (${chosen.fit}, strength ${chosen.strength}: ΔE2000 of the dominant colours to them ${chosen.before.toFixed(1)} → ${chosen.after.toFixed(1)} on ${base.kind === 'clip' ? '8 frames of the anchor clip' : 'the reframed still'})`);
  }
  if (built.notRendered.length) return { frames, camera, notes, notRendered: built.notRendered, graph: null };
  if (o.signal?.aborted) throw new CanceledError('local remix canceled');
  const layers = await Promise.all(built.layers.map(async (l, i) => {
    const path = join(work, `layer${i}.png`);
    await writeFile(path, l.png);
    return { path, ...(l.scroll ? { scroll: l.scroll } : {}) };
  }));
  return { frames, camera, notes, notRendered: [], graph: { base, camera, layers, lut, width: o.width, height: o.height, fps: o.fps, frames, comment: PREVIZ_COMMENT } };
}

/** Checks, a work folder, the preparation and one ffmpeg pass to `out` (temp name, renamed when complete). */
async function withPreparedRemix(o: RemixOptions, write: (graph: RemixGraph, partial: string) => Promise<void>, partialSuffix: string): Promise<RemixResult> {
  if (o.deltas.length === 0) throw new InputError('a remix needs at least one declared change (deltas is empty)', 'deltas', o.deltas);
  const anchor = await probe(o.anchorClip, { signal: o.signal });
  if (anchor.width !== o.width || anchor.height !== o.height) {
    throw new InputError(`the anchor clip ${o.anchorClip} is ${anchor.width}x${anchor.height}; the variant must be ${o.width}x${o.height}`, 'anchorClip', o.anchorClip);
  }
  const out = resolve(o.out);
  const partial = `${out}${partialSuffix}`;
  const work = await makeWorkDir('continuity-remix');
  try {
    const p = await prepareRemix(o, work);
    if (!p.graph) return { path: null, frames: p.frames, camera: p.camera, notes: p.notes, notRendered: p.notRendered, previz: true };
    await mkdir(dirname(out), { recursive: true });
    await write(p.graph, partial);
    await rename(partial, out);
    return { path: out, frames: p.frames, camera: p.camera, notes: p.notes, notRendered: [], previz: true };
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Render the remix clip to `out` (temp name, renamed when complete). */
export async function renderRemix(o: RemixOptions): Promise<RemixResult> {
  const result = await withPreparedRemix(o, async (graph, partial) => {
    const progress = createProgressParser(graph.frames);
    await runFfmpeg(remixArgs(graph, partial), {
      signal: o.signal, subject: o.anchorClip,
      onStdout: (chunk) => { const p = progress(chunk.toString('utf8')); if (p !== undefined) o.onProgress?.(p); },
    });
  }, '.partial');
  if (result.path) o.onProgress?.(1);
  return result;
}

/**
 * Only the remix's first frame, as a PNG at `out`: the start or guidance frame of a provider's
 * variant. The same graph as the clip stopped after frame 0, so it is the clip's first frame
 * without the encode (a provider is sent the change itself, not an H.264 copy of it, and no
 * clip is encoded only to be thrown away).
 */
export async function renderRemixFirstFrame(o: RemixOptions): Promise<RemixResult> {
  return withPreparedRemix(o, async (graph, partial) => {
    await runFfmpeg(remixFirstFrameArgs(graph, partial), { signal: o.signal, subject: o.anchorClip });
  }, '.partial.png');
}

async function loadRaw(png: Buffer) {
  const { data, info } = await sharp(png).removeAlpha().resize({ width: 320 }).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3 as const, data: new Uint8Array(data) };
}
