import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePrompt } from '../../../core/canon/compile-prompt.ts';
import { draftCanonOffline } from '../../../core/canon/draft-canon-offline.ts';
import { containsBanned } from '../../../core/canon/do-not-use.ts';
import { LOCAL_ANIMATIC_PROFILE } from '../../../core/canon/prompt-model-profile.ts';
import { planMatrix } from '../../../core/plan/plan-matrix.ts';
import { makeLook } from './look-fixture.ts';

const look = makeLook();
const canon = draftCanonOffline(look, []);
const shots = planMatrix({ look, canon, seed: 3 });

test('continuity-critical fields come first, then framing, motion and action', () => {
  const { prompt } = compilePrompt({ canon, shot: shots[0]!, brandKit: look.brandKit, model: LOCAL_ANIMATIC_PROFILE });
  const order = ['Palette locked', 'Lighting:', 'Wardrobe:', 'Set:', 'Style:', 'Framing:', 'Camera:', 'Action:'].map((k) => prompt.indexOf(k));
  assert.ok(order.every((i) => i >= 0), prompt);
  assert.deepEqual([...order].sort((a, b) => a - b), order);
  assert.match(prompt, /terracotta #c65d3b/);
});

test('variants state their deltas explicitly', () => {
  for (const shot of shots.filter((s) => s.kind !== 'anchor')) {
    const { prompt } = compilePrompt({ canon, shot, brandKit: look.brandKit, model: LOCAL_ANIMATIC_PROFILE });
    assert.match(prompt, new RegExp(`Only change from anchor ${shot.parentId}:`), prompt);
  }
});

test('the same inputs give byte-identical output', () => {
  const a = shots.map((shot) => compilePrompt({ canon, shot, brandKit: look.brandKit, model: LOCAL_ANIMATIC_PROFILE }));
  const b = planMatrix({ look, canon: draftCanonOffline(look, []), seed: 3 }).map((shot) => compilePrompt({ canon, shot, brandKit: look.brandKit, model: LOCAL_ANIMATIC_PROFILE }));
  assert.equal(JSON.stringify(a), JSON.stringify(b));
});

test('prompts are cut at a word boundary within the model limit', () => {
  const model = { maxPromptChars: 180, negativePrompt: true };
  const full = compilePrompt({ canon, shot: shots[0]!, brandKit: look.brandKit, model: LOCAL_ANIMATIC_PROFILE }).prompt;
  const out = compilePrompt({ canon, shot: shots[0]!, brandKit: look.brandKit, model });
  assert.ok(out.prompt.length <= 180, `${out.prompt.length}`);
  assert.ok(out.truncated);
  const body = out.prompt.replace(/\.$/, '');
  assert.ok(full.startsWith(body), 'a prefix of the full prompt');
  assert.match(full.slice(body.length, body.length + 1), /[\s.,;]/, 'cut between words');
});

test('banned terms go to the negative prompt only when the model has one', () => {
  const kit = { ...look.brandKit, doNotUse: ['oak', 'stoneware mug'] };
  const c = draftCanonOffline({ ...look, brandKit: kit }, []);
  const withNeg = compilePrompt({ canon: { ...c, setDressing: { ...c.setDressing, props: ['stoneware mugs', 'Oak counter'] } }, shot: shots[0]!, brandKit: kit, model: LOCAL_ANIMATIC_PROFILE });
  assert.ok(!containsBanned(withNeg.prompt, kit.doNotUse), withNeg.prompt);
  assert.match(withNeg.negativePrompt, /oak, stoneware mug/);
  const noNeg = compilePrompt({ canon: c, shot: shots[0]!, brandKit: kit, model: { maxPromptChars: 2000, negativePrompt: false } });
  assert.equal(noNeg.negativePrompt, '');
  assert.ok(!containsBanned(noNeg.prompt, kit.doNotUse));
});

test('a shot with its own prompt sends it (do-not-use still applied) and keeps the canon-built one', () => {
  const canonBuilt = compilePrompt({ canon, shot: shots[0]!, brandKit: look.brandKit, model: LOCAL_ANIMATIC_PROFILE });
  assert.equal(canonBuilt.canonPrompt, undefined, 'no reference copy when the canon\'s prompt is the one sent');
  const banned = look.brandKit.doNotUse[0]!;
  const own = compilePrompt({ canon, shot: { ...shots[0]!, prompt: `A slow drift over the counter, ${banned} nowhere.` }, brandKit: look.brandKit, model: LOCAL_ANIMATIC_PROFILE });
  assert.match(own.prompt, /^A slow drift over the counter/);
  assert.ok(!containsBanned(own.prompt, [banned]), `the do-not-use list holds for a person's prompt too: ${own.prompt}`);
  assert.deepEqual(own.removedTerms, [banned]);
  assert.equal(own.canonPrompt, canonBuilt.prompt);
});
