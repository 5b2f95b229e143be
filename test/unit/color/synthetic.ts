/** Synthetic RawImages for the colour tests: built in memory, no files. */
import type { RawImage } from '../../../core/domain/raw-image.ts';

/** A solid image. */
export function solid(width: number, height: number, rgb: [number, number, number]): RawImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i += 3) data.set(rgb, i);
  return { width, height, channels: 3, data };
}

/**
 * Vertical bands of solid colours; `shares` are the fractions of the width each colour gets
 * (the palette's expected weights).
 */
export function bands(width: number, height: number, colors: [number, number, number][], shares: number[]): RawImage {
  const data = new Uint8Array(width * height * 3);
  const edges: number[] = [];
  let acc = 0;
  for (const s of shares) { acc += s; edges.push(Math.round(acc * width)); }
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const k = edges.findIndex((e) => x < e);
    data.set(colors[k < 0 ? colors.length - 1 : k]!, (y * width + x) * 3);
  }
  return { width, height, channels: 3, data };
}

/**
 * A "scene": smooth gradients (sky-like top, ground-like bottom) plus a few saturated patches,
 * offset by `phase` so different "frames" differ while sharing a look.
 */
export function scene(width: number, height: number, phase = 0): RawImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const u = x / (width - 1), v = y / (height - 1);
    let r: number, g: number, b: number;
    if (v < 0.45) { r = 90 + 60 * u; g = 140 + 50 * v; b = 200 + 40 * (1 - v); }
    else { r = 120 + 70 * u; g = 100 + 40 * Math.sin(6 * u + phase); b = 60 + 30 * v; }
    const px = ((x + Math.round(phase * 10)) % width) / width;
    if (v > 0.55 && v < 0.8 && px > 0.2 && px < 0.35) { r = 200; g = 40; b = 50; }
    if (v > 0.6 && v < 0.9 && px > 0.6 && px < 0.75) { r = 240; g = 220; b = 200; }
    data.set([r, g, b].map((c) => Math.max(0, Math.min(255, Math.round(c)))), (y * width + x) * 3);
  }
  return { width, height, channels: 3, data };
}

/** Multiply channels by gains (a colour cast, like a wrong white balance), clamped. */
export function cast(raw: RawImage, gains: [number, number, number], lift: [number, number, number] = [0, 0, 0]): RawImage {
  const data = new Uint8Array(raw.data.length);
  for (let i = 0; i < data.length; i++) {
    const c = i % 3;
    data[i] = Math.max(0, Math.min(255, Math.round(raw.data[i]! * gains[c]! + lift[c]!)));
  }
  return { width: raw.width, height: raw.height, channels: 3, data };
}
