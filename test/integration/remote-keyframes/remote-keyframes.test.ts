// Remote identity / style keyframes (DESIGN.md §4 mechanisms 3–4) against the loopback fakes:
// PuLID on fal once per take key (seed recorded, exact size), IP-Adapter on Replicate validated
// against the live schema at the shot's style strength, and the local fallbacks that say why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import '../../support/test-switches.ts'; // fast polls of the loopback fakes
import type { PlannedShot } from '../../../core/domain/shot.ts';
import { createShotRenderer } from '../../../core/pipeline/create-renderer.ts';
import type { LookAssets } from '../../../core/pipeline/look-assets.ts';
import { createRemoteKeyframeMaker } from '../../../core/pipeline/remote-keyframe-maker.ts';
import { prepareStartImage } from '../../../core/pipeline/start-image.ts';
import { openProject } from '../../../core/store/open-project.ts';
import { startFakeFal } from '../../fakes/fake-fal.ts';
import { startFakeReplicate } from '../../fakes/fake-replicate.ts';
import { startFakeRunway } from '../../fakes/fake-runway.ts';

let dir: string;
let face: string;
let set: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'remote-keyframes-'));
  face = join(dir, 'face.png');
  set = join(dir, 'set.png');
  await sharp({ create: { width: 240, height: 320, channels: 3, background: { r: 200, g: 150, b: 120 } } }).png().toFile(face);
  await sharp({ create: { width: 320, height: 180, channels: 3, background: { r: 60, g: 90, b: 140 } } }).png().toFile(set);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const assets = (): LookAssets => ({
  references: [{ path: set, role: 'set', sha256: 'a'.repeat(64), approved: true, index: 0 }, { path: face, role: 'character', sha256: 'b'.repeat(64), approved: true, index: 1, label: 'barista' }],
  productShots: [], colourReferences: [set], colourAnchor: set, characterReference: face,
});
// Shots name their character by the look reference's label (the pick the engine must honour).
const shot = (id: string, styleStrength = 0.7) => ({ id, framing: 'medium', deltas: [], styleStrength, characterReference: 'barista' } as unknown as PlannedShot);
const size = async (path: string) => { const m = await sharp(path).metadata(); return [m.width, m.height]; };

test('identity keyframe: PuLID on fal, one create per take key, seed recorded, exactly width×height', async () => {
  const fake = await startFakeFal();
  fake.behaviour.pollsBeforeDone = 1;
  const project = openProject(join(dir, 'fal'), { create: true });
  const env = { FAL_KEY: 'fake-key-for-tests', CONTINUITY_FAL_BASE_URL: fake.proxyUrl, CONTINUITY_POLL_INTERVAL_MS: '20' };
  const keyframes = createRemoteKeyframeMaker({ project, env, batchId: 'kf-fal' });
  try {
    const req = () => ({
      shot: shot('a1'), mechanism: 'identity-keyframe' as const, assets: assets(), width: 320, height: 180, seed: 4242,
      styleStrength: 0.7, workDir: dir, keyframes, takeKey: 'take-a1', prompt: 'the barista turns to camera',
    });
    const start = await prepareStartImage(req());
    assert.deepEqual(await size(start.path), [320, 180]);
    assert.equal(start.keyframe?.provider, 'fal');
    assert.equal(start.keyframe?.model, 'fal-ai/flux-pulid');
    assert.equal(start.keyframe?.seedReturned, 4242, 'the seed PuLID reports is recorded');
    assert.ok((start.keyframe?.costUsd ?? 0) > 0);
    assert.match(start.note, /^identity keyframe \(fal:fal-ai\/flux-pulid, medium\): .*seed 4242/);
    assert.deepEqual(start.colourReferences, [set], 'a generated keyframe is judged against the look colour anchor');
    const input = [...fake.jobs.values()][0]!.input as Record<string, unknown>;
    assert.deepEqual(input.image_size, { width: 1024, height: 576 });
    assert.equal(input.prompt, 'the barista turns to camera');
    assert.ok(typeof input.reference_image_url === 'string');
    // The same take again (a retry, a resumed run): the job is picked up, never created twice.
    const again = await prepareStartImage(req());
    assert.equal(again.keyframe?.remoteId, start.keyframe?.remoteId);
    assert.deepEqual(fake.createCounts(), { 'take-a1-kf': 1 });
  } finally { await keyframes.close?.(); project.close(); await fake.close(); }
});

test('identity keyframe via Runway gen4_image when the look picks it: tagged character + look references, seed, one create', async () => {
  const fake = await startFakeRunway();
  fake.behaviour.pollsBeforeDone = 1;
  const project = openProject(join(dir, 'runway'), { create: true });
  const env = { RUNWAYML_API_SECRET: 'key_fake_runway_kf_0000', CONTINUITY_RUNWAY_BASE_URL: fake.baseUrl, CONTINUITY_POLL_INTERVAL_MS: '20' };
  const keyframes = createRemoteKeyframeMaker({ project, env, batchId: 'kf-runway', keyframeModel: 'runway:gen4_image' });
  try {
    const req = () => ({
      shot: shot('a1'), mechanism: 'identity-keyframe' as const, assets: assets(), width: 320, height: 180, seed: 77,
      styleStrength: 0.7, workDir: dir, keyframes, takeKey: 'take-rw-a1', prompt: 'the barista turns to camera',
    });
    const start = await prepareStartImage(req());
    assert.deepEqual(await size(start.path), [320, 180]);
    assert.equal(start.keyframe?.provider, 'runway');
    assert.equal(start.keyframe?.model, 'gen4_image');
    assert.equal(fake.images.length, 1);
    const b = fake.images[0]!;
    assert.deepEqual(b.referenceImages?.map((r) => r.tag), ['character', 'look_ref'], 'the character, then the look\'s colour anchor');
    assert.match(b.promptText, /@character .*@look_ref .*the barista turns to camera/);
    assert.equal(b.seed, 77);
    assert.equal(b.ratio, '1920:1080');
    await prepareStartImage(req());
    assert.deepEqual(fake.createCounts(), { 'take-rw-a1-kf': 1 });
  } finally { await keyframes.close?.(); project.close(); await fake.close(); }
});

