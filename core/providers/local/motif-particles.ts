/**
 * Motif deltas in the local animatic: a seasonal particle layer (snow, petals, leaves, bokeh,
 * sparkles) drawn as SVG from the seed, plus a tint. The sheet is twice the frame height and
 * scrolls down over the clip, in screen space (in front of the virtual lens).
 */
import { seededRandom } from './seeded-random.ts';

export type Season = 'spring' | 'summer' | 'autumn' | 'winter' | 'holiday';

interface SeasonStyle {
  count: number;
  colors: string[];
  shape: 'dot' | 'petal' | 'leaf' | 'bokeh' | 'sparkle';
  /** Radius range as a fraction of the frame height. */
  size: [number, number];
  opacity: [number, number];
  /** Fall speed, frame heights per second. */
  speed: number;
  /** Soft-light tint over the picture, with its strength. */
  tint: string;
  tintOpacity: number;
}

export const SEASON_STYLES: Record<Season, SeasonStyle> = {
  winter: { count: 140, colors: ['#ffffff', '#eef6ff'], shape: 'dot', size: [0.002, 0.006], opacity: [0.55, 0.95], speed: 0.09, tint: '#9ec9ff', tintOpacity: 0.22 },
  spring: { count: 45, colors: ['#ffc4dd', '#ffe1ec', '#f7a8c8'], shape: 'petal', size: [0.006, 0.012], opacity: [0.7, 0.95], speed: 0.07, tint: '#ffd6e8', tintOpacity: 0.15 },
  autumn: { count: 38, colors: ['#d9662b', '#b8421f', '#e8a33d', '#7a3e1d'], shape: 'leaf', size: [0.008, 0.016], opacity: [0.75, 0.95], speed: 0.08, tint: '#e0803a', tintOpacity: 0.2 },
  summer: { count: 24, colors: ['#ffe6a3', '#fff4cc', '#ffd27a'], shape: 'bokeh', size: [0.02, 0.06], opacity: [0.1, 0.22], speed: 0.015, tint: '#ffd27a', tintOpacity: 0.18 },
  holiday: { count: 70, colors: ['#ffd700', '#fff1b0', '#d42a2a'], shape: 'sparkle', size: [0.003, 0.008], opacity: [0.6, 0.95], speed: 0.03, tint: '#d4af37', tintOpacity: 0.15 },
};

const f = (n: number) => (Math.round(n * 100) / 100).toString();

function particle(style: SeasonStyle, x: number, y: number, r: number, color: string, opacity: number, angle: number): string {
  const paint = `fill="${color}" fill-opacity="${f(opacity)}"`;
  switch (style.shape) {
    case 'dot':
    case 'bokeh':
      return `<circle cx="${f(x)}" cy="${f(y)}" r="${f(r)}" ${paint}/>`;
    case 'petal':
      return `<ellipse cx="${f(x)}" cy="${f(y)}" rx="${f(r)}" ry="${f(r * 0.55)}" transform="rotate(${f(angle)} ${f(x)} ${f(y)})" ${paint}/>`;
    case 'leaf':
      return `<path d="M ${f(x - r)} ${f(y)} Q ${f(x)} ${f(y - r * 0.8)} ${f(x + r)} ${f(y)} Q ${f(x)} ${f(y + r * 0.8)} ${f(x - r)} ${f(y)} Z" transform="rotate(${f(angle)} ${f(x)} ${f(y)})" ${paint}/>`;
    case 'sparkle': {
      const a = r * 0.28;
      const d = `M ${f(x)} ${f(y - r)} L ${f(x + a)} ${f(y - a)} L ${f(x + r)} ${f(y)} L ${f(x + a)} ${f(y + a)} L ${f(x)} ${f(y + r)} L ${f(x - a)} ${f(y + a)} L ${f(x - r)} ${f(y)} L ${f(x - a)} ${f(y - a)} Z`;
      return `<path d="${d}" ${paint}/>`;
    }
  }
}

/**
 * The particle sheet as an SVG string, `width` × 2·`height`, transparent background. Pure and
 * deterministic for (season, size, seed).
 */
export function motifParticlesSvg(season: Season, width: number, height: number, seed: number): string {
  const style = SEASON_STYLES[season];
  const rnd = seededRandom(seed ^ 0x0bad5eed);
  const sheetH = height * 2;
  // Density scales with area so a 1080p sheet is not sparser than a 720p one.
  const count = Math.round(style.count * Math.max(0.35, (width * height) / (1280 * 720)));
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const x = rnd() * width;
    const y = rnd() * sheetH;
    const r = height * (style.size[0] + rnd() * (style.size[1] - style.size[0]));
    const color = style.colors[Math.floor(rnd() * style.colors.length)] ?? style.colors[0]!;
    const opacity = style.opacity[0] + rnd() * (style.opacity[1] - style.opacity[0]);
    parts.push(particle(style, x, y, r, color, opacity, rnd() * 360));
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${sheetH}" viewBox="0 0 ${width} ${sheetH}">${parts.join('')}</svg>`;
}

/** How far the sheet scrolls over the clip, pixels (never more than the spare frame height). */
export function particleTravelPx(season: Season, height: number, seconds: number): number {
  return Math.min(height, Math.round(SEASON_STYLES[season].speed * height * seconds));
}
