import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLookJson } from '../../../core/look/load-look-file.ts';
import { InputError } from '../../../core/domain/errors.ts';

const base = {
  name: 'x',
  brandKit: { palette: [{ hex: '#112233' }], lighting: 'soft', camera: '35mm' },
  references: [{ path: 'a.png', role: 'set' }],
  brief: 'b',
};
const parse = (obj: unknown) => parseLookJson(JSON.stringify(obj), '/looks/LOOK.json');
const message = (obj: unknown) => { try { parse(obj); } catch (e) { assert.ok(e instanceof InputError); return e.message; } assert.fail('expected InputError'); };

test('a minimal look gets the batch defaults', () => {
  const look = parse(base);
  assert.equal(look.batch.size, '1280x720');
  assert.equal(look.batch.seconds, 4);
  assert.equal(look.batch.clips, 12);
});

test('seconds 9 names the field and the value', () => {
  assert.match(message({ ...base, batch: { seconds: 9 } }), /\/looks\/LOOK\.json: batch\.seconds must be 4 or 8, got 9/);
});

test('a bad hex names the palette index, the rule and the value', () => {
  const m = message({ ...base, brandKit: { ...base.brandKit, palette: [{ hex: '#112233' }, { hex: '#aabbcc' }, { hex: '#12345' }] } });
  assert.match(m, /brandKit\.palette\[2\]\.hex must be a hex colour like "#1a2b3c", got "#12345"/);
});

test('a missing field is named', () => {
  const { brief: _b, ...noBrief } = base;
  assert.match(message(noBrief), /brief is required but missing/);
});

test('enum and range errors list the allowed values', () => {
  assert.match(message({ ...base, references: [{ path: 'a.png', role: 'villain' }] }), /references\[0\]\.role must be one of "wardrobe", .*got "villain"/);
  assert.match(message({ ...base, batch: { clips: 30 } }), /batch\.clips must be at most 20, got 30/);
});

test('invalid JSON is bad input naming the file', () => {
  assert.throws(() => parseLookJson('{ nope', '/x/LOOK.json'), (e: unknown) => e instanceof InputError && /\/x\/LOOK\.json: not valid JSON/.test(e.message));
});
