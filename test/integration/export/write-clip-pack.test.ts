import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, mkdir, writeFile, symlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { makeTempDir } from '../../helpers/make-clips.ts';
import { writeClipPack, verifyClipPack, readManifest } from '../../../core/export/index.ts';
import { PromptPackSchema } from '../../../core/domain/prompt-pack.ts';
import { CanceledError, InputError } from '../../../core/domain/errors.ts';
import { runFfmpeg } from '../../../core/media/run-ffmpeg.ts';
import { parseTimecode } from '../../../core/export/build-edl.ts';
import { makeFixtureMedia, fixtureInput, type FixtureMedia } from './pack-fixture.ts';
import { HAVE_DTD, MELT, XMLLINT, FCPXML_DTD, meltRender, validateFcpxml } from './tools.ts';

let dir: string;
let cleanup: () => Promise<void>;
let media: FixtureMedia;

before(async () => {
  ({ dir, cleanup } = await makeTempDir('export'));
  media = await makeFixtureMedia(dir);
});
after(() => cleanup());

test('a look LUT that copies a clip LUT is refused before anything is written (issue 12 item 1)', async () => {
  const out = join(dir, 'out-copied-look-lut');
  const input = { ...fixtureInput(media), lookLutPath: media.lut };
  await assert.rejects(writeClipPack(input, { outDir: out }), (e: unknown) => e instanceof InputError && /byte-identical to clips\[0\]\.lutPath/.test(e.message));
  await assert.rejects(stat(out), /ENOENT/, 'nothing written');
});

const NAME = /^Autumn-Café_(anchor|variant|seasonal)\d{2}_[^_]+_[^_]+_v\d+$/u;

test('default export: approved takes only, full layout, manifest verifies, every format valid', async (t) => {
  const out = join(dir, 'out-default');
  const result = await writeClipPack(fixtureInput(media), { outDir: out, formats: ['fcpxml', 'edl', 'otio', 'mlt'] });
  assert.equal(result.root, join(out, 'Autumn Café'));
  assert.deepEqual(result.skipped.map((s) => [s.shotId, s.review]), [['shot-3', 'rejected'], ['shot-4', 'pending']]);
  assert.match(result.skipped[0]!.reason, /rejected in review/);

  const v = await verifyClipPack(result.root);
  assert.deepEqual(v.problems, []);
  const m = v.manifest!;
  assert.equal(m.clips.length, 3);
  assert.deepEqual(m.clips.map((c) => c.kind), ['anchor', 'anchor', 'variant'], 'pack order kept');
  for (const c of m.clips) {
    assert.match(c.name, NAME);
    assert.equal(c.review, 'approved');
    assert.equal(c.frames, 24);
  }
  const top = (await readdir(result.root)).sort();
  assert.deepEqual(top, ['Clips', 'LUTs', 'PromptPacks', 'README.txt', 'Stills', 'Timelines', 'manifest.json']);
  assert.deepEqual((await readdir(join(result.root, 'Clips', 'Original'))).length, 3);
  assert.ok((await readdir(join(result.root, 'LUTs'))).includes('Autumn-Café_look.cube'));
  assert.ok((await readdir(out)).every((n) => !n.startsWith('.')), 'no temp or backup folder left');

  // Prompt packs validate and are the takes delivered.
  for (const c of m.clips) {
    const pack = PromptPackSchema.parse(JSON.parse(await readFile(join(result.root, c.promptPack), 'utf8')));
    assert.equal(pack.shot.id, c.shotId);
  }
  // Contact sheet: a PNG grid of 3 thumbnails (320 px wide each) with captions.
  const sheet = await sharp(join(result.root, 'Stills', 'contact-sheet.png')).metadata();
  assert.equal(sheet.format, 'png');
  assert.equal(sheet.width, 16 + 3 * 336);
  // LUTs load in ffmpeg's lut3d.
  for (const lut of m.files.filter((f) => f.path.endsWith('.cube'))) {
    await runFfmpeg(['-v', 'error', '-i', join(result.root, m.clips[0]!.file), '-vf', `lut3d=file='${join(result.root, lut.path)}'`, '-frames:v', '1', '-f', 'null', '-']);
  }
  // EDL events match the clips.
  const edl = await readFile(join(result.root, 'Timelines', 'Autumn-Café.edl'), 'utf8');
  const events = edl.split('\n').filter((l) => /^\d{3} /.test(l)).map((l) => l.split(/\s+/));
  assert.equal(events.length, 3);
  events.forEach((e, i) => assert.equal(parseTimecode(e[5]!, 24) - parseTimecode(e[4]!, 24), m.clips[i]!.frames));
  assert.match(edl, new RegExp(`^\\* FROM CLIP NAME: ${m.clips[2]!.name}$`, 'mu'));
  // Every event names its media by the path it really has (issue 15).
  const edlMedia = edl.split('\n').filter((l) => l.startsWith('* FROM CLIP: ')).map((l) => l.slice('* FROM CLIP: '.length));
  assert.deepEqual(edlMedia, m.clips.map((c) => join(result.root, c.file)));
  // OTIO carries the prompt packs and absolute URLs to the delivered clips.
  const otio = JSON.parse(await readFile(join(result.root, 'Timelines', 'Autumn-Café.otio'), 'utf8'));
  const clips = otio.tracks.children[0].children;
  assert.equal(clips[1].metadata.continuity.shot.id, 'shot-1');
  assert.equal(decodeURIComponent(new URL(clips[0].media_reference.target_url).pathname), join(result.root, m.clips[0]!.file));

  await t.test('FCPXML validates against the 1.10 DTD', { skip: !XMLLINT ? 'xmllint not installed (apt-get install libxml2-utils)' : !HAVE_DTD ? `DTD missing at ${FCPXML_DTD}` : false }, async () => {
    assert.equal(await validateFcpxml(join(result.root, 'Timelines', 'Autumn-Café.fcpxml')), '');
  });
  await t.test('melt renders the .mlt and the .kdenlive', { skip: MELT ? false : 'melt not installed (apt-get install melt)' }, async () => {
    for (const ext of ['mlt', 'kdenlive']) {
      const r = await meltRender(join(result.root, 'Timelines', `Autumn-Café.${ext}`), join(dir, `render-${ext}.mp4`));
      assert.equal(r.problems, '', ext);
      assert.equal(r.frames, 72, ext);
    }
  });
});

