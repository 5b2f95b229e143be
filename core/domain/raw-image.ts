/**
 * Decoded pixels shared by media (decode), color (palettes, transfer) and quality (metrics).
 * Always 8-bit sRGB, 3 channels, row-major, no padding.
 */
export interface RawImage {
  width: number;
  height: number;
  channels: 3;
  data: Uint8Array;
}
