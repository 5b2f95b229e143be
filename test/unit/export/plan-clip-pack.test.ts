import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planClipPack, safeExtension } from '../../../core/export/plan-clip-pack.ts';
import { clipStem, deltaSlug } from '../../../core/export/clip-names.ts';
import { contactSheetLayout, contactSheetSvg, ellipsize } from '../../../core/export/contact-sheet.ts';
import { stableJson } from '../../../core/export/manifest.ts';
import { assertNoSymlinks } from '../../../core/export/safe-path.ts';
import { InputError } from '../../../core/domain/errors.ts';
import type { ClipPackInput, ReviewState } from '../../../core/export/types.ts';
import { PALETTE_DELTA, PROP_DELTA, makePack, matrixPacks } from './make-pack.ts';

function input(reviews: ReviewState[], lookName = 'Autumn Café'): ClipPackInput {
  return {
    appVersion: '0.1.0',
    look: { name: lookName },
    settings: { width: 160, height: 90, seconds: 1, fps: 24 },
    lookLutPath: '/src/look.cube',
    clips: matrixPacks(lookName).map((pack, i) => ({
      pack,
      gradedPath: `/src/g${i}.MP4`,
      originalPath: `/src/o${i}.mov`,
      lutPath: i === 0 ? '/src/a.cube' : undefined,
      stills: i === 0 ? [{ path: '/src/k.png', kind: 'keyframe' }, { path: '/src/k2.png', kind: 'keyframe' }] : [],
      review: reviews[i] ?? 'approved',
    })),
  };
}

test('clip names follow look_kind+index_shot_delta_vN and are stable', () => {
  const packs = matrixPacks();
  assert.equal(clipStem('Autumn Café', packs[0]!), 'Autumn-Café_anchor01_shot-0_base_v1');
  assert.equal(clipStem('Autumn Café', packs[3]!), 'Autumn-Café_variant04_shot-3_prop-ceramic-mug+palette-teal-night_v2');
  assert.equal(deltaSlug([PROP_DELTA, PALETTE_DELTA]), 'prop-ceramic mug+palette-teal night');
  // The index is the matrix index, so a name does not change when other takes are left out.
  const all = planClipPack(input([]), { formats: [] });
  const some = planClipPack(input(['rejected', 'pending']), { formats: [] });
  assert.equal(some.clips[0]!.stem, all.clips[2]!.stem);
});

test('review state: approved only by default, everything with includeAll, skipped with reasons', () => {
  const plan = planClipPack(input(['approved', 'rejected', 'pending', 'approved', 'approved']), { formats: ['edl'] });
  assert.deepEqual(plan.clips.map((c) => c.source.pack.shot.index), [0, 3, 4]);
  assert.deepEqual(plan.skipped.map((s) => [s.shotId, s.review]), [['shot-1', 'rejected'], ['shot-2', 'pending']]);
  assert.match(plan.skipped[0]!.reason, /rejected in review/);
  assert.match(plan.skipped[1]!.reason, /pending/);
  const all = planClipPack(input(['approved', 'rejected', 'pending']), { includeAll: true, formats: [] });
  assert.equal(all.clips.length, 5);
  assert.deepEqual(all.skipped, []);
  assert.throws(() => planClipPack(input(['rejected', 'pending', 'pending', 'pending', 'pending']), { formats: [] }), InputError);
});

