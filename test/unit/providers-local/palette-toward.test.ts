// The palette delta's colour transform, judged with the tests' own colour measure (test/helpers:
// sRGB → Lab, CIEDE2000, k-means; no core/color code): a picture built from the demo's a2 anchor's
// dominant colours (bright oat walls, mid browns) with the "cooler dusk" swatches. The earlier
// mean/spread transform darkened it toward the swatches' average lightness and measured further from
// them (ΔE2000 11.4 → 12.3 in the demo); the chosen transform must land closer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labToSrgb } from '../../../core/color/lab.ts';
import { applyTransformToImage } from '../../../core/color/color-transform.ts';
import type { RawImage } from '../../../core/domain/raw-image.ts';
import { choosePaletteTransform, paletteStatsToward } from '../../../core/providers/local/palette-toward.ts';
import { ciede2000, srgbToLab, type Lab3 } from '../../helpers/ciede2000.ts';
import { dominantColours } from '../../helpers/dominant-colours.ts';

const DUSK = ['#a6793c', '#dcdcb2', '#262118', '#71896d'];
/** Lab colour and share of the picture, as measured on the demo's a2 anchor clip. */
const A2: Array<[Lab3, number]> = [[[87, 4, 28], 0.40], [[22, 7, 11], 0.03], [[47, 14, 31], 0.34], [[80, 3, 18], 0.19], [[58, -1, 15], 0.04]];

/** 100×40 stripes of those colours in those shares, with a little texture so k-means has spread. */
function picture(): RawImage {
  const width = 100, height = 40, data = new Uint8Array(width * height * 3);
  let x0 = 0;
  for (const [[L, a, b], share] of A2) {
    const x1 = Math.min(width, x0 + Math.round(share * width));
    for (let x = x0; x < x1; x++) for (let y = 0; y < height; y++) {
      const rgb = labToSrgb({ L: L + ((x * 7 + y * 3) % 5) - 2, a, b });
      const i = (y * width + x) * 3;
      const byte = (v: number) => Math.round(Math.min(255, Math.max(0, v)));
      data[i] = byte(rgb.r); data[i + 1] = byte(rgb.g); data[i + 2] = byte(rgb.b);
    }
    x0 = x1;
  }
  return { width, height, channels: 3, data };
}

/** Independent: coverage and fidelity of the image's 5 dominant colours against the declared ones. */
function distance(img: RawImage): number {
  const px: Lab3[] = [];
  for (let i = 0; i < img.data.length; i += 3) px.push(srgbToLab(img.data[i]!, img.data[i + 1]!, img.data[i + 2]!));
  const dom = dominantColours(px);
  const declared = DUSK.map((h) => { const n = parseInt(h.slice(1), 16); return srgbToLab(n >> 16, (n >> 8) & 255, n & 255); });
  const near = (p: Lab3, set: Lab3[]) => Math.min(...set.map((q) => ciede2000(p, q)));
  const coverage = declared.reduce((s, d) => s + near(d, dom.map((c) => c.lab)), 0) / declared.length;
  const fidelity = dom.reduce((s, c) => s + c.share * near(c.lab, declared), 0);
  return (coverage + fidelity) / 2;
}

test('the palette transform brings a bright picture closer to darker swatches, measured independently', (t) => {
  const img = picture();
  const chosen = choosePaletteTransform([img], DUSK);
  const before = distance(img), after = distance(applyTransformToImage(img, chosen.transform, chosen.strength));
  assert.ok(after < before - 1, `${chosen.fit} at ${chosen.strength}: ${before.toFixed(2)} → ${after.toFixed(2)}`);
  assert.ok(chosen.after < chosen.before, `the product's own figures agree: ${chosen.before.toFixed(2)} → ${chosen.after.toFixed(2)}`);
  // The failure this replaces, reproduced: the swatches' mean/spread alone moves this picture away.
  const stats = distance(applyTransformToImage(img, paletteStatsToward([img], DUSK), 1));
  t.diagnostic(`independent ΔE2000: picture ${before.toFixed(2)}, chosen (${chosen.fit}, ${chosen.strength}) ${after.toFixed(2)}, mean/spread ${stats.toFixed(2)}`);
  assert.ok(stats > after, `mean/spread transfer ${stats.toFixed(2)} vs chosen ${after.toFixed(2)}`);
});
