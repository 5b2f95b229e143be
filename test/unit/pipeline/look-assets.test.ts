import { test } from 'node:test';
import assert from 'node:assert/strict';
import { referenceForFraming, resolveLookAssets, type LookImage } from '../../../core/pipeline/look-assets.ts';

const img = (path: string, role: LookImage['role'], approved = true): LookImage => ({ path, role, sha256: path.padEnd(64, '0'), approved, index: 0 });

test('scene references anchor framings before mood boards; products anchor details', () => {
  const assets = resolveLookAssets([img('board', 'lighting'), img('swatches', 'wardrobe'), img('set', 'set'), img('cup', 'style')], [img('bag', 'product')]);
  assert.equal(referenceForFraming(assets, 'wide').path, 'set');
  assert.equal(referenceForFraming(assets, 'medium').path, 'set');
  assert.equal(referenceForFraming(assets, 'close').path, 'cup');
  assert.equal(referenceForFraming(assets, 'detail').path, 'bag');
  assert.equal(assets.colourAnchor, 'cup', 'the style reference anchors colour');
});

test('unapproved references are never used, and a look needs at least one approved', () => {
  const assets = resolveLookAssets([img('set', 'set', false), img('swatches', 'wardrobe')], []);
  assert.equal(referenceForFraming(assets, 'wide').path, 'swatches');
  assert.throws(() => resolveLookAssets([img('set', 'set', false)], []), /no approved reference/);
});
