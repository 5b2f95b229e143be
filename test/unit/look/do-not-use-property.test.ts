// Property (issue 3 acceptance): for arbitrary brand kits, briefs and do-not-use lists, no banned
// term appears in any positive prompt. The oracle below restates "case-, plural- and
// punctuation-insensitive" on its own terms rather than reusing the enforcement code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LookFileSchema } from '../../../core/domain/look.ts';
import { draftCanonOffline } from '../../../core/canon/draft-canon-offline.ts';
import { compilePrompt } from '../../../core/canon/compile-prompt.ts';
import { planMatrix } from '../../../core/plan/plan-matrix.ts';

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
const words = (s: string) => fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function oracleFinds(prompt: string, term: string): boolean {
  const t = words(term).join('');
  if (!t) return false;
  const forms = new Set([t, t + 's', t + 'es']);
  if (t.endsWith('y')) forms.add(t.slice(0, -1) + 'ies');
  if (t.length > 3 && t.endsWith('s')) { forms.add(t.slice(0, -1)); if (t.endsWith('es')) forms.add(t.slice(0, -2)); }
  const tokens = words(prompt);
  for (let i = 0; i < tokens.length; i++) {
    let joined = '';
    for (let j = i; j < tokens.length && joined.length <= t.length + 3; j++) {
      joined += tokens[j];
      if (forms.has(joined)) return true;
    }
  }
  return false;
}

const POOL = ['warm', 'oak', 'counter', 'mug', 'mugs', 'linen', 'apron', 'window', 'light', 'soft', 'fill', 'rim', 'palette', 'shot',
  'camera', 'anchor', 'grain', 'film', 'terracotta', 'sage', 'coffee', 'pours', 'the', 'a', 'scene', 'props', 'style', 'tulips',
  'leaves', 'holiday', 'motif', 'prime', 'lens', '35mm', 'brass', 'grinder', 'café', 'wool', 'cardigan', 'barista', 'smiles',
  'push-in', 'drift', 'static', 'wide', 'close', 'detail', 'red', 'brown', 'muted', 'orange', 'background', 'string', 'lights',
  'gift', 'pumpkin', 'steam', 'sound', 'room', 'tone', 'shelves', 'plant', 'flowers', 'berry', 'glass'];
const word = fc.constantFrom(...POOL);
const variant = (w: string, mode: number) =>
  mode === 0 ? w : mode === 1 ? w.toUpperCase() : mode === 2 ? `${w}s` : mode === 3 ? `${w}!` : w[0]!.toUpperCase() + w.slice(1);
const term = fc.tuple(fc.array(word, { minLength: 1, maxLength: 2 }), fc.constantFrom(' ', '-', ''), fc.integer({ min: 0, max: 4 }))
  .map(([ws, sep, mode]) => variant(ws.join(sep), mode));
const sentence = fc.array(word, { minLength: 3, maxLength: 14 }).map((ws) => ws.join(' ') + '.');
const hex = fc.integer({ min: 0, max: 0xffffff }).map((n) => '#' + n.toString(16).padStart(6, '0'));

const lookArb = fc.record({
  palette: fc.array(fc.record({ hex, name: fc.option(word, { nil: undefined }) }), { minLength: 1, maxLength: 6 }),
  toneWords: fc.array(word, { maxLength: 5 }),
  lighting: sentence,
  camera: sentence,
  doNotUse: fc.array(term, { minLength: 1, maxLength: 8 }),
  brief: fc.array(sentence, { minLength: 1, maxLength: 5 }).map((s) => s.join(' ')),
  clips: fc.integer({ min: 8, max: 20 }),
  seed: fc.integer({ min: 0, max: 1000 }),
  negativePrompt: fc.boolean(),
  maxPromptChars: fc.constantFrom(300, 1000, 2000),
});

test('property: no banned term reaches any positive prompt', () => {
  fc.assert(fc.property(lookArb, (g) => {
    const look = LookFileSchema.parse({
      name: 'prop',
      brandKit: { palette: g.palette, toneWords: g.toneWords, lighting: g.lighting, camera: g.camera, doNotUse: g.doNotUse },
      references: [{ path: 'a.png', role: 'set' }],
      productShots: [{ path: 'p.png', name: 'hero mug' }],
      brief: g.brief,
      batch: { clips: g.clips },
    });
    const canon = draftCanonOffline(look, [{ role: 'set', palette: [{ hex: '#336699', weight: 1 }] }]);
    const shots = planMatrix({ look, canon, seed: g.seed });
    for (const shot of shots) {
      const out = compilePrompt({ canon, shot, brandKit: look.brandKit, model: { maxPromptChars: g.maxPromptChars, negativePrompt: g.negativePrompt } });
      assert.ok(out.prompt.length <= g.maxPromptChars);
      for (const t of g.doNotUse) assert.ok(!oracleFinds(out.prompt, t), `banned ${JSON.stringify(t)} in ${shot.id}: ${out.prompt}`);
      if (g.negativePrompt) assert.ok(out.negativePrompt.length > 0);
      else assert.equal(out.negativePrompt, '');
    }
  }), { numRuns: 40 });
});

test('one-letter banned terms catch their plural too (found by the property above)', async () => {
  const { containsBanned } = await import('../../../core/canon/do-not-use.ts');
  assert.equal(containsBanned('same lighting as the anchor', ['a']), true);
  assert.equal(containsBanned('same lighting in the anchor', ['a']), false);
});
