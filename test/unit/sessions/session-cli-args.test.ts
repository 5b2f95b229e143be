import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../../core/domain/errors.ts';
import { parseMode, parsePosition, parsePrimary, parseStrength } from '../../../cli/session/args.ts';
import { parseSize } from '../../../cli/session/run-commands.ts';

test('--strength takes the presets or a number in 0..1, and names the value when wrong', () => {
  assert.deepEqual(['loose', 'balanced', 'strict', 'exact', 'Strict', '0.7', '0', '1'].map(parseStrength), [0.4, 0.6, 0.8, 0.95, 0.8, 0.7, 0, 1]);
  assert.equal(parseStrength(undefined), undefined);
  for (const bad of ['1.2', '-0.1', 'hard', '']) assert.throws(() => parseStrength(bad), (e: unknown) => e instanceof InputError && e.message.includes(JSON.stringify(bad)));
});

test('--mode, --at/--to and --size are validated', () => {
  assert.equal(parseMode('style-match'), 'style-match');
  assert.throws(() => parseMode('native'), /"native"/);
  assert.equal(parsePosition('to', '2', 3), 2);
  assert.throws(() => parsePosition('to', '4', 3), /--to must be a position from 1 to 3, got "4"/);
  assert.deepEqual(parseSize('320x180'), { width: 320, height: 180 });
  assert.throws(() => parseSize('321x180'), /--size/);
});

test('--primary is a look reference (ref:N, 1-based) or a frame of a take', () => {
  assert.deepEqual(parsePrimary('ref:2'), { kind: 'reference', index: 1 });
  assert.deepEqual(parsePrimary('abc@last'), { kind: 'take-frame', shotId: 'abc', at: 'last' });
  assert.deepEqual(parsePrimary('abc@1.5'), { kind: 'take-frame', shotId: 'abc', at: 1.5 });
  assert.throws(() => parsePrimary('ref:0'), InputError);
  assert.throws(() => parsePrimary('shot 2'), /--primary must be/);
});
