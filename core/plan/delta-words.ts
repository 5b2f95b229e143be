/**
 * Human words for declared changes (issue 16 item 8): a delta's label and text land in prompts,
 * shot labels and clip file names, so a file name ("product-bag.png") becomes the words it stands
 * for ("product bag"), and a value typed with its kind again ("prop: a brass tray" in the prop
 * field) loses the repeated kind instead of reading "prop: prop: a brass tray".
 */
import type { Delta } from '../domain/shot.ts';

const IMAGE_FILE = /\.(png|jpe?g|webp|gif|tiff?|avif|heic)$/i;
const KIND_PREFIX = /^\s*(?:palette|prop|scene|camera|motif)\s*:\s*/i;

/** `products/product-bag.png` → `product bag`; text that is not a file name is only trimmed. */
export function wordsFromFileName(text: string): string {
  const t = text.trim();
  if (!IMAGE_FILE.test(t)) return t;
  const base = t.split(/[\\/]/).pop()!.replace(IMAGE_FILE, '');
  const words = base.replace(/[-_.]+/g, ' ').replace(/\s+/g, ' ').trim();
  return words || t;
}

/** Text without its repeated `KIND:` prefixes ("prop: prop: a tray" → "a tray"), trimmed. */
function withoutKindPrefixes(text: string): string {
  let v = text.trim();
  while (KIND_PREFIX.test(v)) v = v.replace(KIND_PREFIX, '');
  return v;
}

/** A typed delta value without repeated `KIND:` prefixes, file names turned into words. */
export function deltaValueWords(value: string): string {
  return wordsFromFileName(withoutKindPrefixes(value));
}

const SEASON_PREFIX = /^\s*(spring|summer|autumn|winter|holiday)\s*(?:(?:motif|prop)\b\s*:?|:)\s*/i;

/**
 * A delta's label without the kind a caller puts in front of it: "prop: a brass tray" → "a brass
 * tray" (so "kind: label" never reads "prop: prop: …"); a label that is only the kind keeps it.
 */
export function labelWithoutKind(d: Pick<Delta, 'label'>): string {
  return withoutKindPrefixes(d.label) || d.label.trim();
}

/**
 * One delta as a person reads it on a chip, a marker or in a caption, its kind said once and a
 * seasonal change naming the real motif or prop: "prop: a brass tray", "autumn motif: scattered
 * fallen leaves", "autumn prop: a small pumpkin", "palette: teal night".
 */
export function deltaText(d: Delta): string {
  const rest = labelWithoutKind(d);
  switch (d.kind) {
    // An older seasonal label ("autumn motif", "autumn prop") names only the season: the chip
    // then names the motif or prop the delta carries.
    case 'motif': return `${d.season} motif: ${rest.replace(SEASON_PREFIX, '') || d.motif}`;
    case 'prop': {
      const season = SEASON_PREFIX.exec(rest);
      return season ? `${season[1]!.toLowerCase()} prop: ${rest.slice(season[0].length) || d.prop}` : `prop: ${rest}`;
    }
    case 'palette': return /\bpalette\b/i.test(rest) ? rest : `palette: ${rest}`;
    // "camera push-in" (an older label) says its kind without a colon.
    case 'scene':
    case 'camera': return `${d.kind}: ${rest.replace(new RegExp(`^${d.kind}\\b\\s*`, 'i'), '') || rest}`;
    default: { const never: never = d; return never; }
  }
}
