/**
 * writeClipPack: the NLE-ready clip pack of DESIGN.md §8 (issue 5 items 1–4). Validates the
 * input, plans every name, builds the whole pack in a hidden temp folder beside the target,
 * hashes it into manifest.json and swaps it into place — so a kill at any instant leaves the
 * previous complete pack or the new complete pack (see swap-into-place.ts), never a mix.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, realpath, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { CanceledError, InputError } from '../domain/errors.ts';
import { createLogger } from '../log/logger.ts';
import { probe, type ProbeResult } from '../media/probe.ts';
import { buildEdl } from './build-edl.ts';
import { buildFcpxml } from './build-fcpxml.ts';
import { buildKdenlive, buildMlt } from './build-mlt.ts';
import { buildOtio } from './build-otio.ts';
import { describeDeltas } from './clip-names.ts';
import { renderContactSheet, type SheetItem } from './contact-sheet.ts';
import { decodeFrames } from '../media/decode-frames.ts';
import { inLanes } from './in-lanes.ts';
import type { RawImage } from '../domain/raw-image.ts';
import { GENERATOR, MANIFEST_VERSION, serializeManifest, type Manifest } from './manifest.ts';
import { PackWriter } from './pack-writer.ts';
import { CONTACT_SHEET, MANIFEST, README, planClipPack, type PackPlan, type PlannedClip } from './plan-clip-pack.ts';
import { buildReadme } from './readme-text.ts';
import { assertReplaceable, partialPrefix, recoverInterruptedExport, swapIntoPlace } from './swap-into-place.ts';
import { fileUrl, type Timeline } from './timeline-model.ts';
import { EXPORT_FORMATS, type ClipPackInput, type ClipPackResult, type ExportFormat, type WriteClipPackOptions } from './types.ts';
import { validateClipPackInput, validateFormats } from './validate-input.ts';

const log = createLogger('export');

/** Preferred still for a clip's contact-sheet thumbnail. */
const THUMB_ORDER = ['representative', 'keyframe', 'bridge-frame'] as const;

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CanceledError('export canceled');
}

/** Probe every planned clip, checking it against the batch's size and rate. */
async function probeClips(plan: PackPlan, input: ClipPackInput, signal?: AbortSignal): Promise<ProbeResult[]> {
  const { width, height, fps } = input.settings;
  return inLanes(plan.clips, availableParallelism(), async (c) => {
    const at = `clips[${c.inputIndex}].gradedPath`;
    const p = await probe(c.source.gradedPath, { signal });
    if (p.width !== width || p.height !== height) {
      throw new InputError(`${at}: ${c.source.gradedPath} is ${p.width}x${p.height} but the batch is ${width}x${height}; every clip of a pack must match`, at, c.source.gradedPath);
    }
    if (Math.abs(p.fps - fps) > 0.01 * fps) {
      throw new InputError(`${at}: ${c.source.gradedPath} runs at ${p.fps.toFixed(3)} fps but the batch is ${fps} fps`, at, c.source.gradedPath);
    }
    return p;
  });
}

function buildTimeline(plan: PackPlan, input: ClipPackInput, frames: number[], finalRoot: string): Timeline {
  return {
    title: input.look.name,
    width: input.settings.width,
    height: input.settings.height,
    fps: input.settings.fps,
    clips: plan.clips.map((c, i) => ({
      name: c.stem,
      fileName: c.clip.split('/').pop()!,
      relPath: c.clip,
      url: fileUrl(join(finalRoot, ...c.clip.split('/'))),
      frames: frames[i]!,
      kind: c.source.pack.shot.kind,
      shotId: c.source.pack.shot.id,
      label: c.source.pack.shot.label,
      deltas: c.source.pack.deltas,
      review: c.source.review,
      score: c.score,
      pack: c.source.pack,
      promptPackPath: c.promptPack,
    })),
  };
}

/** A still of the clip, or its middle frame (core/media picks it) when it has none. */
async function thumbnailSource(c: PlannedClip, probed: ProbeResult, signal?: AbortSignal): Promise<Buffer | RawImage> {
  for (const kind of THUMB_ORDER) {
    const still = c.source.stills.find((s) => s.kind === kind);
    if (still) return readFile(still.path);
  }
  const [frame] = await decodeFrames(c.source.gradedPath, { count: 1, maxWidth: 640, signal, probed });
  if (!frame) throw new InputError(`clips[${c.inputIndex}].gradedPath: no frame could be decoded from ${c.source.gradedPath}`, `clips[${c.inputIndex}].gradedPath`, c.source.gradedPath);
  return frame;
}

function timelineText(format: ExportFormat, t: Timeline, appVersion: string): string[] {
  switch (format) {
    case 'fcpxml': return [buildFcpxml(t)];
    case 'edl': return [buildEdl(t)];
    case 'otio': return [buildOtio(t, { appVersion })];
    case 'mlt': return [buildMlt(t), buildKdenlive(t)];
  }
}

/**
 * Write the clip pack for `input` into `<outDir>/<Look>/`, replacing a previous pack of the same
 * look atomically. Only approved takes unless `includeAll`; the rest are returned in `skipped`.
 * Throws InputError for bad input (nothing written), CanceledError on abort (temp removed).
 */
