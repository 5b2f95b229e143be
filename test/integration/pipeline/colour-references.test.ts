/**
 * Issue 10: no take is scored against an image derived from itself. For every way a start image
 * is made (a keyframe cut from a look reference, an identity keyframe, a frame bridge, a remix of
 * an anchor's take), the colour references the take is graded and scored against are approved
 * look images, never the start image, the previous clip's frame or the anchor's still.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeClip, makeImage, makeTempDir } from '../../helpers/make-clips.ts';
import { PlannedShotSchema, type PlannedShot } from '../../../core/domain/shot.ts';
import { referenceForFraming, resolveLookAssets, type LookAssets } from '../../../core/pipeline/look-assets.ts';
import { prepareStartImage } from '../../../core/pipeline/start-image.ts';
import { remixStartImage, type RemixSource } from '../../../core/pipeline/remix-source.ts';

let dir = '';
let cleanup = async () => {};
let assets: LookAssets;
let previous = '';
let plate = '';

before(async () => {
  ({ dir, cleanup } = await makeTempDir('colour-references'));
  const set = await makeImage(dir, { width: 240, height: 135, pattern: 'testsrc2', name: 'set.png' });
  const face = await makeImage(dir, { width: 240, height: 135, color: '#c08060', name: 'face.png' });
  assets = resolveLookAssets([
    { path: set, role: 'set', sha256: 'a'.repeat(64), approved: true, index: 0 },
    { path: face, role: 'character', sha256: 'b'.repeat(64), approved: true, index: 1, label: 'face' },
  ], []);
  previous = await makeClip(dir, { width: 160, height: 90, fps: 12, seconds: 1, name: 'previous.mp4' });
  plate = await makeImage(dir, { width: 160, height: 90, color: '#405060', name: 'anchor-plate.png' });
});
after(() => cleanup());

const shot = (framing: PlannedShot['framing'], characterReference: string | null = null): PlannedShot => PlannedShotSchema.parse({
  id: 's1', index: 0, kind: 'sequence', parentId: null, framing, motion: 'static', deltas: [],
  continuityMode: 'style-match', characterReference, label: 'test',
});

function assertLookImages(refs: readonly string[], notThese: readonly string[], what: string): void {
  const look = new Set(assets.references.map((r) => r.path));
  assert.ok(refs.length > 0, `${what}: has colour references`);
  for (const r of refs) {
    assert.ok(look.has(r), `${what}: ${r} is an approved look image`);
    assert.ok(!notThese.includes(r), `${what}: ${r} is not derived from the take's own inputs`);
  }
}

test('keyframes and bridges are scored against approved look images, never their own start image', async () => {
  const common = { assets, width: 160, height: 90, seed: 3, styleStrength: 0.6, workDir: dir, takeKey: 't' };
  for (const [mechanism, s] of [['style-keyframe', shot('wide')], ['identity-keyframe', shot('medium', 'face')], ['native-reference', shot('wide')]] as const) {
    const start = await prepareStartImage({ ...common, shot: s, mechanism });
    assertLookImages(start.colourReferences, [start.path], mechanism);
  }
  // A session naming a look reference as its style source: that reference is the colour target
  // (a reframe of it is on-look by definition, as in the matrix), not moved toward another image.
  const set = assets.colourReferences[0]!;
  const named = await prepareStartImage({ ...common, shot: shot('wide'), mechanism: 'style-keyframe', styleSource: set });
  assert.deepEqual(named.colourReferences, [set], 'a style source that is a look colour reference is its own colour target');
  assert.match(named.note, /reframe/);
  assert.doesNotMatch(named.note, /colour transferred/, 'no colour move toward another image');
  // A frame of a take as the style source is moved toward, and judged against, the look's anchor.
  const takeFrame = await makeImage(dir, { width: 160, height: 90, color: '#203040', name: 'take-frame.png' });
  const fromTake = await prepareStartImage({ ...common, shot: shot('wide'), mechanism: 'style-keyframe', styleSource: takeFrame });
  assert.deepEqual(fromTake.colourReferences, [assets.colourAnchor]);
  assertLookImages(fromTake.colourReferences, [fromTake.path, takeFrame], 'style keyframe from a take frame');
  const bridge = await prepareStartImage({ ...common, shot: shot('wide'), mechanism: 'frame-bridge', previousClip: previous });
  assertLookImages(bridge.colourReferences, [bridge.path, previous], 'frame-bridge');
});

test("a remix is scored against the look reference its anchor was framed from, not the anchor's still or clip", async () => {
  const src: RemixSource = {
    anchorShotId: 'a1', anchorTakeId: 'take-a1', anchorClip: previous, anchorPlate: plate, anchorLut: null, anchorCamera: null,
    anchorFraming: 'wide', anchorProvider: 'local', anchorModel: 'animatic', anchorRemoteId: null, instruction: 'add a spoon',
  };
  const target = referenceForFraming(assets, src.anchorFraming).path;
  const withPlate = await remixStartImage(src, dir, target);
  assert.equal(withPlate.path, plate);
  assertLookImages(withPlate.colourReferences, [plate, previous], 'remix (anchor still)');
  const fromClip = await remixStartImage({ ...src, anchorPlate: null }, dir, target);
  assertLookImages(fromClip.colourReferences, [fromClip.path, previous], 'remix (anchor first frame)');
});
