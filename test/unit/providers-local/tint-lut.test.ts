import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { applyChannelLuts, softLightLuts } from '../../../core/providers/local/tint-lut.ts';

test('soft-light tint tables give libvips composite pixels within one level (two tints chained)', async () => {
  // Every 8-bit value on every channel, in a 256×3 strip (R, G, B ramps in different orders).
  const w = 256, h = 3, data = new Uint8Array(w * h * 3);
  for (let x = 0; x < w; x++) for (let y = 0; y < h; y++) data.set([x, (x * 7 + y * 85) & 255, 255 - x], (y * w + x) * 3);
  const a = { r: 158, g: 201, b: 255 }, b = { r: 217, g: 98, b: 40 };
  const layer = (c: typeof a, alpha: number) => ({ input: { create: { width: w, height: h, channels: 4 as const, background: { ...c, alpha } } }, blend: 'soft-light' as const });
  const want = await sharp(data, { raw: { width: w, height: h, channels: 3 } }).composite([layer(a, 0.3), layer(b, 0.22)]).removeAlpha().raw().toBuffer();
  const got = Uint8Array.from(data);
  applyChannelLuts(got, 3, softLightLuts(b, 0.22, softLightLuts(a, 0.3)));
  let max = 0, changed = 0;
  for (let i = 0; i < got.length; i++) { max = Math.max(max, Math.abs(got[i]! - want[i]!)); if (got[i] !== data[i]) changed++; }
  assert.ok(max <= 1, `largest difference ${max} levels`);
  assert.ok(changed > got.length / 2, 'the tint changes the picture');
});
