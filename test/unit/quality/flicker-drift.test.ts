import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flickerStats } from '../../../core/quality/flicker.ts';
import { colourDrift } from '../../../core/quality/drift.ts';
import { meanLab, averageLab } from '../../../core/quality/frame-means.ts';
import type { RawImage } from '../../../core/domain/raw-image.ts';

const flat = (r: number, g: number, b: number): RawImage => {
  const data = new Uint8Array(16 * 16 * 3);
  for (let i = 0; i < data.length; i += 3) { data[i] = r; data[i + 1] = g; data[i + 2] = b; }
  return { width: 16, height: 16, channels: 3, data };
};

test('a linear fade is change, not flicker; an alternating brightness is flicker of its amplitude', () => {
  const ramp = Array.from({ length: 24 }, (_, i) => ({ L: 30 + i, a: 0, b: 0 }));
  const s = flickerStats(ramp);
  assert.ok(s.flicker < 1e-9, `ramp flicker ${s.flicker}`);
  assert.ok(Math.abs(s.lumaStep - 1) < 1e-9);
  const alt = Array.from({ length: 24 }, (_, i) => ({ L: 50 + (i % 2) * 4, a: 0, b: 0 }));
  const f = flickerStats(alt);
  assert.ok(Math.abs(f.flicker - 4) < 1e-9, `alternating flicker ${f.flicker}`);
  assert.ok(f.labStepMax > 3);
});

test('colour drift is the ΔE2000 between the opening and closing frame means', () => {
  const steady = Array.from({ length: 20 }, () => meanLab(flat(120, 100, 80)));
  assert.ok(colourDrift(steady) < 1e-6);
  const warming = Array.from({ length: 20 }, (_, i) => meanLab(flat(100 + i * 4, 100, 100 - i * 3)));
  assert.ok(colourDrift(warming) > 10, `drift ${colourDrift(warming)}`);
  assert.equal(colourDrift([{ L: 50, a: 0, b: 0 }]), 0);
});

test('meanLab of a flat image is that colour; averageLab averages component-wise', () => {
  const white = meanLab(flat(255, 255, 255));
  assert.ok(Math.abs(white.L - 100) < 1e-3 && Math.abs(white.a) < 1e-3 && Math.abs(white.b) < 1e-3);
  assert.deepEqual(averageLab([{ L: 10, a: 2, b: -2 }, { L: 30, a: 4, b: 2 }]), { L: 20, a: 3, b: 0 });
});
