/**
 * Candidate deltas for one look, by kind. The planner draws from these; everything here derives
 * from the look (brand palette, product shots, references, canon set) so variants stay inside the
 * look's world. Banned terms are filtered out at the source.
 */
import type { Canon, CameraMotion, Framing } from '../domain/canon.ts';
import type { LookFile } from '../domain/look.ts';
import type { Delta } from '../domain/shot.ts';
import { colourName, hexToHsl, hslToHex } from '../canon/colour-words.ts';
import { containsBanned, compileBannedTerms } from '../canon/do-not-use.ts';
import { wordsFromFileName } from './delta-words.ts';

export type PaletteDelta = Extract<Delta, { kind: 'palette' }>;
export type PropDelta = Extract<Delta, { kind: 'prop' }>;
export type SceneDelta = Extract<Delta, { kind: 'scene' }>;
export type MotifDelta = Extract<Delta, { kind: 'motif' }>;
export type Season = MotifDelta['season'];

export interface DeltaCatalog {
  palette: PaletteDelta[];
  prop: PropDelta[];
  scene: SceneDelta[];
  seasons: { season: Season; motif: MotifDelta; prop: PropDelta }[];
}

const round = (x: number, step = 100) => Math.round(x * step) / step;
const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));
const wrapHue = (d: number) => ((((d + 180) % 360) + 360) % 360) - 180;

function paletteDeltas(look: LookFile, canon: Canon): PaletteDelta[] {
  const brand = look.brandKit.palette.map((c) => ({ hex: c.hex.toLowerCase(), name: c.name ?? colourName(c.hex) }));
  const lead = brand[0]!;
  const leadHsl = hexToHsl(lead.hex);
  const out: PaletteDelta[] = [];
  // Promote each other brand colour to lead: a swap that stays inside the brand.
  for (const c of brand.slice(1)) {
    const hsl = hexToHsl(c.hex);
    out.push({
      kind: 'palette',
      label: `${c.name}-led palette`,
      hueShiftDeg: round(wrapHue(hsl.h - leadHsl.h), 10),
      saturation: round(clamp(hsl.s / Math.max(leadHsl.s, 0.05), 0.2, 3)),
      brightness: round(clamp(hsl.l - leadHsl.l, -0.5, 0.5)),
      targetHex: [c.hex, ...brand.filter((b) => b.hex !== c.hex).map((b) => b.hex)].slice(0, 4),
    });
  }
  // Derived swaps keep small palettes useful: the same colours, cooler or warmer and softer.
  const anchors = canon.lighting.paletteAnchors.slice(0, 4);
  const derive = (label: string, dh: number, ks: number, dl: number): PaletteDelta => ({
    kind: 'palette', label, hueShiftDeg: dh, saturation: ks, brightness: dl,
    targetHex: anchors.map((h) => { const x = hexToHsl(h); return hslToHex({ h: x.h + dh, s: clamp(x.s * ks, 0, 1), l: clamp(x.l + dl, 0, 1) }); }),
  });
  out.push(derive('cooler dusk palette', 20, 0.85, -0.06), derive('sun-warmed palette', -12, 1.1, 0.04), derive('muted pastel palette', 0, 0.6, 0.1));
  return out;
}

const EXTRA_PROPS = ['a small vase of dried flowers', 'a folded linen napkin', 'a short stack of books', 'a brass tray', 'a glass carafe of water'];
const SCENE_CHANGES = ['steam rising gently in the background', 'a passer-by’s shadow crosses the background', 'a curtain stirred by a soft breeze', 'a few petals fallen on the surface', 'a door left ajar in the background'];

const SEASONS: { season: Season; motifs: string[]; props: string[] }[] = [
  { season: 'spring', motifs: ['blossom sprigs framing the background', 'fresh green shoots in small pots'], props: ['a bunch of tulips in a jar', 'a bowl of early strawberries'] },
  { season: 'summer', motifs: ['linen bunting and a sun hat on a hook', 'seaside postcards pinned to the wall'], props: ['a glass of iced lemonade', 'a bowl of cherries'] },
  { season: 'autumn', motifs: ['scattered fallen leaves', 'dried wheat stems in a vase'], props: ['a small pumpkin', 'a basket of apples'] },
  { season: 'winter', motifs: ['frosted window edges and evergreen sprigs', 'pine cones along the shelf'], props: ['a knitted blanket folded on a chair', 'a mug of hot cocoa'] },
  { season: 'holiday', motifs: ['warm string lights in the background', 'a small decorated tree in the corner'], props: ['a wrapped gift with twine', 'a plate of gingerbread'] },
];

/** Build every candidate delta for a look, banned terms already filtered out. */
export function buildDeltaCatalog(look: LookFile, canon: Canon): DeltaCatalog {
  const banned = compileBannedTerms([...look.brandKit.doNotUse, ...canon.negatives]);
  const ok = (...texts: string[]) => !texts.some((t) => containsBanned(t, banned));

  const layerRef = look.references.findIndex((r) => r.role === 'product' || r.role === 'style');
  const prop: PropDelta[] = [];
  look.productShots.forEach((p, index) => {
    const name = p.name?.trim() ? wordsFromFileName(p.name) : `product ${index + 1}`;
    prop.push({ kind: 'prop', label: `hero product forward: ${name}`, prop: `${name} in the foreground`, layer: { source: 'product', index } });
  });
  // A swap brings in something the anchor does not have: props already in the canon are no swap.
  const inCanon = new Set(canon.setDressing.props.map((p) => p.toLowerCase()));
  for (const p of EXTRA_PROPS) {
    if (inCanon.has(p.toLowerCase())) continue;
    prop.push({ kind: 'prop', label: `prop: ${p}`, prop: p, ...(layerRef >= 0 ? { layer: { source: 'reference' as const, index: layerRef } } : {}) });
  }

  const scene: SceneDelta[] = [
    ...canon.setDressing.backgroundObjects.map((o) => ({ kind: 'scene' as const, label: `${o} restyled`, change: `${o} dressed slightly differently` })),
    ...SCENE_CHANGES.map((change) => ({ kind: 'scene' as const, label: change.split(' ').slice(0, 3).join(' '), change })),
  ];

  const seasons = SEASONS.flatMap(({ season, motifs, props }) => {
    const motif = motifs.find((m) => ok(m));
    const p = props.find((x) => ok(x));
    if (!motif || !p) return [];
    return [{ season, motif: { kind: 'motif' as const, label: `${season}: ${motif}`, motif, season }, prop: { kind: 'prop' as const, label: `${season}: ${p}`, prop: p } }];
  });

  return {
    palette: paletteDeltas(look, canon).filter((d) => ok(d.label)),
    prop: prop.filter((d) => ok(d.prop, d.label)),
    scene: scene.filter((d) => ok(d.change, d.label)),
    seasons,
  };
}

/** Motions that suit a framing, most natural first (wide shots travel, details creep). */
export const MOTIONS_BY_FRAMING: Record<Framing, CameraMotion[]> = {
  wide: ['drift', 'pan-right', 'pull-out', 'pan-left', 'static'],
  medium: ['push-in', 'drift', 'pan-left', 'tilt-up', 'static'],
  close: ['push-in', 'static', 'drift', 'tilt-down'],
  detail: ['static', 'push-in', 'tilt-up', 'drift'],
};

/** Framings one step tighter or looser, for camera-change deltas. */
export const NEIGHBOUR_FRAMING: Record<Framing, Framing> = { wide: 'medium', medium: 'close', close: 'detail', detail: 'close' };