export async function writeClipPack(input: ClipPackInput, options: WriteClipPackOptions): Promise<ClipPackResult> {
  const { signal, onProgress } = options;
  const progress = (fraction: number, step: string) => onProgress?.({ fraction, step });
  const formats = validateFormats(options.formats ?? [...EXPORT_FORMATS]);
  const valid = await validateClipPackInput(input);
  const plan = planClipPack(valid, { includeAll: options.includeAll, formats });
  if (typeof options.outDir !== 'string' || !options.outDir) throw new InputError(`outDir must be a folder path, got ${JSON.stringify(options.outDir)}`, 'out', options.outDir);
  checkAbort(signal);

  await mkdir(resolve(options.outDir), { recursive: true });
  // The real path, so file URLs in the timelines point where the files really are.
  const outDir = await realpath(resolve(options.outDir));
  const finalRoot = join(outDir, plan.folder);
  recoverInterruptedExport(outDir, plan.folder);
  assertReplaceable(finalRoot);

  progress(0.02, 'checking clips');
  const probes = await probeClips(plan, valid, signal);
  const frames = plan.clips.map((c, i) => c.source.frames ?? probes[i]!.frameCount);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tempDir = join(outDir, `${partialPrefix(plan.folder)}${tag}`);
  await mkdir(tempDir);
  try {
    const w = new PackWriter(tempDir);
    const n = plan.clips.length;
    for (const [i, c] of plan.clips.entries()) {
      checkAbort(signal);
      progress(0.05 + 0.6 * (i / n), `copying clip ${i + 1} of ${n}`);
      await w.copyFile(c.clip, c.source.gradedPath);
      await w.copyFile(c.original, c.source.originalPath);
      await w.writeFile(c.promptPack, JSON.stringify(c.source.pack, null, 2) + '\n');
      if (c.lut && c.source.lutPath) await w.copyFile(c.lut, c.source.lutPath);
      for (const s of c.stills) await w.copyFile(s.rel, s.src);
    }
    if (plan.lookLut) await w.copyFile(plan.lookLut.rel, plan.lookLut.src);

    checkAbort(signal);
    progress(0.7, 'contact sheet');
    const items: SheetItem[] = await inLanes(plan.clips, availableParallelism(), async (c, i) => ({
      image: await thumbnailSource(c, probes[i]!, signal),
      name: c.stem,
      kind: c.source.pack.shot.kind,
      deltas: describeDeltas(c.source.pack.deltas),
      score: c.score,
      review: c.source.review,
    }));
    await w.writeFile(CONTACT_SHEET, await renderContactSheet(items, { title: `${valid.look.name} — ${n} clip${n === 1 ? '' : 's'}`, aspect: valid.settings }));

    checkAbort(signal);
    progress(0.8, 'timelines');
    const timeline = buildTimeline(plan, valid, frames, finalRoot);
    for (const f of formats) {
      const texts = timelineText(f, timeline, valid.appVersion);
      for (const [j, text] of texts.entries()) await w.writeFile(plan.timelines[f]![j]!, text);
    }
    await w.writeFile(README, buildReadme(plan, { lookName: valid.look.name, appVersion: valid.appVersion, settings: valid.settings, includeAll: Boolean(options.includeAll) }));

    checkAbort(signal);
    progress(0.9, 'manifest');
    const files = await w.digest();
    const manifest: Manifest = {
      schemaVersion: MANIFEST_VERSION,
      generator: { name: GENERATOR, appVersion: valid.appVersion },
      createdAt: valid.createdAt ?? new Date().toISOString(),
      look: { name: valid.look.name, folder: plan.folder },
      settings: { ...valid.settings },
      formats,
      includeAll: Boolean(options.includeAll),
      clips: plan.clips.map((c, i) => ({
        name: c.stem,
        file: c.clip,
        original: c.original,
        promptPack: c.promptPack,
        lut: c.lut ?? null,
        stills: c.stills.map((s) => s.rel),
        shotId: c.source.pack.shot.id,
        takeId: c.source.pack.take?.id ?? null,
        kind: c.source.pack.shot.kind,
        deltas: c.source.pack.deltas.map((d) => `${d.kind}: ${d.label}`),
        review: c.source.review,
        score: c.score ?? null,
        frames: frames[i]!,
      })),
      skipped: plan.skipped,
      timelines: Object.values(plan.timelines).flat().sort(),
      files,
    };
    await w.writeFile(MANIFEST, serializeManifest(manifest));
    await w.syncDirs();

    checkAbort(signal);
    progress(0.97, 'publishing');
    await swapIntoPlace(tempDir, outDir, plan.folder, tag);
    progress(1, 'done');
    log.info('clip pack written', { root: finalRoot, clips: n, skipped: plan.skipped.length });
    return {
      root: finalRoot,
      manifestPath: join(finalRoot, MANIFEST),
      files,
      skipped: plan.skipped,
      clips: plan.clips.map((c) => ({ name: c.stem, review: c.source.review })),
    };
  } catch (err) {
    await rm(tempDir, { recursive: true, force: true });
    throw err;
  }
}
