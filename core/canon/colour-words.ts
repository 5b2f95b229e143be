/**
 * Hex colours in words. Video models read "muted terracotta orange" far better than "#c65d3b",
 * so prompts carry both. HSL is enough here: this is vocabulary, not colour science (the
 * measured work lives in core/color).
 */
export interface Hsl { h: number; s: number; l: number }

export function hexToRgb(hex: string): { r: number; g: number; b: number } {
  const n = parseInt(hex.slice(1, 7), 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

export function rgbToHex(r: number, g: number, b: number): string {
  return '#' + [r, g, b].map((v) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0')).join('');
}

export function hexToHsl(hex: string): Hsl {
  const { r, g, b } = hexToRgb(hex);
  const R = r / 255, G = g / 255, B = b / 255;
  const max = Math.max(R, G, B), min = Math.min(R, G, B);
  const l = (max + min) / 2;
  if (max === min) return { h: 0, s: 0, l };
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  let h = max === R ? (G - B) / d + (G < B ? 6 : 0) : max === G ? (B - R) / d + 2 : (R - G) / d + 4;
  h *= 60;
  return { h, s, l };
}

export function hslToHex({ h, s, l }: Hsl): string {
  const hh = ((h % 360) + 360) % 360;
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(((hh / 60) % 2) - 1));
  const m = l - c / 2;
  const [r, g, b] = hh < 60 ? [c, x, 0] : hh < 120 ? [x, c, 0] : hh < 180 ? [0, c, x] : hh < 240 ? [0, x, c] : hh < 300 ? [x, 0, c] : [c, 0, x];
  return rgbToHex((r + m) * 255, (g + m) * 255, (b + m) * 255);
}

const HUES: [number, string][] = [
  [10, 'red'], [40, 'orange'], [52, 'amber'], [68, 'yellow'], [95, 'olive'], [150, 'green'],
  [185, 'teal'], [205, 'cyan'], [245, 'blue'], [270, 'indigo'], [295, 'violet'], [330, 'magenta'], [350, 'pink'], [360, 'red'],
];

/** A short colour phrase for a hex value ("deep teal", "muted orange", "off-white"). */
export function colourName(hex: string): string {
  const { h, s, l } = hexToHsl(hex);
  if (s < 0.12 || l < 0.06 || l > 0.96) {
    if (l < 0.12) return 'near-black';
    if (l < 0.35) return 'charcoal';
    if (l < 0.65) return 'grey';
    if (l < 0.9) return 'light grey';
    return 'off-white';
  }
  let name = HUES.find(([edge]) => h < edge)?.[1] ?? 'red';
  if ((name === 'orange' || name === 'amber' || name === 'red') && l < 0.42 && s < 0.6) name = 'brown';
  if (name === 'yellow' && l < 0.35) name = 'olive';
  const shade = l < 0.25 ? 'deep ' : l > 0.8 ? 'pale ' : s < 0.35 ? 'muted ' : '';
  return shade + name;
}

/** Rough distance between two hex colours (redmean-weighted RGB), 0–~765. */
export function hexDistance(a: string, b: string): number {
  const p = hexToRgb(a), q = hexToRgb(b);
  const rm = (p.r + q.r) / 2;
  const dr = p.r - q.r, dg = p.g - q.g, db = p.b - q.b;
  return Math.sqrt((2 + rm / 256) * dr * dr + 4 * dg * dg + (2 + (255 - rm) / 256) * db * db);
}

/** Warm/cool and saturation words for a set of colours, weighted equally. */
export function describePaletteMood(hexes: readonly string[]): { temperature: 'warm' | 'cool' | 'neutral'; saturation: 'muted' | 'balanced' | 'saturated' } {
  if (hexes.length === 0) return { temperature: 'neutral', saturation: 'balanced' };
  let warmth = 0, sat = 0;
  for (const hex of hexes) {
    const { r, b } = hexToRgb(hex);
    warmth += (r - b) / 255;
    sat += hexToHsl(hex).s;
  }
  warmth /= hexes.length; sat /= hexes.length;
  return {
    temperature: warmth > 0.08 ? 'warm' : warmth < -0.08 ? 'cool' : 'neutral',
    saturation: sat < 0.3 ? 'muted' : sat > 0.65 ? 'saturated' : 'balanced',
  };
}
