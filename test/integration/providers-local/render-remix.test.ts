// The local remix (issue 11): every delta kind rendered on the anchor clip's own pixels, never a
// copy; structure kept (independent equalised-luma SSIM) except under a camera delta; a palette
// delta lands closer to its declared colours; BT.709 tags kept; an unrenderable prop writes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Delta } from '../../../core/domain/shot.ts';
import { probe } from '../../../core/media/probe.ts';
import { renderAnimatic } from '../../../core/providers/local/render-animatic.ts';
import { renderRemix, renderRemixFirstFrame, type RemixOptions } from '../../../core/providers/local/render-remix.ts';
import { extractFrame } from '../../../core/media/extract-frame.ts';
import sharp from 'sharp';
import { distanceToDeclared } from '../../helpers/dominant-colours.ts';
import { colourTags, equalisedLumaSsim } from '../../helpers/equalised-ssim.ts';

const SAMPLE = resolve(import.meta.dirname, '../../../resources/sample-look');
const W = 160, H = 90, FPS = 24, SECONDS = 1;
let dir: string;
let anchor: Awaited<ReturnType<typeof renderAnimatic>>;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'render-remix-'));
  anchor = await renderAnimatic({
    startImage: join(SAMPLE, 'set.png'), width: W, height: H, seconds: SECONDS, fps: FPS, motion: 'push-in', deltas: [],
    layers: { productImages: [], referenceImages: [] }, seed: 7, out: join(dir, 'anchor.mp4'),
  });
});
after(() => rm(dir, { recursive: true, force: true }));

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const remix = (name: string, deltas: Delta[], over: Partial<RemixOptions> = {}) => renderRemix({
  anchorClip: anchor.path, plate: join(SAMPLE, 'set.png'), anchorCamera: anchor.camera, anchorFraming: 'wide', deltas,
  productImages: [join(SAMPLE, 'product-bag.png')], width: W, height: H, seconds: SECONDS, fps: FPS, seed: 7, out: join(dir, `${name}.mp4`), ...over,
});

const PALETTE: Delta = { kind: 'palette', label: 'cooler dusk palette', hueShiftDeg: 20, saturation: 0.85, brightness: -0.06, targetHex: ['#a6793c', '#dcdcb2', '#262118', '#71896d'] };
const KEEPS_STRUCTURE: Record<string, Delta[]> = {
  palette: [PALETTE],
  product: [{ kind: 'prop', label: 'hero product forward', prop: 'the bag in the foreground', layer: { source: 'product', index: 0 } }],
  seasonal: [{ kind: 'motif', label: 'autumn motif', motif: 'scattered fallen leaves', season: 'autumn' }, { kind: 'prop', label: 'autumn prop', prop: 'a small pumpkin' }],
  restyle: [{ kind: 'scene', label: 'shelves restyled', change: 'shelves dressed slightly differently' }],
  shadow: [{ kind: 'scene', label: 'a passer-by', change: 'a passer-by’s shadow crosses the background' }],
};

for (const [name, deltas] of Object.entries(KEEPS_STRUCTURE)) {
  test(`remix ${name}: the anchor's pixels with the change, not a copy, structure kept, BT.709`, { timeout: 180_000 }, async () => {
    const r = await remix(name, deltas);
    assert.ok(r.path, `rendered: ${r.notRendered.join('; ')}`);
    assert.deepEqual(r.notRendered, []);
    assert.notEqual(sha(r.path), sha(anchor.path), 'not byte-identical to the anchor');
    const p = await probe(r.path);
    assert.deepEqual([p.width, p.height, p.frameCount], [W, H, SECONDS * FPS]);
    assert.deepEqual(colourTags(r.path), { space: 'bt709', primaries: 'bt709', transfer: 'bt709', range: 'tv' });
    const s = equalisedLumaSsim(r.path, anchor.path, 4);
    assert.ok(s >= 0.6, `equalised-luma SSIM vs the anchor ${s.toFixed(3)} ≥ 0.6`);
    assert.ok(s < 0.995, `the change is visible: SSIM ${s.toFixed(3)} < 0.995`);
    assert.ok(!r.notes.some((n) => /card|inset/i.test(n)), r.notes.join('; '));
  });
}

