import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CAMERA_MOTIONS } from '../../../core/domain/canon.ts';
import { alwaysVisible, cameraPath, ease, isStill, perspectiveFilter, windowAt } from '../../../core/providers/local/camera-path.ts';

test('ease runs 0 → 1, strictly increasing, with no dead stop at either end', () => {
  assert.equal(ease(0), 0);
  assert.equal(ease(1), 1);
  let prev = -1;
  for (let i = 0; i <= 200; i++) { const e = ease(i / 200); assert.ok(e > prev); prev = e; }
  // The first and last frame of a 96-frame clip still move by a visible share.
  assert.ok(ease(1 / 95) > 0.001);
  assert.ok(1 - ease(94 / 95) > 0.001);
});

test('every window of every motion stays inside the frame', () => {
  fc.assert(fc.property(fc.constantFrom(...CAMERA_MOTIONS), fc.integer(), fc.integer({ min: 2, max: 300 }), (motion, seed, frames) => {
    const path = cameraPath(motion, seed);
    for (const i of [0, 1, Math.floor(frames / 2), frames - 2, frames - 1]) {
      const w = windowAt(path, i, frames);
      assert.ok(w.cx - w.s / 2 >= -1e-9 && w.cx + w.s / 2 <= 1 + 1e-9, `${motion} x`);
      assert.ok(w.cy - w.s / 2 >= -1e-9 && w.cy + w.s / 2 <= 1 + 1e-9, `${motion} y`);
    }
  }), { numRuns: 300 });
});

test('motions move the right way, every frame, by sub-pixel smooth steps', () => {
  const frames = 96, width = 1280;
  const pan = cameraPath('pan-right', 7);
  const xs = Array.from({ length: frames }, (_, i) => windowAt(pan, i, frames).cx * width);
  const steps = xs.slice(1).map((x, i) => x - xs[i]!);
  assert.ok(steps.every((d) => d > 0), 'pan-right moves right on every frame');
  // Not whole-pixel quantised: steps vary continuously (zoompan would give 0/1/2 only).
  assert.ok(steps.some((d) => Math.abs(d - Math.round(d)) > 0.1));
  const jerk = steps.slice(1).map((d, i) => Math.abs(d - steps[i]!));
  assert.ok(Math.max(...jerk) < 0.1 * Math.max(...steps), 'no sudden change of speed');
  assert.ok(windowAt(cameraPath('pan-left', 7), frames - 1, frames).cx < 0.5);
  assert.ok(windowAt(cameraPath('tilt-up', 7), frames - 1, frames).cy < 0.5);
  assert.ok(windowAt(cameraPath('tilt-down', 7), frames - 1, frames).cy > 0.5);
  assert.ok(windowAt(cameraPath('push-in', 7), frames - 1, frames).s < 0.9);
  assert.equal(windowAt(cameraPath('pull-out', 7), frames - 1, frames).s, 1);
  assert.ok(isStill(cameraPath('static', 7)));
  assert.ok(!isStill(cameraPath('drift', 7)));
});

test('seeds vary drift; the same seed gives the same path', () => {
  assert.deepEqual(cameraPath('drift', 3), cameraPath('drift', 3));
  assert.notDeepEqual(cameraPath('drift', 3), cameraPath('drift', 4));
});

test('alwaysVisible is inside both end windows', () => {
  const r = alwaysVisible(cameraPath('pan-right', 1));
  assert.ok(r.left > 0.1 && r.right < 0.9 && r.left < r.right);
});

test('the perspective filter evaluates per frame, in float, with escaped commas', () => {
  const f = perspectiveFilter(cameraPath('push-in', 1), 96);
  assert.match(f, /^perspective=x0=/);
  assert.match(f, /interpolation=linear:sense=source:eval=frame$/);
  assert.match(f, /clip\(\(in-1\)\/95\\,0\\,1\)/);
  assert.ok(!/[^\\],/.test(f), 'every comma is escaped for the filtergraph');
  assert.ok(!/zoompan/.test(f));
});

test('a bridged shot starts on the whole start frame, whatever the motion', () => {
  for (const motion of CAMERA_MOTIONS) {
    const p = cameraPath(motion, 7, true);
    assert.deepEqual(windowAt(p, 0, 96), { cx: 0.5, cy: 0.5, s: 1 }, `${motion} starts on the full frame`);
    for (const w of [windowAt(p, 48, 96), windowAt(p, 95, 96)]) {
      assert.ok(w.cx - w.s / 2 >= -1e-9 && w.cx + w.s / 2 <= 1 + 1e-9, `${motion} stays inside the frame`);
    }
  }
});
