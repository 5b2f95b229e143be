// Pure parts of remixing (issue 11): the ffmpeg graph, the one-change instruction, --delta parsing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { remixInstruction } from '../../../core/canon/remix-instruction.ts';
import { InputError } from '../../../core/domain/errors.ts';
import type { DeltaCatalog } from '../../../core/plan/delta-catalog.ts';
import { parseDelta } from '../../../core/plan/parse-delta.ts';
import { wordsFromFileName } from '../../../core/plan/delta-words.ts';
import { cameraPath } from '../../../core/providers/local/camera-path.ts';
import { localDeltaGap } from '../../../core/providers/local/local-delta-support.ts';
import { remixArgs, remixFilter } from '../../../core/providers/local/remix-args.ts';

const graph = { base: { kind: 'clip' as const, path: '/a/anchor.mp4' }, camera: cameraPath('push-in', 7), layers: [{ path: '/w/l0.png' }, { path: '/w/l1.png', scroll: { from: [0, 90] as [number, number], to: [0, 70] as [number, number] } }], lut: '/w/p.cube', width: 160, height: 90, fps: 24, frames: 24, comment: 'c' };

test('remix graph: layers follow the anchor camera path, one LUT last, BT.709 tags on the encode', () => {
  const f = remixFilter(graph);
  assert.equal((f.match(/perspective=/g) ?? []).length, 2, 'every layer goes through the camera path; the anchor clip does not');
  assert.match(f, /crop=w=160:h=90:x=0:y=90\+\(-20\)\*n\/23/);
  assert.ok(f.indexOf('lut3d') > f.lastIndexOf('overlay'), 'the palette transform covers the layers too');
  const args = remixArgs(graph, '/o.mp4');
  for (const tag of ['-colorspace', '-color_primaries', '-color_trc']) assert.equal(args[args.indexOf(tag) + 1], 'bt709');
  assert.equal(args[args.indexOf('-frames:v') + 1], '24');
});

test('remix graph: a camera delta re-paths the still; a static anchor needs no perspective', () => {
  assert.match(remixFilter({ ...graph, base: { kind: 'plate', path: '/w/plate.png' }, layers: [], lut: null }), /loop=loop=23.*perspective=/);
  assert.doesNotMatch(remixFilter({ ...graph, camera: cameraPath('static', 1), lut: null }), /perspective/);
});

test('instruction: keep everything, change only the declared deltas', () => {
  const s = remixInstruction([{ kind: 'prop', label: 'p', prop: 'a small pumpkin' }, { kind: 'motif', label: 'm', motif: 'fallen leaves', season: 'autumn' }]);
  assert.match(s, /^Keep this shot exactly as it is/);
  assert.match(s, /add a small pumpkin.*and add a autumn touch: fallen leaves/);
});

const catalog: DeltaCatalog = {
  palette: [{ kind: 'palette', label: 'sage-led palette', hueShiftDeg: 0, saturation: 1, brightness: 0, targetHex: ['#8a9a7b'] }],
  prop: [{ kind: 'prop', label: 'hero', prop: 'bag', layer: { source: 'product', index: 0 } }],
  scene: [], seasons: [],
};

test('--delta parsing: every kind, named palettes, and bad input names the value', () => {
  assert.deepEqual(parseDelta('palette:#112233,#445566', catalog), { kind: 'palette', label: 'palette #112233 #445566', hueShiftDeg: 0, saturation: 1, brightness: 0, targetHex: ['#112233', '#445566'] });
  assert.equal(parseDelta('palette:Sage-led palette', catalog).label, 'sage-led palette');
  assert.deepEqual(parseDelta('prop:product', catalog), catalog.prop[0]);
  assert.deepEqual(parseDelta('camera:tilt-up@close', catalog), { kind: 'camera', label: 'camera: tilt-up @ close', motion: 'tilt-up', framing: 'close' });
  assert.equal(parseDelta('motif:winter', catalog).kind, 'motif');
  assert.equal(parseDelta('scene:a door left ajar', catalog).kind, 'scene');
  assert.deepEqual(parseDelta('motif:autumn:scattered fallen leaves', catalog), { kind: 'motif', label: 'autumn: scattered fallen leaves', motif: 'scattered fallen leaves', season: 'autumn' });
  for (const bad of ['colour:red', 'camera:zoom', 'motif:monsoon', 'prop:product[3]', 'palette:neon']) {
    assert.throws(() => parseDelta(bad, catalog), (e: unknown) => e instanceof InputError && e.message.includes(JSON.stringify(bad)), bad);
  }
});

test('plan-time gaps: a prop with no photograph and no drawing is flagged, others are not', () => {
  assert.equal(localDeltaGap({ kind: 'prop', label: 'p', prop: 'a small pumpkin' }, 0), null);
  assert.match(localDeltaGap({ kind: 'prop', label: 'p', prop: 'a unicycle' }, 0)!, /unicycle/);
  assert.match(localDeltaGap({ kind: 'prop', label: 'p', prop: 'bag', layer: { source: 'product', index: 1 } }, 1)!, /product shot 1/);
});

test('delta words (issue 16 item 8): no file names and no repeated kinds in labels and prompts', () => {
  assert.deepEqual(parseDelta('prop:prop: a brass tray', catalog), { kind: 'prop', label: 'prop: a brass tray', prop: 'a brass tray' });
  assert.deepEqual(parseDelta('prop:product-bag.png', catalog), { kind: 'prop', label: 'prop: product bag', prop: 'product bag' });
  assert.deepEqual(parseDelta('scene:scene: a door left ajar', catalog), { kind: 'scene', label: 'a door left', change: 'a door left ajar' });
  assert.equal(wordsFromFileName('products/Linen_tote-bag.JPG'), 'Linen tote bag');
  assert.equal(wordsFromFileName('our tote bag'), 'our tote bag', 'words stay words');
});
