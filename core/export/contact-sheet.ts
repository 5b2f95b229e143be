/**
 * Stills/contact-sheet.png: one thumbnail per delivered clip in timeline order, captioned with
 * its name, kind, deltas, score and review state, so an editor or client can approve a batch at
 * a glance. Thumbnails are composited with sharp; captions are one SVG overlay (librsvg renders
 * it with the system's fonts — DejaVu/Liberation on Linux, Helvetica/Arial elsewhere).
 */
import sharp, { type OverlayOptions } from 'sharp';
import type { RawImage } from '../domain/raw-image.ts';
import type { ReviewState } from './types.ts';
import { xmlEscape } from './xml-text.ts';

export interface SheetItem {
  /** Encoded image (PNG/JPEG/WebP) or decoded pixels (a frame from core/media decodeFrames). */
  image: Buffer | RawImage;
  name: string;
  kind: string;
  deltas: string;
  score?: number;
  review: ReviewState;
}

export interface SheetLayout {
  cols: number; rows: number;
  thumbW: number; thumbH: number;
  cellW: number; cellH: number;
  pad: number; header: number; caption: number;
  width: number; height: number;
}

const BG = '#15171b';
const FONT = 'DejaVu Sans, Liberation Sans, Helvetica, Arial, sans-serif';
const REVIEW_COLOR: Record<ReviewState, string> = { approved: '#5fd38d', rejected: '#ff6b6b', pending: '#f2c14e' };

/** Grid geometry: up to 4 columns, 320 px wide thumbnails at the clips' aspect ratio. */
export function contactSheetLayout(count: number, aspect: { width: number; height: number }): SheetLayout {
  const cols = Math.max(1, Math.min(4, count));
  const rows = Math.max(1, Math.ceil(count / cols));
  const thumbW = 320;
  const thumbH = Math.max(1, Math.round((thumbW * aspect.height) / aspect.width));
  const pad = 16, header = 48, caption = 62;
  const cellW = thumbW + pad, cellH = thumbH + caption + pad;
  return { cols, rows, thumbW, thumbH, cellW, cellH, pad, header, caption, width: pad + cols * cellW, height: header + pad + rows * cellH };
}

/** Shorten to roughly `maxChars` glyphs with an ellipsis (code-point safe). */
export function ellipsize(text: string, maxChars: number): string {
  const chars = [...text];
  return chars.length <= maxChars ? text : chars.slice(0, Math.max(1, maxChars - 1)).join('') + '…';
}

/** The caption overlay as SVG text. Pure: unit-tested for escaping and content. */
export function contactSheetSvg(items: readonly Omit<SheetItem, 'image'>[], layout: SheetLayout, title: string): string {
  const maxChars = Math.floor(layout.thumbW / 7);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}">`,
    `<text x="${layout.pad}" y="32" font-family="${FONT}" font-size="20" font-weight="bold" fill="#f0f0f0">${xmlEscape(ellipsize(title, 80))}</text>`,
  ];
  items.forEach((it, i) => {
    const x = layout.pad + (i % layout.cols) * layout.cellW;
    const y = layout.header + layout.pad + Math.floor(i / layout.cols) * layout.cellH + layout.thumbH;
    const score = it.score === undefined ? 'not scored' : `score ${it.score.toFixed(2)}`;
    parts.push(
      `<text x="${x}" y="${y + 17}" font-family="${FONT}" font-size="12" fill="#f0f0f0">${xmlEscape(ellipsize(it.name, maxChars))}</text>`,
      `<text x="${x}" y="${y + 34}" font-family="${FONT}" font-size="12" fill="#b8bcc4">${xmlEscape(ellipsize(`${it.kind} · ${it.deltas}`, maxChars))}</text>`,
      `<text x="${x}" y="${y + 51}" font-family="${FONT}" font-size="12" fill="${REVIEW_COLOR[it.review]}">${xmlEscape(`${score} · ${it.review}`)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** Render the sheet to PNG bytes. Deterministic for the same inputs. */
export async function renderContactSheet(items: readonly SheetItem[], options: { title: string; aspect: { width: number; height: number } }): Promise<Buffer> {
  const layout = contactSheetLayout(items.length, options.aspect);
  const thumbs = await Promise.all(items.map((it) =>
    (Buffer.isBuffer(it.image)
      ? sharp(it.image, { limitInputPixels: 100_000_000, failOn: 'warning' })
      : sharp(it.image.data, { raw: { width: it.image.width, height: it.image.height, channels: it.image.channels } }))
      .resize(layout.thumbW, layout.thumbH, { fit: 'contain', background: BG })
      .removeAlpha()
      .png()
      .toBuffer()));
  const composites: OverlayOptions[] = thumbs.map((input, i) => ({
    input,
    left: layout.pad + (i % layout.cols) * layout.cellW,
    top: layout.header + layout.pad + Math.floor(i / layout.cols) * layout.cellH,
  }));
  composites.push({ input: Buffer.from(contactSheetSvg(items, layout, options.title)), left: 0, top: 0 });
  return sharp({ create: { width: layout.width, height: layout.height, channels: 3, background: BG } })
    .composite(composites)
    .png({ compressionLevel: 9 })
    .toBuffer();
}
