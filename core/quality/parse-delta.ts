/**
 * `--delta KIND[:VALUE]` as the CLI takes it → a typed Delta (domain/shot.ts), so a take can be
 * scored against what its shot declares. A palette delta carries its target colours as a hex
 * list (`palette:#aabbcc,#112233`); the others carry a label.
 */
import { InputError } from '../domain/errors.ts';
import { normaliseHex } from '../color/hex.ts';
import { CAMERA_MOTIONS } from '../domain/canon.ts';
import type { Delta } from '../domain/shot.ts';

const SEASONS = ['spring', 'summer', 'autumn', 'winter', 'holiday'] as const;

export function parseDeltaArg(text: string): Delta {
  const at = text.indexOf(':');
  const kind = at < 0 ? text : text.slice(0, at);
  const value = at < 0 ? '' : text.slice(at + 1).trim();
  const bad = (why: string) => new InputError(`--delta ${JSON.stringify(text)}: ${why}`, 'delta', text);
  switch (kind) {
    case 'palette': {
      const targetHex = value.split(',').map((h) => h.trim()).filter(Boolean);
      if (targetHex.length === 0) throw bad('a palette delta needs its target colours, e.g. palette:#aabbcc,#112233');
      const wrong = targetHex.find((h) => !normaliseHex(h));
      if (wrong) throw bad(`${JSON.stringify(wrong)} is not a colour; type it as #rrggbb, rrggbb or #rgb`);
      const hexes = targetHex.map((h) => normaliseHex(h)!);
      return { kind: 'palette', label: `palette ${hexes.join(' ')}`, hueShiftDeg: 0, saturation: 1, brightness: 0, targetHex: hexes };
    }
    case 'prop': return { kind: 'prop', label: value || 'prop', prop: value || 'prop' };
    case 'scene': return { kind: 'scene', label: value || 'scene change', change: value || 'scene change' };
    case 'camera': {
      const motion = (value || 'push-in') as (typeof CAMERA_MOTIONS)[number];
      if (!CAMERA_MOTIONS.includes(motion)) throw bad(`camera motion must be one of ${CAMERA_MOTIONS.join(', ')}`);
      return { kind: 'camera', label: `camera ${motion}`, motion };
    }
    case 'motif': {
      const season = (SEASONS as readonly string[]).includes(value) ? (value as (typeof SEASONS)[number]) : 'holiday';
      return { kind: 'motif', label: value || 'motif', motif: value || 'motif', season };
    }
    default:
      throw bad('KIND must be palette, prop, scene, camera or motif');
  }
}
