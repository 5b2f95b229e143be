/**
 * Stable, human-readable clip names: `<look>_<kind><index>_<shot>_<delta>_v<N>` (DESIGN.md §8).
 * Built only from the prompt pack, so the same take gets the same name in every export no matter
 * which other takes are delivered beside it (the index is the shot's matrix index, not a count of
 * exported clips).
 */
import type { Delta } from '../domain/shot.ts';
import type { PromptPack } from '../domain/prompt-pack.ts';
import { deltaText, labelWithoutKind } from '../plan/delta-words.ts';
import { NameAllocator, slugPart, truncateUtf8 } from './sanitize-name.ts';

/**
 * Stem budget: look 20 + kind+index ~11 + shot 22 + delta 36 + version + separators stays under
 * 100 bytes, leaving room in the 120-byte name limit for a still suffix ("_bridge-frame-2.png").
 */
const STEM_BYTES = 100;

/** Deltas as one name part: "base" for an anchor, else kind-label pairs joined by "+". */
export function deltaSlug(deltas: readonly Delta[]): string {
  if (deltas.length === 0) return 'base';
  return deltas.map((d) => `${d.kind}-${labelWithoutKind(d)}`).join('+');
}

/**
 * A slug cut to `maxBytes` at a word boundary ("-" or "+"), never mid-word (issue 16 item 8:
 * "file names cut mid-word"); a first word longer than the budget is cut, as nothing else fits.
 */
export function slugAtWords(raw: string, maxBytes: number, fallback: string): string {
  const whole = slugPart(raw, { maxBytes: 1000, fallback });
  if (Buffer.byteLength(whole) <= maxBytes) return whole;
  const cut = truncateUtf8(whole, maxBytes);
  // The cut ends a word when the next character of the whole slug is a separator.
  if (/^[-+]/.test(whole.slice(cut.length))) return cut.replace(/[-+]+$/, '');
  const at = Math.max(cut.lastIndexOf('-'), cut.lastIndexOf('+'));
  return at > 0 ? cut.slice(0, at) : slugPart(cut, { maxBytes, fallback });
}

/** A short human description of deltas for markers and captions: "palette: teal night; prop: mug". */
export function describeDeltas(deltas: readonly Delta[]): string {
  return deltas.length === 0 ? 'no deltas (anchor look)' : deltas.map(deltaText).join('; ');
}

/**
 * Whole words from the start of a title, up to about `max` characters ("Harbour Roast — Autumn
 * Menu" → "Harbour Roast"), so a long look name is shortened where a person would cut it.
 */
export function leadingWords(title: string, max: number): string {
  const words = title.split(/[\s\p{P}\p{S}]+/u).filter(Boolean);
  let out = '';
  for (const w of words) {
    const next = out ? `${out} ${w}` : w;
    if (next.length > max) break;
    out = next;
  }
  return out || title;
}

/**
 * The look's part of every file name in a pack: clips, LUTs and timelines (issue 15: timelines
 * were slugged separately and kept "—" while dropping words the clip names kept). Whole leading
 * words up to 20 characters, slugged: "Harbour Roast — Autumn Menu" → "Harbour-Roast-Autumn".
 */
export function lookSlug(lookName: string): string {
  return slugPart(leadingWords(lookName, 20), { maxBytes: 20, fallback: 'look' });
}

/** One clip's name stem, each part slugged and bounded (not yet de-duplicated). */
export function clipStem(lookName: string, pack: PromptPack): string {
  const index = String(pack.shot.index + 1).padStart(2, '0');
  const version = pack.take?.attempt ?? 1;
  // Each part is bounded so a long look name cannot push the version off the end.
  const look = lookSlug(lookName);
  // The shot id (a1, a1-v2, a2-s1) is short, stable and says where the clip sits in the matrix.
  const shot = slugPart(pack.shot.id || pack.shot.label, { maxBytes: 22, fallback: 'shot' });
  const delta = slugAtWords(deltaSlug(pack.deltas), 36, 'delta');
  return `${look}_${pack.shot.kind}${index}_${shot}_${delta}_v${version}`;
}

/**
 * Names for every clip of a pack, unique case-insensitively. Clip files, prompt packs and LUTs
 * share the stem so an editor can match them by eye.
 */
export function allocateClipStems(lookName: string, packs: readonly PromptPack[]): string[] {
  const names = new NameAllocator();
  return packs.map((p) => names.allocate(clipStem(lookName, p), '', STEM_BYTES));
}
