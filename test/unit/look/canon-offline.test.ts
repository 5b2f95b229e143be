import { test } from 'node:test';
import assert from 'node:assert/strict';
import { draftCanonOffline } from '../../../core/canon/draft-canon-offline.ts';
import { applyCanonOverrides } from '../../../core/canon/apply-canon-overrides.ts';
import { InputError } from '../../../core/domain/errors.ts';
import { makeLook } from './look-fixture.ts';

const look = makeLook();
const refs = [
  { role: 'lighting' as const, palette: [{ hex: '#ffcc88', weight: 0.5 }, { hex: '#c65d3c', weight: 0.3 }] },
  { role: 'set' as const, palette: [{ hex: '#2b4c7e', weight: 0.6 }] },
];

test('palette anchors: brand palette first, then distinct measured reference colours', () => {
  const canon = draftCanonOffline(look, refs);
  assert.deepEqual(canon.lighting.paletteAnchors.slice(0, 4), ['#c65d3b', '#e8dcc4', '#3b2a22', '#8a9a7b']);
  assert.ok(canon.lighting.paletteAnchors.includes('#ffcc88'));
  assert.ok(canon.lighting.paletteAnchors.includes('#2b4c7e'));
  assert.ok(!canon.lighting.paletteAnchors.includes('#c65d3c'), 'near-duplicate of a brand colour is skipped');
});

test('lighting and camera come from the brand kit, props and wardrobe from the brief', () => {
  const canon = draftCanonOffline(look, refs);
  assert.equal(canon.lighting.keyDirection, 'low window light from camera left');
  assert.match(canon.lighting.fillRim, /soft fill/);
  assert.equal(canon.camera.lens, '35mm prime lens');
  assert.equal(canon.camera.motion, 'push-in');
  assert.ok(canon.setDressing.props.includes('stoneware mug'), canon.setDressing.props.join());
  assert.ok(canon.setDressing.props.includes('brass grinder'));
  assert.ok(canon.setDressing.props.includes('roast bag'), 'product shots are props');
  const named = draftCanonOffline({ ...look, productShots: [{ path: 'p.png', name: 'products/product-cream.png' }] }, []);
  assert.ok(named.setDressing.props.includes('product cream') && !named.setDressing.props.some((p) => /\.png/.test(p)), `a file name becomes words: ${named.setDressing.props.join()}`);
  assert.ok(canon.setDressing.backgroundObjects.includes('oak counter'));
  assert.ok(canon.wardrobe.items.includes('linen apron'));
  assert.ok(canon.action.length >= 1 && canon.action.length <= 3);
  assert.match(canon.action[0]!.beat, /barista pours coffee/);
  assert.deepEqual(canon.negatives.slice(0, 2), ['neon', 'lens flare']);
});

test('deterministic', () => {
  assert.equal(JSON.stringify(draftCanonOffline(look, refs)), JSON.stringify(draftCanonOffline(look, refs)));
});

test('overrides win and bad overrides name the field', () => {
  const canon = draftCanonOffline(look, refs);
  assert.equal(applyCanonOverrides(canon, { camera: { motion: 'static' } }).camera.motion, 'static');
  assert.equal(applyCanonOverrides(canon, { camera: { motion: 'static' } }).camera.lens, canon.camera.lens);
  assert.throws(() => applyCanonOverrides(canon, { camera: { motion: 'zoom' } }), (e: unknown) => e instanceof InputError && /canonOverrides\.camera\.motion must be one of .*got "zoom"/.test(e.message));
  assert.throws(() => applyCanonOverrides(canon, { lense: 'x' }), /canonOverrides\.lense is not a canon field/);
});
