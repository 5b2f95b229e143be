/**
 * Human words for declared changes (issue 16 item 8): a delta's label and text land in prompts,
 * shot labels and clip file names, so a file name ("product-bag.png") becomes the words it stands
 * for ("product bag"), and a value typed with its kind again ("prop: a brass tray" in the prop
 * field) loses the repeated kind instead of reading "prop: prop: a brass tray".
 */

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

/** A typed delta value without repeated `KIND:` prefixes, file names turned into words. */
export function deltaValueWords(value: string): string {
  let v = value.trim();
  while (KIND_PREFIX.test(v)) v = v.replace(KIND_PREFIX, '');
  return wordsFromFileName(v);
}
