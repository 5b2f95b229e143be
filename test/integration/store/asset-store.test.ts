import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { createAssetStore } from '../../../core/store/asset-store.ts';
import { writeFileAtomic } from '../../../core/store/atomic-write.ts';
import { InputError } from '../../../core/domain/errors.ts';
import { makeTempDir } from '../../helpers/make-clips.ts';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
before(async () => ({ dir, cleanup } = await makeTempDir('assets')));
after(() => cleanup());

test('putFile: content-addressed layout assets/ab/<sha256>.<ext>, deduplicated, no temp files left', async () => {
  const store = createAssetStore(join(dir, 'assets'));
  const src = join(dir, 'Photo.JPG');
  writeFileSync(src, 'pixels');
  const sha = createHash('sha256').update('pixels').digest('hex');
  const a = await store.putFile(src);
  assert.deepEqual([a.sha256, a.ext, a.bytes], [sha, 'jpg', 6]);
  assert.equal(a.path, join(dir, 'assets', sha.slice(0, 2), `${sha}.jpg`));
  assert.equal(readFileSync(a.path, 'utf8'), 'pixels');
  const b = await store.putBuffer(Buffer.from('pixels'), '.JPG');
  assert.equal(b.path, a.path);
  assert.ok(store.has(sha, 'jpg'));
  assert.ok(!store.has(sha, 'png'));
  assert.deepEqual(readdirSync(join(dir, 'assets', '.incoming')), []);
  assert.deepEqual(readdirSync(join(dir, 'assets', sha.slice(0, 2))), [`${sha}.jpg`]);
});

test('bad ids and extensions are refused (they could otherwise form paths)', async () => {
  const store = createAssetStore(join(dir, 'assets2'));
  assert.throws(() => store.pathOf('../../etc/passwd', 'png'), InputError);
  assert.throws(() => store.pathOf('a'.repeat(64), '../x'), InputError);
  await assert.rejects(store.putFile(join(dir, 'missing.png')), (e: unknown) => e instanceof InputError && e.message.includes('missing.png'));
});

test('any bytes round-trip and hash to their sha256', async () => {
  const store = createAssetStore(join(dir, 'assets3'));
  await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
    const ref = await store.putBuffer(bytes, 'bin');
    return ref.sha256 === createHash('sha256').update(bytes).digest('hex') && readFileSync(ref.path).equals(Buffer.from(bytes));
  }), { numRuns: 30 });
});

test('writeFileAtomic replaces a file whole and leaves no temp files', async () => {
  const target = join(dir, 'doc.json');
  await writeFileAtomic(target, '{"v":1}');
  await writeFileAtomic(target, new Uint8Array(Buffer.from('{"v":2}')));
  assert.equal(readFileSync(target, 'utf8'), '{"v":2}');
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.tmp')), []);
  await assert.rejects(writeFileAtomic(join(dir, 'no-such-dir', 'x'), 'x'));
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.tmp')), []);
});
