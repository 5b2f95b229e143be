/**
 * `auditClips`: the continuity audit (issue 4 item 6). Scores every clip in a folder against a
 * look, worst drifts first, with a thumbnail, the reasons, and a suggested LUT per clip written
 * next to the report (plus what palette ΔE that LUT would leave). One decode per clip feeds the
 * score, the LUT estimate and the thumbnail.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { InputError, isCanceled } from '../domain/errors.ts';
import type { ShotKind } from '../domain/shot.ts';
import { applyTransformToImage } from '../color/color-transform.ts';
import { paletteDistance } from '../color/palette-distance.ts';
import { encodePng } from '../media/write-png.ts';
import { writeFileAtomic } from '../store/atomic-write.ts';
import { estimateClipLut } from '../grade/clip-lut.ts';
import { loadReferences, readVideoFrames } from './load-frames.ts';
import { lookPalette, measureTake } from './measure-frames.ts';
import { scoreMetrics, type MetricCheck, type TakeMetrics } from './score-metrics.ts';
import { thresholdsFor } from './thresholds.ts';
import { renderAuditHtml } from './audit-html.ts';

export const AUDIT_VIDEO_EXTENSIONS = new Set(['.mp4', '.mov', '.m4v', '.mkv', '.webm', '.avi']);

export interface AuditClip {
  file: string;
  name: string;
  score: number | null;
  pass: boolean;
  reasons: string[];
  /** Each judged metric: value, limit, pass, reason (empty when the clip could not be read). */
  checks: MetricCheck[];
  metrics: TakeMetrics | null;
  /** Suggested LUT, path relative to the report's folder. */
  lut: string | null;
  lutMethod: string | null;
  /** Palette ΔE2000 the suggested LUT would leave (measured on the pooled frames). */
  paletteDeltaEAfterLut: number | null;
  /** Set when the clip could not be read; the audit carries on with the others. */
  error: string | null;
}

export interface AuditReport {
  generatedAt: string;
  dir: string;
  references: string[];
  kind: ShotKind;
  summary: { clips: number; passed: number; failed: number; unreadable: number };
  /** Worst first: unreadable, then lowest score, then largest palette drift. */
  clips: AuditClip[];
  html: string;
  json: string | null;
}

export interface AuditInput {
  dir: string;
  referenceImages: readonly string[];
  /** Report HTML path; LUTs go beside it. */
  out: string;
  /** Also write the report as JSON here. */
  json?: string;
  kind?: ShotKind;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, file: string) => void;
}

async function listClips(dir: string): Promise<string[]> {
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new InputError(`DIR is not a folder: ${dir}`, 'dir', dir);
    names = await readdir(dir);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`DIR not found or not readable: ${dir}`, 'dir', dir);
  }
  const clips = names.filter((n) => !n.startsWith('.') && AUDIT_VIDEO_EXTENSIONS.has(extname(n).toLowerCase())).sort();
  if (clips.length === 0) throw new InputError(`no video clips (${[...AUDIT_VIDEO_EXTENSIONS].join(' ')}) in ${dir}`, 'dir', dir);
  return clips.map((n) => join(dir, n));
}

function uniqueLutName(clip: string, used: Set<string>): string {
  const stem = basename(clip, extname(clip)).replace(/[^\w.-]+/g, '_');
  let name = `${stem}.suggested.cube`;
  for (let i = 2; used.has(name); i++) name = `${stem}-${i}.suggested.cube`;
  used.add(name);
  return name;
}

const worstFirst = (a: AuditClip, b: AuditClip) =>
  (a.error ? 0 : 1) - (b.error ? 0 : 1) || (a.score ?? 0) - (b.score ?? 0) || (b.metrics?.paletteDeltaE ?? 0) - (a.metrics?.paletteDeltaE ?? 0);

/** Audit every clip in `dir` against the reference images and write the report(s). */
export async function auditClips(input: AuditInput): Promise<AuditReport> {
  if (extname(input.out).toLowerCase() !== '.html') throw new InputError(`--out must be an .html file, got ${input.out}`, 'out', input.out);
  const clipsOnDisk = await listClips(input.dir);
  const references = await loadReferences(input.referenceImages);
  const kind = input.kind ?? 'anchor';
  const { thresholds } = thresholdsFor(kind);
  const reportDir = dirname(resolve(input.out));
  const used = new Set<string>();
  const clips: AuditClip[] = [];
  const thumbnails = new Map<string, string>();

  for (const [i, file] of clipsOnDisk.entries()) {
    input.onProgress?.(i, clipsOnDisk.length, file);
    const name = basename(file);
    try {
      const frames = await readVideoFrames(file, { signal: input.signal });
      const { metrics, problems } = measureTake(frames, references);
      const verdict = scoreMetrics(metrics, thresholds, problems);
      const suggestion = estimateClipLut(frames.pooled, references.images, { referencePalette: references.palette, title: `Suggested grade for ${name}` });
      const lutName = uniqueLutName(file, used);
      await writeFileAtomic(join(reportDir, lutName), suggestion.cube);
      const after = paletteDistance(lookPalette(frames.pooled.map((f) => applyTransformToImage(f, suggestion.transform))), references.palette);
      const middle = frames.pooled[Math.floor(frames.pooled.length / 2)]!;
      thumbnails.set(file, `data:image/png;base64,${(await encodePng(middle)).toString('base64')}`);
      clips.push({ file, name, ...verdict, metrics, lut: lutName, lutMethod: suggestion.method, paletteDeltaEAfterLut: after, error: null });
    } catch (err) {
      if (isCanceled(err)) throw err;
      // One unreadable clip must not sink the audit of the others: it is reported, worst first.
      clips.push({ file, name, score: null, pass: false, reasons: [], checks: [], metrics: null, lut: null, lutMethod: null, paletteDeltaEAfterLut: null, error: (err as Error).message.split('\n')[0]! });
    }
  }
  input.onProgress?.(clipsOnDisk.length, clipsOnDisk.length, '');
  clips.sort(worstFirst);
  const report: AuditReport = {
    generatedAt: new Date().toISOString(),
    dir: resolve(input.dir),
    references: input.referenceImages.map((r) => resolve(r)),
    kind,
    summary: { clips: clips.length, passed: clips.filter((c) => c.pass).length, failed: clips.filter((c) => !c.pass && !c.error).length, unreadable: clips.filter((c) => c.error).length },
    clips,
    html: resolve(input.out),
    json: input.json ? resolve(input.json) : null,
  };
  const referenceThumbs = await Promise.all(references.images.map(async (img) => `data:image/png;base64,${(await encodePng(img)).toString('base64')}`));
  await writeFileAtomic(input.out, renderAuditHtml(report, { thumbnails, referenceThumbs, thresholds }));
  if (input.json) await writeFileAtomic(input.json, JSON.stringify(report, null, 2) + '\n');
  return report;
}