test('idempotent: exporting twice gives byte-identical files and manifests apart from createdAt', async () => {
  const out = join(dir, 'out-twice');
  const a = await writeClipPack(fixtureInput(media, { createdAt: '2026-05-01T10:00:00.000Z' }), { outDir: out });
  const first = await readFile(a.manifestPath, 'utf8');
  const b = await writeClipPack(fixtureInput(media, { createdAt: '2026-06-02T11:00:00.000Z' }), { outDir: out });
  const second = await readFile(b.manifestPath, 'utf8');
  assert.notEqual(first, second);
  const strip = (s: string) => s.replace(/"createdAt": "[^"]*"/, '"createdAt": ""');
  assert.equal(strip(first), strip(second));
  assert.deepEqual(a.files, b.files);
  assert.ok((await verifyClipPack(b.root)).ok);
});

test('includeAll delivers pending and rejected takes, marked as such', async () => {
  const out = join(dir, 'out-all');
  const r = await writeClipPack(fixtureInput(media), { outDir: out, includeAll: true, formats: ['edl'] });
  assert.deepEqual(r.skipped, []);
  const m = await readManifest(r.root);
  assert.deepEqual(m.clips.map((c) => c.review), ['approved', 'approved', 'approved', 'rejected', 'pending']);
  assert.deepEqual(m.timelines, ['Timelines/Autumn-Café.edl']);
  assert.match(await readFile(join(r.root, 'README.txt'), 'utf8'), /Includes 2 take\(s\) that were not approved/);
});

test('nothing approved → InputError naming the counts, nothing written', async () => {
  const out = join(dir, 'out-none');
  await assert.rejects(writeClipPack(fixtureInput(media, { reviews: ['pending', 'rejected'] }), { outDir: out }),
    (e: unknown) => e instanceof InputError && /no approved takes \(3 pending, 2 rejected of 5\)/.test(e.message));
  await assert.rejects(stat(join(out, 'Autumn Café')));
});

test('bad input is refused before writing, naming the field and the value', async () => {
  const input = fixtureInput(media);
  input.clips[2] = { ...input.clips[2]!, gradedPath: join(dir, 'missing.mp4') };
  await assert.rejects(writeClipPack(input, { outDir: join(dir, 'out-bad') }), /clips\[2\]\.gradedPath: file not found: .*missing\.mp4/);
  const bad = fixtureInput(media);
  (bad.clips[1]!.pack as { seconds: number }).seconds = -1;
  await assert.rejects(writeClipPack(bad, { outDir: join(dir, 'out-bad') }), /clips\[1\]\.pack: seconds/);
  await assert.rejects(writeClipPack(fixtureInput(media), { outDir: join(dir, 'out-bad'), formats: ['aaf' as 'edl'] }), /unknown timeline format "aaf"/);
  const wrongSize = fixtureInput(media);
  wrongSize.settings = { ...wrongSize.settings, width: 320, height: 180 };
  await assert.rejects(writeClipPack(wrongSize, { outDir: join(dir, 'out-bad') }), /is 160x90 but the batch is 320x180/);
});

test('refuses a symlinked target and a folder that is not a clip pack', async () => {
  const out = join(dir, 'out-link');
  await mkdir(join(dir, 'elsewhere'), { recursive: true });
  await mkdir(out, { recursive: true });
  await symlink(join(dir, 'elsewhere'), join(out, 'Autumn Café'));
  await assert.rejects(writeClipPack(fixtureInput(media), { outDir: out }), (e: unknown) => e instanceof InputError && /symlink/.test(e.message));
  assert.deepEqual(await readdir(join(dir, 'elsewhere')), [], 'nothing written through the link');

  const out2 = join(dir, 'out-foreign');
  await mkdir(join(out2, 'Autumn Café'), { recursive: true });
  await writeFile(join(out2, 'Autumn Café', 'thesis.docx'), 'precious');
  await assert.rejects(writeClipPack(fixtureInput(media), { outDir: out2 }), /not a Continuity clip pack/);
  assert.equal(await readFile(join(out2, 'Autumn Café', 'thesis.docx'), 'utf8'), 'precious');
});

test('cancel mid-export: CanceledError, temp folder removed, previous pack intact', async () => {
  const out = join(dir, 'out-cancel');
  const prev = await writeClipPack(fixtureInput(media), { outDir: out, formats: ['edl'] });
  const before = await readFile(prev.manifestPath, 'utf8');
  const ac = new AbortController();
  await assert.rejects(writeClipPack(fixtureInput(media), {
    outDir: out,
    includeAll: true,
    signal: ac.signal,
    onProgress: (p) => { if (p.step.startsWith('copying clip 2')) ac.abort(); },
  }), CanceledError);
  assert.deepEqual(await readdir(out), ['Autumn Café']);
  assert.equal(await readFile(prev.manifestPath, 'utf8'), before);
  assert.ok((await verifyClipPack(prev.root)).ok);
});
