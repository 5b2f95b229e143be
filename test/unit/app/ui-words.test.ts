/** Engine messages reach the app without CLI flags (issue 16 item 8). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uiWords } from '../../../core/api/ui-words.ts';
import { toApiError } from '../../../core/api/to-api-error.ts';
import { WorkError } from '../../../core/domain/errors.ts';
import { OutsideFolderError } from '../../../core/look/inside-folder.ts';

test('CLI flags become the place in the app that does the same thing', () => {
  assert.equal(uiWords('raise the budget (--budget) or make fewer takes.'), 'raise the budget (Batch settings → Budget) or make fewer takes.');
  assert.equal(uiWords('finished takes are kept (run again with --resume)'), 'finished takes are kept (press Retry on the job to continue)');
  assert.equal(uiWords('no flags here'), 'no flags here');
  const e = toApiError(new WorkError('over the budget; raise it (--budget)', 'over_budget'));
  assert.doesNotMatch(e.message, /--[a-z]/);
  // The shot editor's and remix's changes, and a reference outside the look's folder (the app asks instead).
  assert.equal(uiWords('--delta "palette:nope": not a colour'), 'The change "palette:nope": not a colour');
  assert.equal(uiWords('--shot: a1-v1 is a variant shot; remix works on anchors and their variants'), 'Shot a1-v1 is a variant shot; remix works on anchors and their variants');
  assert.equal(uiWords('--shot: no shot "x" in this look'), 'There is no shot "x" in this look');
  assert.doesNotMatch(uiWords('2 shots have takes. Run with --replan to replace them with the new plan.'), /--[a-z]/);
  const outside = toApiError(new OutsideFolderError('look.json: references[0].path "/x.png" is outside the look\'s folder /l; move the image into that folder, or allow files outside it explicitly (continuity: --allow-outside; the app asks)', 'references[0].path', '/x.png'));
  assert.equal(outside.code, 'outside_folder');
  assert.doesNotMatch(outside.message, /--[a-z]/);
});

test('delta chips say their kind once and name the real motif or prop', async () => {
  const { deltaText } = await import('../../../core/plan/delta-words.ts');
  assert.equal(deltaText({ kind: 'prop', label: 'prop: a brass tray', prop: 'a brass tray' }), 'prop: a brass tray');
  assert.equal(deltaText({ kind: 'prop', label: 'prop: prop: a brass tray', prop: 'a brass tray' }), 'prop: a brass tray');
  assert.equal(deltaText({ kind: 'prop', label: 'autumn: a small pumpkin', prop: 'a small pumpkin' }), 'autumn prop: a small pumpkin');
  assert.equal(deltaText({ kind: 'prop', label: 'autumn prop', prop: 'a basket of apples' }), 'autumn prop: a basket of apples');
  assert.equal(deltaText({ kind: 'prop', label: 'summer hat on a hook', prop: 'summer hat' }), 'prop: summer hat on a hook');
  assert.equal(deltaText({ kind: 'motif', label: 'autumn motif', motif: 'scattered fallen leaves', season: 'autumn' }), 'autumn motif: scattered fallen leaves');
  assert.equal(deltaText({ kind: 'motif', label: 'winter: pine cones along the shelf', motif: 'pine cones along the shelf', season: 'winter' }), 'winter motif: pine cones along the shelf');
  assert.equal(deltaText({ kind: 'camera', label: 'camera: push-in @ close', motion: 'push-in', framing: 'close' }), 'camera: push-in @ close');
  assert.equal(deltaText({ kind: 'camera', label: 'camera push-in', motion: 'push-in' }), 'camera: push-in');
  assert.equal(deltaText({ kind: 'palette', label: 'teal night', hueShiftDeg: 0, saturation: 1, brightness: 0, targetHex: ['#1b4d5c'] }), 'palette: teal night');
  assert.equal(deltaText({ kind: 'palette', label: 'Terracotta-led palette', hueShiftDeg: 0, saturation: 1, brightness: 0, targetHex: ['#c65d3b'] }), 'Terracotta-led palette');
});

test('hex colours are taken as people type them and written #rrggbb; palette changes accept them', async () => {
  const { normaliseHex } = await import('../../../core/color/hex.ts');
  assert.equal(normaliseHex('c65d3b'), '#c65d3b');
  assert.equal(normaliseHex(' #FFF '), '#ffffff');
  assert.equal(normaliseHex('FFF'), '#ffffff');
  assert.equal(normaliseHex('#C65D3B'), '#c65d3b');
  assert.equal(normaliseHex('red'), undefined);
  assert.equal(normaliseHex('#12345'), undefined);
  const { parseDelta } = await import('../../../core/plan/parse-delta.ts');
  const catalog = { palette: [{ kind: 'palette' as const, label: 'bad', hueShiftDeg: 0, saturation: 1, brightness: 0, targetHex: ['#000000'] }], prop: [], scene: [], seasons: [] };
  const d = parseDelta('palette:c65d3b, #FFF', catalog);
  assert.deepEqual(d.kind === 'palette' && d.targetHex, ['#c65d3b', '#ffffff']);
  assert.equal(parseDelta('palette:bad', catalog).label, 'bad', 'a named palette wins over a short hex');
  assert.throws(() => parseDelta('palette:#c65d3b,blue', catalog), (e: Error) => /"blue" is not a colour/.test(e.message));
});

test('clip names cut the delta part at a word, never mid-word', async () => {
  const { slugAtWords, deltaSlug } = await import('../../../core/export/clip-names.ts');
  const slug = slugAtWords(deltaSlug([{ kind: 'prop', label: 'prop: a knitted blanket folded on a chair', prop: 'a knitted blanket' }]), 36, 'delta');
  assert.equal(slug, 'prop-a-knitted-blanket-folded-on-a');
  assert.ok(Buffer.byteLength(slug) <= 36);
  assert.equal(slugAtWords('supercalifragilisticexpialidocious-and-more', 20, 'delta').length, 20, 'a first word longer than the room is cut: nothing else fits');
});

test('an unreadable reference is refused in words: no staging path, no decoder text', async () => {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { analyseImageFile } = await import('../../../core/look/analyse-reference.ts');
  const dir = await mkdtemp(join(tmpdir(), 'ui-words-'));
  try {
    // A JPEG cut after its headers: SOI, a JFIF APP0 and nothing else.
    const cut = join(dir, 'staging-7f3a.jpg');
    await writeFile(cut, Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb004300' + '08'.repeat(64), 'hex'));
    const err = await analyseImageFile(cut, 'file', 'photo.jpg').then(() => null, (e: Error) => e);
    assert.ok(err, 'a cut JPEG is refused');
    const message = toApiError(err).message;
    assert.match(message, /^file "photo\.jpg" is not an image: /);
    assert.doesNotMatch(message, /staging-7f3a|vips|Vips|Input file/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