// Measured with the tests' own dominant colours and CIEDE2000 (not the product's palette code),
// with and without a camera change: a reframed anchor must still land closer than the anchor is.
const PALETTE_CASES: Record<string, Delta[]> = {
  'palette-dist': [PALETTE],
  'palette-camera': [PALETTE, { kind: 'camera', label: 'push', motion: 'push-in', framing: 'medium' }],
};
for (const [name, deltas] of Object.entries(PALETTE_CASES)) {
  test(`remix ${name}: lands closer (ΔE2000 of dominant colours) to the declared colours than the anchor is`, { timeout: 180_000 }, async () => {
    const r = await remix(name, deltas);
    assert.ok(r.path, r.notRendered.join('; '));
    const [before, after] = [distanceToDeclared(anchor.path, PALETTE.targetHex), distanceToDeclared(r.path, PALETTE.targetHex)];
    assert.ok(after.distance < before.distance, `ΔE2000 to the declared colours: anchor ${before.distance.toFixed(2)} → variant ${after.distance.toFixed(2)} (${r.notes.join('; ')})`);
  });
}

test('remix camera: same still on a new path, different from the anchor', { timeout: 180_000 }, async () => {
  const r = await remix('camera', [{ kind: 'camera', label: 'tilt-up', motion: 'tilt-up', framing: 'medium' }]);
  assert.ok(r.path);
  assert.equal(r.camera.motion, 'tilt-up');
  assert.notEqual(sha(r.path), sha(anchor.path));
  assert.ok(r.notes.some((n) => /new tilt-up path, reframed 1 step/.test(n)), r.notes.join('; '));
});

test('a prop with nothing to draw is not rendered: no clip, said so', { timeout: 60_000 }, async () => {
  const out = join(dir, 'unicycle.mp4');
  const r = await remix('unicycle', [{ kind: 'prop', label: 'prop: a unicycle', prop: 'a unicycle' }]);
  assert.equal(r.path, null);
  assert.match(r.notRendered.join(';'), /a unicycle/);
  assert.equal(existsSync(out), false, 'nothing written under the variant\'s name');
});

// A provider's variant is started (or guided) from the remix's first frame alone: it must be the
// frame the clip would start with — the same graph, only without the H.264 round trip.
const rgb = async (png: string) => (await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true }));
const FIRST_FRAME_CASES: Record<string, Delta[]> = { seasonal: KEEPS_STRUCTURE.seasonal!, 'palette-camera': PALETTE_CASES['palette-camera']! };
for (const [name, deltas] of Object.entries(FIRST_FRAME_CASES)) {
  test(`remix first frame (${name}) is the clip's first frame without the encode`, { timeout: 180_000 }, async () => {
    const clip = await remix(`ff-${name}`, deltas);
    assert.ok(clip.path, clip.notRendered.join('; '));
    const fromClip = (await extractFrame(clip.path, 'first', join(dir, `ff-${name}-clip.png`))).path;
    const framePath = join(dir, `ff-${name}.png`);
    const first = await renderRemixFirstFrame({
      anchorClip: anchor.path, plate: join(SAMPLE, 'set.png'), anchorCamera: anchor.camera, anchorFraming: 'wide', deltas,
      productImages: [join(SAMPLE, 'product-bag.png')], width: W, height: H, seconds: SECONDS, fps: FPS, seed: 7, out: framePath,
    });
    assert.equal(first.path, framePath);
    assert.deepEqual(first.notes, clip.notes, 'the same preparation, so the same notes');
    assert.ok(!readdirSync(dir).some((f) => f.includes('.partial')), 'no partial file left');
    const [a, b, anchorFirst] = await Promise.all([rgb(framePath), rgb(fromClip), extractFrame(anchor.path, 'first', join(dir, 'anchor-first.png')).then((f) => rgb(f.path))]);
    assert.deepEqual([a.info.width, a.info.height, a.info.channels], [W, H, 3]);
    const meanAbs = (x: Buffer, y: Buffer) => { let d = 0; for (let i = 0; i < x.length; i++) d += Math.abs(x[i]! - y[i]!); return d / x.length; };
    // Pixels that differ by more than an encode's loss (any channel > 40 levels): where the change is.
    const changed = (x: Buffer, y: Buffer) => { let n = 0; for (let i = 0; i < x.length; i += 3) if (Math.max(Math.abs(x[i]! - y[i]!), Math.abs(x[i + 1]! - y[i + 1]!), Math.abs(x[i + 2]! - y[i + 2]!)) > 40) n++; return n / (x.length / 3); };
    const toClip = meanAbs(a.data, b.data);
    assert.ok(toClip < 2.5, `mean |difference| to the clip's decoded first frame ${toClip.toFixed(2)} < 2.5 (an encode's loss)`);
    const [vsAnchor, vsClip] = [changed(a.data, anchorFirst.data), changed(a.data, b.data)];
    assert.ok(vsAnchor > 0.002 && vsClip < vsAnchor / 10, `the change is in it: ${(vsAnchor * 100).toFixed(2)} % of pixels differ from the anchor's first frame, ${(vsClip * 100).toFixed(2)} % from the clip's`);
  });
}
