/**
 * Per-frame mean colour, the series that flicker and drift are computed from. Means are taken
 * in Lab (not RGB) so steps are perceptual: a ΔE between frame means reads like a colour change.
 */
import type { RawImage } from '../domain/raw-image.ts';
import type { Lab } from '../color/lab.ts';
import { assertRawImage } from '../color/image-lab.ts';
import { linearRgbToLabInto } from '../color/lab.ts';
import { LINEAR_FROM_BYTE } from '../color/srgb.ts';

const scratch = new Float32Array(3);

/**
 * Mean Lab of every pixel of an image. Pixel by pixel into one scratch triple (no per-frame Lab
 * image): scoring takes this of every frame of a take (issue 18 item 2).
 */
export function meanLab(img: RawImage): Lab {
  assertRawImage(img);
  const d = img.data;
  let L = 0, a = 0, b = 0;
  for (let i = 0; i < d.length; i += 3) {
    linearRgbToLabInto(LINEAR_FROM_BYTE[d[i]!]!, LINEAR_FROM_BYTE[d[i + 1]!]!, LINEAR_FROM_BYTE[d[i + 2]!]!, scratch, 0);
    L += scratch[0]!; a += scratch[1]!; b += scratch[2]!;
  }
  const n = d.length / 3;
  return { L: L / n, a: a / n, b: b / n };
}

/** Mean of several Lab colours (component-wise). */
export function averageLab(colours: readonly Lab[]): Lab {
  const n = Math.max(1, colours.length);
  return colours.reduce((acc, c) => ({ L: acc.L + c.L / n, a: acc.a + c.a / n, b: acc.b + c.b / n }), { L: 0, a: 0, b: 0 });
}
