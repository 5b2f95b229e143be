/**
 * Per-frame mean colour, the series that flicker and drift are computed from. Means are taken
 * in Lab (not RGB) so steps are perceptual: a ΔE between frame means reads like a colour change.
 */
import type { RawImage } from '../domain/raw-image.ts';
import type { Lab } from '../color/lab.ts';
import { imageToLab } from '../color/image-lab.ts';

/** Mean Lab of every pixel of an image. */
export function meanLab(img: RawImage): Lab {
  const lab = imageToLab(img);
  let L = 0, a = 0, b = 0;
  for (let i = 0; i < lab.length; i += 3) { L += lab[i]!; a += lab[i + 1]!; b += lab[i + 2]!; }
  const n = lab.length / 3;
  return { L: L / n, a: a / n, b: b / n };
}

/** Mean of several Lab colours (component-wise). */
export function averageLab(colours: readonly Lab[]): Lab {
  const n = Math.max(1, colours.length);
  return colours.reduce((acc, c) => ({ L: acc.L + c.L / n, a: acc.a + c.a / n, b: acc.b + c.b / n }), { L: 0, a: 0, b: 0 });
}
