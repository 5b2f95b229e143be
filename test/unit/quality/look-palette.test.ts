// The remembered look palette must be exactly what k-means gives for those pixels, found by
// content (not by object), and never shared for callers to change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lookPalette, PALETTE_K, PALETTE_SAMPLES } from '../../../core/quality/look-palette.ts';
import { extractPalette } from '../../../core/color/palette.ts';
import type { RawImage } from '../../../core/domain/raw-image.ts';

function stripes(width: number, height: number, colours: number[][]): RawImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(colours[Math.floor((x * colours.length) / width)]!, (y * width + x) * 3);
  return { width, height, channels: 3, data };
}

test('the same pixels give the palette k-means gives, as a copy; other pixels give their own', () => {
  const a = stripes(64, 36, [[200, 40, 30], [20, 90, 200], [240, 220, 200]]);
  const direct = extractPalette([a], { k: PALETTE_K, maxSamples: PALETTE_SAMPLES });
  const first = lookPalette(a);
  assert.deepEqual(first, direct);
  first[0]!.lab.L = -1;
  first.reverse();
  const again = lookPalette({ ...a, data: new Uint8Array(a.data) });
  assert.deepEqual(again, direct, 'found by content, unchanged by what a caller did to its copy');
  const b = stripes(64, 36, [[10, 10, 10], [250, 250, 250]]);
  assert.deepEqual(lookPalette([b]), extractPalette([b], { k: PALETTE_K, maxSamples: PALETTE_SAMPLES }));
  assert.notDeepEqual(lookPalette([a, b]), direct, 'a pooled set is its own entry');
});
