/**
 * A declared change as typed on the command line: `KIND[:VALUE]` (issue 11, `continuity remix`).
 *   palette:#rrggbb,#rrggbb[,…]   or palette:NAME (a palette from the look's delta catalog)
 *   prop:TEXT | prop:product[N]   scene:TEXT   camera:MOTION[@FRAMING]   motif:SEASON[:TEXT]
 * Bad input is an InputError naming the value and what would be accepted.
 */
import { CAMERA_MOTIONS, FRAMINGS, type CameraMotion, type Framing } from '../domain/canon.ts';
import { InputError } from '../domain/errors.ts';
import { normaliseHex } from '../color/hex.ts';
import { DELTA_KINDS, SEASONS, type Delta } from '../domain/shot.ts';
import type { DeltaCatalog } from './delta-catalog.ts';
import { deltaValueWords } from './delta-words.ts';

function fail(raw: string, why: string): never {
  throw new InputError(`--delta ${JSON.stringify(raw)}: ${why}`, 'delta', raw);
}

/** Parse one `--delta` value against the look's catalog (for named palettes and season defaults). */
export function parseDelta(raw: string, catalog: DeltaCatalog): Delta {
  const at = raw.indexOf(':');
  const kind = (at < 0 ? raw : raw.slice(0, at)).trim().toLowerCase();
  const typed = at < 0 ? '' : raw.slice(at + 1).trim();
  // Palette colours and camera motions are codes; the other kinds' values are words for prompts and labels.
  const value = kind === 'palette' || kind === 'camera' ? typed : deltaValueWords(typed);
  switch (kind) {
    case 'palette': {
      // Colours as people type them: "c65d3b", "#FFF", "#c65d3b, 1d5c63" (issue 16 item 8).
      const typedHex = value.split(',').map((h) => h.trim());
      const hexes = typedHex.map(normaliseHex);
      // A palette of the look named like a short hex ("bad", "fed") is still that palette.
      const byName = catalog.palette.find((p) => p.label.toLowerCase() === value.toLowerCase());
      if (value && !byName && hexes.every(Boolean)) {
        const targetHex = hexes as string[];
        return { kind: 'palette', label: `palette ${targetHex.join(' ')}`, hueShiftDeg: 0, saturation: 1, brightness: 0, targetHex };
      }
      const wrong = typedHex.length > 1 || /^#/.test(value) ? typedHex.find((_, i) => !hexes[i]) : undefined;
      if (wrong !== undefined) fail(raw, `${JSON.stringify(wrong)} is not a colour; type it as #rrggbb, rrggbb or #rgb (e.g. #c65d3b)`);
      const named = byName ?? (value ? undefined : catalog.palette[0]);
      if (!named) fail(raw, `no palette named ${JSON.stringify(value)}; give #rrggbb colours${catalog.palette.length ? ` or one of: ${catalog.palette.map((p) => p.label).join(', ')}` : ' (no look here, so no named palettes)'}`);
      return named;
    }
    case 'prop': {
      const product = /^product(?:\[(\d+)\])?$/i.exec(value);
      if (product) {
        const index = Number(product[1] ?? 0);
        const found = catalog.prop.find((p) => p.layer?.source === 'product' && p.layer.index === index);
        if (!found) fail(raw, `the look has no product shot ${index}`);
        return found;
      }
      if (!value) fail(raw, 'say which prop, e.g. prop:"a small pumpkin" or prop:product');
      return { kind: 'prop', label: `prop: ${value}`, prop: value };
    }
    case 'scene':
      if (!value) fail(raw, 'say what changes, e.g. scene:"a curtain stirred by a soft breeze"');
      return { kind: 'scene', label: value.split(/\s+/).slice(0, 3).join(' '), change: value };
    case 'camera': {
      const [motion, framing] = value.split('@').map((s) => s.trim()) as [string, string | undefined];
      if (!(CAMERA_MOTIONS as readonly string[]).includes(motion)) fail(raw, `camera motion must be one of ${CAMERA_MOTIONS.join(', ')}`);
      if (framing !== undefined && !(FRAMINGS as readonly string[]).includes(framing)) fail(raw, `framing must be one of ${FRAMINGS.join(', ')}`);
      return { kind: 'camera', label: `camera: ${motion}${framing ? ` @ ${framing}` : ''}`, motion: motion as CameraMotion, ...(framing ? { framing: framing as Framing } : {}) };
    }
    case 'motif': {
      const [season, ...rest] = value.split(':');
      const s = (season ?? '').trim().toLowerCase();
      if (!(SEASONS as readonly string[]).includes(s)) fail(raw, `season must be one of ${SEASONS.join(', ')}`);
      const text = rest.join(':').trim();
      const preset = catalog.seasons.find((x) => x.season === s)?.motif;
      const motif = text || preset?.motif || `${s} details`;
      // The label names the motif itself, not only its season.
      return { kind: 'motif', label: `${s}: ${motif}`, motif, season: s as (typeof SEASONS)[number] };
    }
    default:
      return fail(raw, `unknown kind ${JSON.stringify(kind)}; use ${DELTA_KINDS.join(', ')}`);
  }
}
