import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bannedTermsIn, containsBanned, removeBannedTerms } from '../../../core/canon/do-not-use.ts';

test('matching ignores case, plurals, accents and punctuation', () => {
  assert.ok(containsBanned('Warm NEON signs', ['neon']));
  assert.ok(containsBanned('two Plastic-Cups here', ['plastic cup']));
  assert.ok(containsBanned('a lensflare', ['lens flare']));
  assert.ok(containsBanned('roses on the table', ['rose']));
  assert.ok(containsBanned('glasses', ['glass']));
  assert.ok(containsBanned('berries', ['berry']));
  assert.ok(containsBanned('a CAFÉ scene', ['cafe']));
  assert.ok(containsBanned('T-Shirts', ['tshirt']));
  assert.ok(!containsBanned('neonate care', ['neon']), 'whole words only');
  assert.ok(!containsBanned('anything', []));
});

test('removal leaves a readable prompt without the terms', () => {
  const { text, removed } = removeBannedTerms('Props: mug, neon sign, lens-flare, plant.', ['neon sign', 'lens flare']);
  assert.equal(text, 'Props: mug, plant.');
  assert.deepEqual(removed.sort(), ['lens flare', 'neon sign']);
});

test('removal repeats when neighbours join into a new banned term', () => {
  const { text } = removeBannedTerms('neon X pink', ['x', 'neon pink']);
  assert.ok(!containsBanned(text, ['x', 'neon pink']), text);
});

test('bannedTermsIn reports the terms as the user wrote them', () => {
  assert.deepEqual(bannedTermsIn('Cold Blue Lights everywhere', ['cold blue light', 'neon']), ['cold blue light']);
});
