import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { estimateCost, loadPriceTable } from '../../../core/plan/estimate-cost.ts';
import { LOOK_SCHEMA_FILE, PROMPT_PACK_SCHEMA_FILE, lookJsonSchema, promptPackJsonSchema, schemaFileText } from '../../../core/plan/json-schemas.ts';
import { validatePromptPack } from '../../../core/plan/validate-prompt-pack.ts';
import { InputError } from '../../../core/domain/errors.ts';

const table = loadPriceTable();

test('per-second prices, billing units and per-clip prices', () => {
  const veo = estimateCost({ provider: 'fal', model: 'fal-ai/veo3.1/image-to-video', seconds: 8, clips: 12 }, table);
  assert.equal(veo.perClipUsd, 3.2);
  assert.equal(veo.totalUsd, 38.4);
  const kling = estimateCost({ provider: 'fal', model: 'fal-ai/kling-video/v2.1/pro/image-to-video', seconds: 4, clips: 10 }, table);
  assert.equal(kling.billedSeconds, 5, '4 s billed as one 5 s unit');
  assert.equal(kling.perClipUsd, 0.49);
  assert.ok(kling.notes.some((n) => /4 s is billed as 5 s/.test(n)));
  const local = estimateCost({ provider: 'local', model: 'local-animatic', seconds: 4, clips: 12 }, table);
  assert.equal(local.totalUsd, 0);
  assert.equal(local.known, true);
  const unknown = estimateCost({ provider: 'x', model: 'y', seconds: 4, clips: 8 }, table);
  assert.equal(unknown.known, false);
  assert.match(unknown.notes[0]!, /no price for x\/y/);
});

test('the shipped JSON Schemas equal the ones generated from the zod schemas', () => {
  assert.equal(readFileSync(LOOK_SCHEMA_FILE, 'utf8'), schemaFileText(lookJsonSchema()), 'run: npx tsx scripts/make-schemas.ts');
  assert.equal(readFileSync(PROMPT_PACK_SCHEMA_FILE, 'utf8'), schemaFileText(promptPackJsonSchema()), 'run: npx tsx scripts/make-schemas.ts');
  const schema = JSON.parse(readFileSync(PROMPT_PACK_SCHEMA_FILE, 'utf8')) as { $schema: string; required: string[] };
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.ok(schema.required.includes('canonVersion'));
});

test('validatePromptPack rejects a broken pack naming the field', () => {
  assert.throws(() => validatePromptPack({ schemaVersion: 1 }, 'pack.json'), (e: unknown) => e instanceof InputError && /pack\.json: look is required/.test(e.message));
});