test('paths: folders, extensions, LUTs, stills de-duplicated, timelines per format', () => {
  const plan = planClipPack(input([]), { formats: ['fcpxml', 'mlt'] });
  const c = plan.clips[0]!;
  assert.equal(plan.folder, 'Autumn Café');
  assert.equal(c.clip, 'Clips/Autumn-Café_anchor01_shot-0_base_v1.mp4');
  assert.equal(c.original, 'Clips/Original/Autumn-Café_anchor01_shot-0_base_v1.mov');
  assert.equal(c.promptPack, 'PromptPacks/Autumn-Café_anchor01_shot-0_base_v1.json');
  assert.equal(c.lut, 'LUTs/Autumn-Café_anchor01_shot-0_base_v1.cube');
  assert.deepEqual(c.stills.map((s) => s.rel), ['Stills/Autumn-Café_anchor01_shot-0_base_v1_keyframe.png', 'Stills/Autumn-Café_anchor01_shot-0_base_v1_keyframe-2.png']);
  assert.equal(plan.lookLut!.rel, 'LUTs/Autumn-Café_look.cube');
  assert.deepEqual(plan.timelines, { fcpxml: ['Timelines/Autumn-Café.fcpxml'], mlt: ['Timelines/Autumn-Café.mlt', 'Timelines/Autumn-Café.kdenlive'] });
  assert.equal(safeExtension('/x/a.tar.GZ', '.bin'), '.gz');
  assert.equal(safeExtension('/x/a.m p4', '.mp4'), '.mp4');
  assert.equal(safeExtension('/x/noext', '.png'), '.png');
});

test('the same shot twice gets distinct names that differ only by a suffix', () => {
  const packs = [makePack({ index: 0, label: 'Wide' }), makePack({ index: 0, label: 'WIDE', attempt: 1 })];
  const i = input([]);
  i.clips = packs.map((pack) => ({ ...i.clips[0]!, pack, review: 'approved' }));
  const plan = planClipPack(i, { formats: [] });
  assert.equal(plan.clips[0]!.stem, 'Autumn-Café_anchor01_shot-0_base_v1');
  assert.equal(plan.clips[1]!.stem, 'Autumn-Café_anchor01_shot-0_base_v1-2');
});

test('contact sheet layout and caption SVG', () => {
  const l = contactSheetLayout(5, { width: 1280, height: 720 });
  assert.deepEqual([l.cols, l.rows, l.thumbW, l.thumbH], [4, 2, 320, 180]);
  const svg = contactSheetSvg([{ name: 'a<b', kind: 'variant', deltas: 'palette: teal & gold', score: 0.8123, review: 'rejected' }], contactSheetLayout(1, { width: 16, height: 9 }), 'Look "x"');
  assert.match(svg, /a&lt;b/);
  assert.match(svg, /variant · palette: teal &amp; gold/);
  assert.match(svg, /score 0\.81 · rejected/);
  assert.match(svg, /Look &quot;x&quot;/);
  assert.equal(ellipsize('abcdef', 4), 'abc…');
});

test('stableJson sorts keys recursively', () => {
  assert.equal(stableJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } }), '{\n  "a": {\n    "c": null,\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n');
});

test('assertNoSymlinks refuses a symlinked parent inside the root', async () => {
  const root = await mkdtemp(join(tmpdir(), 'continuity-safe-'));
  try {
    await mkdir(join(root, 'real'));
    await symlink(join(root, 'real'), join(root, 'Clips'));
    assert.throws(() => assertNoSymlinks(root, join(root, 'Clips', 'a.mp4')), /symlink/);
    assert.doesNotThrow(() => assertNoSymlinks(root, join(root, 'real', 'a.mp4')));
    assert.doesNotThrow(() => assertNoSymlinks(root, join(root, 'missing', 'a.mp4')));
    assert.throws(() => assertNoSymlinks(root, join(root, '..', 'x')), /outside/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('timeline files, LUTs and clips share one look slug (issue 15: no "Harbour-Roast-—-Autumn")', () => {
  const plan = planClipPack({ ...input([]), look: { name: 'Harbour Roast — Autumn Menu' } }, { formats: ['edl', 'otio'] });
  const look = plan.clips[0]!.clip.split('/')[1]!.split('_')[0]!;
  assert.equal(look, 'Harbour-Roast-Autumn');
  assert.deepEqual(plan.timelines, { edl: ['Timelines/Harbour-Roast-Autumn.edl'], otio: ['Timelines/Harbour-Roast-Autumn.otio'] });
  assert.equal(plan.lookLut!.rel, 'LUTs/Harbour-Roast-Autumn_look.cube');
});
