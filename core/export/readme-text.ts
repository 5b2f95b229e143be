/**
 * README.txt for the editor who receives the pack: what is inside and how to bring it into
 * DaVinci Resolve, Premiere Pro, Final Cut Pro and Kdenlive. Plain text, no timestamps, so it
 * is byte-identical between exports of the same takes.
 */
import type { PackPlan } from './plan-clip-pack.ts';
import { CONTACT_SHEET, FOLDERS, MANIFEST } from './plan-clip-pack.ts';
import type { ExportSettings } from './types.ts';

/**
 * Who approved the delivered takes (STYLE.md "Records"): a gate pass in a headless run is not a
 * person's review, and the editor is told which clips nobody has looked at yet.
 */
function approvalLines(plan: PackPlan): string[] {
  const approved = plan.clips.filter((c) => c.source.review === 'approved');
  if (approved.length === 0) return [];
  const by = (who: 'gate' | 'person') => approved.filter((c) => c.source.pack.review?.approvedBy === who).length;
  const gate = by('gate'), person = by('person'), unknown = approved.length - gate - person;
  return [
    gate ? `${gate} of them approved by the quality gate in a headless run (no person reviewed them): "review" in each prompt pack says when and by which run.` : undefined,
    person ? `${person} approved by a person in review ("review" in each prompt pack says when and by which action).` : undefined,
    unknown ? `${unknown} approved before the project recorded who approves (who and when unknown).` : undefined,
  ].filter((l): l is string => l !== undefined);
}

/** The pack's README.txt text. Pure: no timestamps, same plan → same bytes. */
export function buildReadme(plan: PackPlan, info: { lookName: string; appVersion: string; settings: ExportSettings; includeAll: boolean }): string {
  const s = info.settings;
  const t = plan.timelines;
  const timeline = (f: keyof typeof t, i = 0) => t[f]?.[i];
  const rejected = plan.clips.filter((c) => c.source.review !== 'approved').length;
  const previz = plan.clips.filter((c) => c.source.pack.take?.previz).length;
  const lines = [
    `${info.lookName} — clip pack`,
    `Made by Continuity Studio ${info.appVersion}.`,
    '',
    `${plan.clips.length} clip${plan.clips.length === 1 ? '' : 's'}, each ${s.width}x${s.height}, ${s.fps} fps, ${s.seconds} s, in timeline order:`,
    'anchor shots first, then their variants, then seasonal swaps (or the session order).',
    info.includeAll && rejected > 0 ? `Includes ${rejected} take(s) that were not approved in review: see "review" in ${MANIFEST}.` : 'Only approved takes are included.',
    ...approvalLines(plan),
    plan.skipped.length ? `${plan.skipped.length} take(s) were left out; ${MANIFEST} lists them under "skipped" with the reason.` : undefined,
    // Issue 12 item 2: previz is said wherever a clip is shown; the file's own comment tag says it too.
    previz ? `PREVIZ: ${previz === plan.clips.length ? 'every clip is' : `${previz} of the clips are`} a local animatic (previz) rendered from the references, not AI generation.` : undefined,
    previz ? `        Each such file says so in its "comment" tag (graded and original) and its prompt pack ("take.previz": true).` : undefined,
    '',
    'WHAT IS INSIDE',
    `  ${`${FOLDERS.clips}/`.padEnd(18)}graded clips (what the timelines use). Names: look_kind+index_shot_delta_vN.`,
    `  ${`${FOLDERS.originals}/`.padEnd(18)}the same takes before the colour grade.`,
    `  ${`${FOLDERS.promptPacks}/`.padEnd(18)}one JSON per clip: prompt, references, model, seed, scores. Enough to re-make the take.`,
    `  ${`${FOLDERS.luts}/`.padEnd(18)}.cube LUTs: the grade applied to each clip (each clip has its own, estimated from its frames toward the look's references)${plan.lookLut ? `, and ${plan.lookLut.rel.slice(FOLDERS.luts.length + 1)}, the look's LUT` : ''}.`,
    `  ${`${FOLDERS.stills}/`.padEnd(18)}keyframes and bridge frames the clips were generated from, and ${CONTACT_SHEET.slice(FOLDERS.stills.length + 1)}.`,
    `  ${`${FOLDERS.timelines}/`.padEnd(18)}the sequence as ${Object.values(t).flat().map((p) => p.slice(FOLDERS.timelines.length + 1)).join(', ') || '(no timelines requested)'}.`,
    `  ${MANIFEST.padEnd(18)}every file with its sha256 and size, the app version and the batch settings.`,
    '',
    'IMPORT',
    timeline('fcpxml') ? `  Final Cut Pro:   File > Import > XML… and choose ${timeline('fcpxml')}. Markers carry the shot kind and deltas.` : undefined,
    `  DaVinci Resolve: File > Import > Timeline… and choose ${timeline('fcpxml') ?? timeline('otio') ?? timeline('edl') ?? 'a timeline file'}` +
      (timeline('otio') ? ` (or the .otio, which also carries each clip's prompt pack as metadata).` : '.'),
    '                   For an EDL, first add Clips/ to the Media Pool so Resolve can match the clip names.',
    timeline('edl') ? `  Premiere Pro:    File > Import… and choose ${timeline('edl')}; when asked, point it at ${FOLDERS.clips}/. (Premiere does not read FCPXML.)` : undefined,
    timeline('mlt') ? `  Kdenlive:        File > Open… and choose ${timeline('mlt', 1)}. ${timeline('mlt', 0)} is the same edit as plain MLT (melt FILE renders it).` : undefined,
    `  LUTs:            apply ${FOLDERS.luts}/*.cube with Resolve's LUT browser, Premiere's Lumetri (Creative > Look),`,
    '                   Final Cut\'s Custom LUT effect or Kdenlive\'s "Apply LUT". The clips in Clips/ are already graded.',
    '',
    'MOVING THE PACK',
    '  The .edl, .mlt and .kdenlive files find clips by name or relative path and keep working after a move.',
    '  The .fcpxml and .otio reference clips by absolute file URL (the formats require it), and the .edl names',
    '  each clip\'s path in "* FROM CLIP:". After moving or copying the pack, run "continuity relink PACK" (or',
    '  "Relink pack…" in the app): it checks every clip against manifest.json and points those links at the new place.',
    '',
    'CHECKING THE PACK',
    `  Every file's sha256 is listed in ${MANIFEST}; e.g. "sha256sum Clips/*" and compare.`,
    '',
  ];
  return lines.filter((l) => l !== undefined).join('\n');
}
