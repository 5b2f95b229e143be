/**
 * Issue 5 acceptance: for arbitrary Unicode look names and shot labels, every file the export
 * writes is inside the export root (no symlinks, no traversal), every name is legal on Windows,
 * names are unique case-insensitively per folder, and the FCPXML still validates.
 */
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { lstat, readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { makeTempDir } from '../../helpers/make-clips.ts';
import { verifyClipPack, writeClipPack } from '../../../core/export/index.ts';
import { MAX_NAME_BYTES, NameAllocator, utf8Bytes } from '../../../core/export/sanitize-name.ts';
import { isInside } from '../../../core/export/safe-path.ts';
import { makePack, PALETTE_DELTA } from '../../unit/export/make-pack.ts';
import { makeFixtureMedia, fixtureInput, type FixtureMedia } from './pack-fixture.ts';
import { HAVE_DTD, XMLLINT, validateFcpxml } from './tools.ts';

let dir: string;
let cleanup: () => Promise<void>;
let media: FixtureMedia;
before(async () => { ({ dir, cleanup } = await makeTempDir('export-unicode')); media = await makeFixtureMedia(dir); });
after(() => cleanup());

function legalOnWindows(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (!name || /[<>:"/\\|?*\u0000-\u001f]/.test(name) || /[. ]$/.test(name)) return false;
  return !/^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i.test(name.split('.')[0]!.replace(/ +$/, ''));
}

async function walk(root: string, rel = ''): Promise<{ rel: string; name: string; dir: string }[]> {
  const out: { rel: string; name: string; dir: string }[] = [];
  for (const e of await readdir(join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    out.push({ rel: r, name: e.name, dir: rel });
    if (e.isDirectory()) out.push(...(await walk(root, r)));
  }
  return out;
}

const hostile = fc.constantFrom('CON', 'aux.txt', '..', '../../etc', 'a/b\\c', ' . ', '\u202egnp.exe', 'Ⅻ', 'ẞ', 'ß', 'İstanbul', '\u0000', '😀👩‍👩‍👧', 'x'.repeat(300));
const titleArb = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 40 }), hostile);

test('property: arbitrary Unicode titles → every written path inside the root, legal and unique', async () => {
  let run = 0;
  await fc.assert(fc.asyncProperty(titleArb.filter((s) => s.trim().length > 0), fc.array(titleArb.filter((s) => s.length > 0), { minLength: 2, maxLength: 3 }), async (lookName, labels) => {
    const outDir = join(dir, `out-${run++}`);
    const packs = labels.map((label, i) => makePack({ index: i, kind: i === 2 ? 'variant' : 'anchor', label, lookName, deltas: i === 2 ? [{ ...PALETTE_DELTA, label }] : [] }));
    const input = fixtureInput(media, { lookName, packs, reviews: ['approved'] });
    const result = await writeClipPack(input, { outDir, formats: ['fcpxml', 'edl', 'otio', 'mlt'] });
    const realOut = await realpath(outDir);
    assert.ok(isInside(realOut, result.root) && result.root !== realOut);
    assert.deepEqual(await readdir(outDir), [result.root.slice(realOut.length + 1)], 'only the pack folder in the export root');
    const entries = await walk(result.root);
    const perDir = new Map<string, NameAllocator>();
    for (const e of entries) {
      const full = join(result.root, e.rel);
      assert.ok(!(await lstat(full)).isSymbolicLink(), `symlink written: ${e.rel}`);
      assert.ok(isInside(result.root, await realpath(full)), `outside the root: ${e.rel}`);
      assert.ok(legalOnWindows(e.name), `not legal on Windows: ${JSON.stringify(e.name)}`);
      assert.ok(utf8Bytes(e.name) <= MAX_NAME_BYTES, `too long: ${e.name}`);
      assert.equal(e.name, e.name.normalize('NFC'));
      const names = perDir.get(e.dir) ?? new NameAllocator();
      perDir.set(e.dir, names);
      assert.equal(names.allocate(e.name), e.name, `case-insensitive duplicate in ${e.dir}: ${e.name}`);
    }
    assert.deepEqual((await verifyClipPack(result.root)).problems, []);
    if (XMLLINT && HAVE_DTD) {
      const fcpxml = entries.find((e) => e.name.endsWith('.fcpxml'))!;
      assert.equal(await validateFcpxml(join(result.root, fcpxml.rel)), '', `FCPXML invalid for look ${JSON.stringify(lookName)}`);
    }
  }), { numRuns: 8 });
});
