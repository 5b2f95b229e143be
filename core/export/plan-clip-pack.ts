/**
 * Decide what goes into a pack and what every file is called, before anything is written:
 * which takes are delivered (review state), and the pack-relative path of each clip, original,
 * prompt pack, LUT and still. Pure, so the naming and review rules are unit-tested directly.
 */
import { extname } from 'node:path';
import { InputError } from '../domain/errors.ts';
import { allocateClipStems, lookSlug as lookSlugOf } from './clip-names.ts';
import { NameAllocator, sanitizeName } from './sanitize-name.ts';
import type { ClipPackInput, ExportClip, ExportFormat, SkippedClip, StillKind } from './types.ts';

export const FOLDERS = {
  clips: 'Clips',
  originals: 'Clips/Original',
  promptPacks: 'PromptPacks',
  luts: 'LUTs',
  stills: 'Stills',
  timelines: 'Timelines',
} as const;

export const CONTACT_SHEET = `${FOLDERS.stills}/contact-sheet.png`;
export const MANIFEST = 'manifest.json';
export const README = 'README.txt';

export interface PlannedStill { src: string; rel: string; kind: StillKind }

export interface PlannedClip {
  source: ExportClip;
  /** Index of this clip in `input.clips`, for error messages ("clips[3]"). */
  inputIndex: number;
  stem: string;
  clip: string;
  original: string;
  promptPack: string;
  lut?: string;
  stills: PlannedStill[];
  score?: number;
}

export interface PackPlan {
  /** The pack folder's name inside the export root (the look's name, sanitised). */
  folder: string;
  /** Short look slug used inside file names. */
  lookSlug: string;
  clips: PlannedClip[];
  skipped: SkippedClip[];
  lookLut?: { src: string; rel: string };
  /** Timeline files by format; `mlt` has two (.mlt and .kdenlive). */
  timelines: Partial<Record<ExportFormat, string[]>>;
}

/** A lower-case extension made of letters and digits only, or the fallback. */
export function safeExtension(path: string, fallback: string): string {
  const ext = extname(path).toLowerCase();
  return /^\.[a-z0-9]{1,8}$/.test(ext) ? ext : fallback;
}

function skipReason(clip: ExportClip): string {
  return clip.review === 'rejected'
    ? 'rejected in review (export with --all to deliver it anyway, marked as rejected)'
    : 'not reviewed yet (pending): approve it in review, or export with --all';
}

/** Choose the clips and name every file. Throws InputError when nothing is left to deliver. */
export function planClipPack(input: ClipPackInput, options: { includeAll?: boolean; formats: readonly ExportFormat[] }): PackPlan {
  const folder = sanitizeName(input.look.name, { fallback: 'Look' });
  const lookSlug = lookSlugOf(input.look.name);
  const chosen: { clip: ExportClip; index: number }[] = [];
  const skipped: SkippedClip[] = [];
  input.clips.forEach((clip, index) => {
    if (options.includeAll || clip.review === 'approved') chosen.push({ clip, index });
    else skipped.push({ shotId: clip.pack.shot.id, takeId: clip.pack.take?.id ?? null, label: clip.pack.shot.label, review: clip.review, reason: skipReason(clip) });
  });
  if (chosen.length === 0) {
    const pending = skipped.filter((s) => s.review === 'pending').length;
    const rejected = skipped.length - pending;
    throw new InputError(
      `nothing to export for look ${JSON.stringify(input.look.name)}: no approved takes (${pending} pending, ${rejected} rejected of ${input.clips.length}). ` +
      'Approve takes in review, or export everything with --all.', 'clips', input.clips.length);
  }

  const stems = allocateClipStems(input.look.name, chosen.map((c) => c.clip.pack));
  const luts = new NameAllocator();
  const stills = new NameAllocator();
  stills.allocate('contact-sheet', '.png');
  const lookLut = input.lookLutPath ? { src: input.lookLutPath, rel: `${FOLDERS.luts}/${luts.allocate(`${lookSlug}_look`, '.cube')}` } : undefined;

  const clips = chosen.map(({ clip, index }, i): PlannedClip => {
    const stem = stems[i]!;
    return {
      source: clip,
      inputIndex: index,
      stem,
      clip: `${FOLDERS.clips}/${stem}${safeExtension(clip.gradedPath, '.mp4')}`,
      original: `${FOLDERS.originals}/${stem}${safeExtension(clip.originalPath, '.mp4')}`,
      promptPack: `${FOLDERS.promptPacks}/${stem}.json`,
      lut: clip.lutPath ? `${FOLDERS.luts}/${luts.allocate(stem, '.cube')}` : undefined,
      stills: clip.stills.map((s) => ({ src: s.path, kind: s.kind, rel: `${FOLDERS.stills}/${stills.allocate(`${stem}_${s.kind}`, safeExtension(s.path, '.png'))}` })),
      score: clip.score ?? clip.pack.quality?.score,
    };
  });

  const timelines: PackPlan['timelines'] = {};
  const base = `${FOLDERS.timelines}/${lookSlug}`;
  for (const f of options.formats) {
    if (f === 'mlt') timelines.mlt = [`${base}.mlt`, `${base}.kdenlive`];
    else timelines[f] = [`${base}.${f}`];
  }
  return { folder, lookSlug, clips, skipped, lookLut, timelines };
}