test('style keyframe: IP-Adapter on Replicate, input validated against the live schema, scale = style strength', async () => {
  const fake = await startFakeReplicate();
  fake.behaviour.pollsBeforeDone = 1;
  fake.ipAdapterNames = 'old';
  const project = openProject(join(dir, 'replicate'), { create: true });
  const env = { REPLICATE_API_TOKEN: 'r8_fake_token_for_tests', CONTINUITY_REPLICATE_BASE_URL: fake.baseUrl, CONTINUITY_POLL_INTERVAL_MS: '20' };
  const keyframes = createRemoteKeyframeMaker({ project, env, batchId: 'kf-rep' });
  try {
    const start = await prepareStartImage({
      shot: shot('b1', 0.65), mechanism: 'style-keyframe', assets: assets(), width: 320, height: 180, seed: 9,
      styleStrength: 0.65, workDir: dir, keyframes, takeKey: 'take-b1', prompt: 'wide of the café at dusk',
    });
    assert.deepEqual(await size(start.path), [320, 180]);
    assert.equal(start.keyframe?.provider, 'replicate');
    assert.equal(start.keyframe?.seedReturned, 9);
    const input = [...fake.jobs.values()][0]!.input as Record<string, unknown>;
    // The fake serves the old field names: the live schema decides them.
    assert.equal(input.scale, 0.65);
    assert.ok(typeof input.image === 'string' && !('ip_adapter_image' in input));
    assert.deepEqual([input.width, input.height], [1344, 768]);
    assert.deepEqual(fake.createCounts(), { 'take-b1-kf': 1 });
    // A style strength the schema refuses (scale ≤ 1) fails before anything is created.
    await assert.rejects(keyframes.make({
      kind: 'style', source: set, framing: 'wide', width: 320, height: 180, seed: 9, styleStrength: 1.5,
      prompt: 'x', out: join(dir, 'bad.png'), takeKey: 'take-b2',
    }), /scale.*between 0 and 1/);
    assert.equal(fake.createsFor('take-b2-kf'), 0);
    // That keyframe's job is dead: asked again, the take gets a replacement job (and is refused again, still unsent).
    await assert.rejects(keyframes.make({
      kind: 'style', source: set, framing: 'wide', width: 320, height: 180, seed: 9, styleStrength: 1.5,
      prompt: 'x', out: join(dir, 'bad.png'), takeKey: 'take-b2',
    }), /scale.*between 0 and 1/);
    assert.deepEqual(fake.createCounts(), { 'take-b1-kf': 1 });
  } finally { await keyframes.close?.(); project.close(); await fake.close(); }
});

test('commercialOnly: the PuLID identity keyframe falls back to local, naming the licence; no key: local, said so', async () => {
  const fake = await startFakeFal();
  const project = openProject(join(dir, 'commercial'), { create: true });
  const env = { FAL_KEY: 'fake-key-for-tests', CONTINUITY_FAL_BASE_URL: fake.proxyUrl };
  const keyframes = createRemoteKeyframeMaker({ project, env, batchId: 'kf-com', commercialOnly: true });
  try {
    const base = { assets: assets(), width: 320, height: 180, seed: 3, styleStrength: 0.7, workDir: dir, keyframes, prompt: 'p' };
    const id = await prepareStartImage({ ...base, shot: shot('c1'), mechanism: 'identity-keyframe', takeKey: 'take-c1' });
    assert.equal(id.keyframe, undefined);
    assert.match(id.note, /^identity keyframe \(local, medium\): fal:fal-ai\/flux-pulid may not be used here: .*commercial.*InsightFace.*FLUX\.1 \[dev\] Non-Commercial License.*made locally instead/);
    assert.deepEqual(await size(id.path), [320, 180]);
    // Style needs Replicate, which has no key here: local, and the note says which key is missing.
    const style = await prepareStartImage({ ...base, shot: shot('c2'), mechanism: 'style-keyframe', takeKey: 'take-c2' });
    assert.match(style.note, /^style keyframe \(local, medium\): no replicate key \(REPLICATE_API_TOKEN not set\)/);
    assert.equal(fake.requests.length, 0, 'nothing reached the provider');
  } finally { await keyframes.close?.(); project.close(); await fake.close(); }
});

test('a remote ShotRenderer offers its keyframe maker; the local one does not', async () => {
  const fake = await startFakeFal();
  const project = openProject(join(dir, 'renderer'), { create: true });
  const env = { FAL_KEY: 'fake-key-for-tests', CONTINUITY_FAL_BASE_URL: fake.proxyUrl };
  const remote = createShotRenderer({ provider: 'fal', model: 'fal-ai/kling-video/v2.1/pro/image-to-video', purpose: 'look-batch', project, batchId: 'r', env });
  const local = createShotRenderer({ model: 'local-animatic', purpose: 'look-batch', project, batchId: 'l', env });
  try {
    assert.ok(remote.keyframeMaker);
    assert.equal(local.keyframeMaker, undefined);
  } finally { await remote.close?.(); await local.close?.(); project.close(); await fake.close(); }
});
