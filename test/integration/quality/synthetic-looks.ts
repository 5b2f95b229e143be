/**
 * Synthetic "looks" for the score's ROC test: each look is a small world (gradient backdrop,
 * blobs and bars in the look's palette, film-like noise) from which views are rendered. Same look
 * reframed = another crop/zoom of the same world; a different look = another world with another
 * palette; a strong colour shift = the same view through a colour cast. Pure pixels, so the set
 * is built in milliseconds and is the same on every machine.
 */
import type { RawImage } from '../../../core/domain/raw-image.ts';

type Rgb = [number, number, number];

function lcg(seed: number): () => number {
  let s = (seed * 2654435761) % 2147483647 || 1;
  return () => { s = (s * 16807) % 2147483647; return s / 2147483647; };
}

function hsl(h: number, s: number, l: number): Rgb {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [f(0) * 255, f(8) * 255, f(4) * 255];
}

export interface Look { id: number; palette: Rgb[]; world: Float32Array; width: number; height: number }

const WORLD_W = 480;
const WORLD_H = 270;

/** A look built around a base hue (degrees); looks 60° apart are clearly different looks. */
export function makeLook(id: number, hue: number): Look {
  const rnd = lcg(id + 1);
  const palette: Rgb[] = [hsl(hue, 0.55, 0.22), hsl(hue + 15, 0.45, 0.55), hsl(hue + 180, 0.7, 0.5), hsl(hue - 25, 0.35, 0.82), hsl(hue + 40, 0.8, 0.4)];
  const world = new Float32Array(WORLD_W * WORLD_H * 3);
  for (let y = 0; y < WORLD_H; y++) {
    const t = y / (WORLD_H - 1);
    for (let x = 0; x < WORLD_W; x++) {
      const o = (y * WORLD_W + x) * 3;
      for (let c = 0; c < 3; c++) world[o + c] = palette[0]![c]! * (1 - t) + palette[1]![c]! * t;
    }
  }
  // Blobs and bars spread over the whole world so any reasonable crop sees several of them.
  for (let i = 0; i < 28; i++) {
    const colour = palette[2 + (i % 3)]!;
    const cx = rnd() * WORLD_W, cy = rnd() * WORLD_H, r = 10 + rnd() * 30;
    const bar = i % 4 === 0;
    for (let y = Math.max(0, Math.floor(cy - r)); y < Math.min(WORLD_H, cy + r); y++) {
      for (let x = Math.max(0, Math.floor(cx - r * 2)); x < Math.min(WORLD_W, cx + r * 2); x++) {
        const inside = bar ? Math.abs(y - cy) < r / 3 : (x - cx) ** 2 + (y - cy) ** 2 < r * r;
        if (inside) world.set(colour, (y * WORLD_W + x) * 3);
      }
    }
  }
  return { id, palette, world, width: WORLD_W, height: WORLD_H };
}

export interface ViewOptions {
  width?: number;
  height?: number;
  /** Crop centre (0..1 of the world) and zoom (1 = whole world). */
  cx?: number;
  cy?: number;
  zoom?: number;
  /** Per-channel gains applied after rendering (a colour cast). */
  gains?: Rgb;
  /** Noise seed (grain differs per view, like real footage). */
  seed?: number;
}

/** Render a view of a look's world to an 8-bit image (bilinear sampling, grain, optional cast). */
export function renderView(look: Look, o: ViewOptions = {}): RawImage {
  const width = o.width ?? 160, height = o.height ?? 90;
  const zoom = o.zoom ?? 1;
  const vw = look.width / zoom, vh = look.height / zoom;
  const x0 = Math.min(look.width - vw, Math.max(0, (o.cx ?? 0.5) * look.width - vw / 2));
  const y0 = Math.min(look.height - vh, Math.max(0, (o.cy ?? 0.5) * look.height - vh / 2));
  const rnd = lcg(o.seed ?? 7);
  const gains = o.gains ?? [1, 1, 1];
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = Math.min(look.width - 1, x0 + (x + 0.5) * (vw / width));
      const sy = Math.min(look.height - 1, y0 + (y + 0.5) * (vh / height));
      const xi = Math.floor(sx), yi = Math.floor(sy);
      const o3 = (y * width + x) * 3;
      const grain = (rnd() - 0.5) * 10;
      for (let c = 0; c < 3; c++) {
        const v = look.world[(yi * look.width + xi) * 3 + c]!;
        data[o3 + c] = Math.max(0, Math.min(255, Math.round((v + grain) * gains[c]!)));
      }
    }
  }
  return { width, height, channels: 3, data };
}

/** Strong casts a broken grade or an off-look generation produces. */
export const STRONG_CASTS: Rgb[] = [[1.3, 1.0, 0.65], [0.7, 0.95, 1.35], [0.8, 1.25, 0.8], [1.25, 0.75, 1.2]];
