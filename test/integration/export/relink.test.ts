// Issue 15 item 4: a clip pack copied to a folder with spaces and non-ASCII in its name is
// relinked by the real CLI; every .otio/.fcpxml/.edl media link then resolves inside the copy,
// the copy still verifies, and a missing or changed clip stops the relink (exit 2, named).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { makeTempDir } from '../../helpers/make-clips.ts';
import { relinkPack, verifyClipPack, writeClipPack } from '../../../core/export/index.ts';
import { InputError } from '../../../core/domain/errors.ts';
import { createStudio } from '../../../core/api/create-studio.ts';
import { createMemoryKeyStore } from '../../../core/api/key-store.ts';
import { makeFixtureMedia, fixtureInput } from './pack-fixture.ts';
import { mediaLinks } from './relink-links.ts';
import { REPO_ROOT } from './tools.ts';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
before(async () => ({ dir, cleanup } = await makeTempDir('relink')));
after(() => cleanup());

function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin/continuity.mjs'), ...args], { timeout: 300_000 }, (err, out, errOut) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out, err: errOut });
    });
  });
}

test('relink a copied pack: every media link resolves inside the copy; missing or changed clips exit 2 naming the file', { timeout: 1_200_000 }, async () => {
  const media = await makeFixtureMedia(dir);
  const made = await writeClipPack(fixtureInput(media, { lookName: 'Harbour Roast — Autumn Menu' }), { outDir: join(dir, 'out'), includeAll: true });
  const copyRoot = join(dir, 'moved here', 'Café Ünïcode 東京');
  await mkdir(copyRoot, { recursive: true });
  const copy = join(copyRoot, 'pack');
  await cp(made.root, copy, { recursive: true });

  const before = await mediaLinks(copy);
  assert.ok(before.length >= 15, `links found: ${before.length}`);
  assert.ok(before.every((l) => l.path.startsWith(made.root + sep)), 'before relinking, the copy still points at the original');

  const r = await cli('relink', copy, '--json');
  assert.equal(r.code, 0, r.err);
  const result = JSON.parse(r.out) as { timelines: Array<{ path: string; references: number }>; verified: number };
  assert.deepEqual(result.timelines.map((t) => t.path).sort(), ['Timelines/Harbour-Roast-Autumn.edl', 'Timelines/Harbour-Roast-Autumn.fcpxml', 'Timelines/Harbour-Roast-Autumn.otio']);
  assert.equal(result.verified, 5);

  const links = await mediaLinks(copy);
  assert.equal(links.length, before.length);
  for (const l of links) {
    assert.ok(l.path.startsWith(copy + sep), `${l.timeline}: ${l.path} is outside the copy`);
    assert.ok((await stat(l.path)).isFile(), `${l.timeline}: ${l.path} does not resolve`);
  }
  assert.deepEqual((await verifyClipPack(copy)).problems, [], 'the relinked copy still verifies (manifest updated)');
  // Percent-encoding: the URL of a folder with a space and non-ASCII names is encoded, not raw.
  const { readFile } = await import('node:fs/promises');
  const otio = await readFile(join(copy, 'Timelines', 'Harbour-Roast-Autumn.otio'), 'utf8');
  assert.match(otio, /moved%20here\/Caf%C3%A9%20%C3%9Cn%C3%AFcode%20%E6%9D%B1%E4%BA%AC\/pack\/Clips\//);
  assert.equal((await relinkPack(copy)).verified, 5, 'relinking twice is harmless');
  // The app's "Relink pack…" goes through the contract command (no project needs to be open).
  const studio = createStudio({ userDataDir: join(dir, 'user-data'), keyStore: createMemoryKeyStore(), onEvent: () => {} });
  try {
    const viaApp = await studio.invoke('export.relink', { packDir: copy }) as { ok: boolean; value?: { verified: number; timelines: unknown[] } };
    assert.equal(viaApp.ok, true);
    assert.deepEqual([viaApp.value!.verified, viaApp.value!.timelines.length], [5, 3]);
    const bad = await studio.invoke('export.relink', { packDir: join(dir, 'nowhere') }) as { ok: boolean; error?: { code: string; message: string } };
    assert.equal(bad.ok, false);
    assert.match(bad.error!.message, /pack folder not found/);
  } finally { await studio.close(); }

  // A changed clip, a missing one, no pack: InputError naming the file (the CLI's exit 2, once through the CLI).
  const clip = links.find((l) => l.timeline.endsWith('.otio'))!.path;
  await writeFile(clip, 'not the clip');
  await assert.rejects(relinkPack(copy), (e: unknown) => e instanceof InputError && /differs from the manifest/.test(e.message) && e.message.includes(clip));
  await rm(clip);
  const missing = await cli('relink', copy);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /clip missing/);
  assert.ok(missing.err.includes(clip), missing.err);
  await assert.rejects(relinkPack(join(dir, 'nowhere')), InputError);
});
