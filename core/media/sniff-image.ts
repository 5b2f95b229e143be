/**
 * Which still-image formats we decode, decided from the file's first bytes before any decoder
 * sees it. SVG is refused: librsvg follows `href`s to other files (a reference could read files
 * the look never listed), and a vector file is no photograph of a look anyway.
 */

export type ImageKind = 'png' | 'jpeg' | 'webp' | 'gif' | 'tiff' | 'heif' | 'avif';

const at = (b: Uint8Array, offset: number, ascii: string) => ascii.split('').every((c, i) => b[offset + i] === c.charCodeAt(0));

/** The image format the header bytes announce, or null for anything else (SVG, text, video…). */
export function sniffImage(head: Uint8Array): ImageKind | null {
  if (head[0] === 0x89 && at(head, 1, 'PNG')) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (at(head, 0, 'RIFF') && at(head, 8, 'WEBP')) return 'webp';
  if (at(head, 0, 'GIF87a') || at(head, 0, 'GIF89a')) return 'gif';
  if (at(head, 0, 'II*\0') || at(head, 0, 'MM\0*')) return 'tiff';
  if (at(head, 4, 'ftyp')) {
    const brand = String.fromCharCode(...head.subarray(8, 12));
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (['heic', 'heix', 'mif1', 'msf1', 'heim', 'heis'].includes(brand)) return 'heif';
  }
  return null;
}

/** True when the bytes look like XML/SVG (for a clearer refusal). */
export function looksLikeSvg(head: Uint8Array): boolean {
  const text = Buffer.from(head).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  return text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg')) || text.startsWith('<!doctype svg');
}
