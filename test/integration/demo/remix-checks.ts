/**
 * Issue 11 acceptance on a delivered clip pack: every variant and seasonal swap is made from its
 * anchor's take (its prompt pack names it), is never byte-identical to its anchor, keeps the
 * anchor's structure unless it declares a camera change (independent equalised-luma SSIM ≥ 0.6),
 * and a palette variant — a camera change included — lands closer to its declared colours than its
 * anchor does. Both figures come from test helpers that share no code with core/color or the gate.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { PromptPack } from '../../../core/domain/prompt-pack.ts';
import { distanceToDeclared } from '../../helpers/dominant-colours.ts';
import { equalisedLumaSsim } from '../../helpers/equalised-ssim.ts';

export interface RemixFigure {
  shot: string; anchor: string; deltas: string; ssim: number;
  /** Independent ΔE2000 distance (test/helpers/dominant-colours.ts) of anchor and variant to the declared colours. */
  paletteBefore?: number; paletteAfter?: number;
}

/** One line per figure, for the test's diagnostics and the script's output. */
export function describeFigure(f: RemixFigure): string {
  return `${f.shot} (${f.deltas}, from ${f.anchor}) SSIM ${f.ssim.toFixed(3)}${f.paletteAfter !== undefined ? ` palette ΔE2000 ${f.paletteBefore!.toFixed(2)} → ${f.paletteAfter.toFixed(2)}` : ''}`;
}

/**
 * The clip of take `takeId` from the project store beside the pack (`<out>/.continuity-project`),
 * for an anchor the gate held for review: not in the pack, but its variants are made from it and
 * must be measured against it. The graded clip when there is one (what a remix starts from).
 */
function takeClipFromProject(root: string, takeId: string): string | null {
  const project = join(dirname(root), '.continuity-project');
  let db: Database.Database;
  try { db = new Database(join(project, 'project.sqlite'), { readonly: true, fileMustExist: true }); } catch { return null; }
  try {
    const row = db.prepare('SELECT graded_sha256 AS graded, output_sha256 AS output FROM takes WHERE id = ?').get(takeId) as { graded: string | null; output: string | null } | undefined;
    const sha = row?.graded ?? row?.output;
    return sha ? join(project, 'assets', sha.slice(0, 2), `${sha}.mp4`) : null;
  } finally { db.close(); }
}

/**
 * Measure every variant and seasonal swap in `root` (a pack folder). Every failed item is
 * collected, so one run names them all; `failures` is empty when the pack meets the acceptance.
 */
export function measureRemixedVariants(root: string): { figures: RemixFigure[]; failures: string[] } {
  const packs = readdirSync(join(root, 'PromptPacks')).filter((f) => f.endsWith('.json')).map((f) => ({
    clip: join(root, 'Clips', f.replace(/\.json$/, '.mp4')),
    pack: JSON.parse(readFileSync(join(root, 'PromptPacks', f), 'utf8')) as PromptPack,
  }));
  const byShot = new Map(packs.map((p) => [p.pack.shot.id, p]));
  const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
  const figures: RemixFigure[] = [];
  const failures: string[] = [];
  const check = (ok: unknown, what: string) => { if (!ok) failures.push(what); };
  for (const v of packs.filter((p) => p.pack.shot.kind === 'variant' || p.pack.shot.kind === 'seasonal')) {
    const id = v.pack.shot.id;
    const anchor = byShot.get(v.pack.shot.parentId ?? '');
    check(v.pack.take?.mechanism === 'remix', `${id} is a remix (mechanism ${v.pack.take?.mechanism})`);
    check(v.pack.take?.remix?.instruction, `${id} records the instruction sent`);
    const anchorTakeId = v.pack.take?.remix?.anchorTakeId;
    check(anchorTakeId, `${id} names its anchor's take`);
    if (anchor) check(anchorTakeId === anchor.pack.take?.id, `${id}'s prompt pack names its anchor's take id (${anchorTakeId} vs ${anchor.pack.take?.id})`);
    // An anchor the gate held for review is listed, not delivered: its take is read from the project.
    const anchorClip = anchor?.clip ?? (anchorTakeId ? takeClipFromProject(root, anchorTakeId) : null);
    if (!anchorClip) { check(false, `${id}: its anchor ${v.pack.shot.parentId}'s take ${anchorTakeId} is neither in the pack nor in the project beside it`); continue; }
    check(sha(v.clip) !== sha(anchorClip), `${id} is not byte-identical to its anchor`);
    const fig: RemixFigure = { shot: id, anchor: `${v.pack.shot.parentId}${anchor ? '' : ' (held for review; its take from the project)'}`, deltas: v.pack.deltas.map((d) => d.kind).join('+'), ssim: equalisedLumaSsim(v.clip, anchorClip) };
    if (!v.pack.deltas.some((d) => d.kind === 'camera')) check(fig.ssim >= 0.6, `${id} keeps its anchor's structure: SSIM ${fig.ssim.toFixed(3)} ≥ 0.6`);
    const palette = v.pack.deltas.find((d) => d.kind === 'palette');
    if (palette?.kind === 'palette') {
      fig.paletteBefore = distanceToDeclared(anchorClip, palette.targetHex).distance;
      fig.paletteAfter = distanceToDeclared(v.clip, palette.targetHex).distance;
      check(fig.paletteAfter < fig.paletteBefore, `${id} is closer to its declared colours than its anchor: ΔE2000 ${fig.paletteBefore.toFixed(2)} → ${fig.paletteAfter.toFixed(2)}`);
    }
    figures.push(fig);
  }
  check(figures.length > 0, 'the pack has variants beside delivered anchors');
  return { figures, failures };
}

/** The test's form: throws naming every failed item; returns the figures for diagnostics. */
export function checkRemixedVariants(root: string): RemixFigure[] {
  const { figures, failures } = measureRemixedVariants(root);
  assert.deepEqual(failures, [], `issue 11 acceptance on ${root}:\n${figures.map(describeFigure).join('\n')}`);
  return figures;
}
