// Issue 11 item 2: a variant on Runway, Luma or fal is the provider's edit of its anchor's clip
// (Runway aleph2 video_to_video, Luma modify, fal Kling O1 video edit), guided by the anchor frame
// with the change applied, as ONE durable paid job: asked again (a retry, a resumed run) it is
// picked up, never sent twice. The fakes check the wire format and fetch/decode what was sent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import '../../support/test-switches.ts'; // fast polls of the loopback fakes
import { PlannedShotSchema } from '../../../core/domain/shot.ts';
import { createShotRenderer } from '../../../core/pipeline/create-renderer.ts';
import type { RemixSource } from '../../../core/pipeline/remix-source.ts';
import type { RenderRequest } from '../../../core/pipeline/shot-renderer.ts';
import { openProject } from '../../../core/store/open-project.ts';
import { startFakeFal } from '../../fakes/fake-fal.ts';
import { startFakeLuma } from '../../fakes/fake-luma.ts';
import { startFakeRunway } from '../../fakes/fake-runway.ts';
import { makeClip, makeTempDir } from '../../helpers/make-clips.ts';

let dir: string;
let cleanup: () => Promise<void>;
let anchorClip: string;
before(async () => {
  ({ dir, cleanup } = await makeTempDir('remote-edits'));
  anchorClip = await makeClip(dir, { width: 320, height: 180, seconds: 2, name: 'anchor.mp4' });
});
after(() => cleanup());

const shot = PlannedShotSchema.parse({
  id: 'a1-v1', index: 3, kind: 'variant', parentId: 'a1', framing: 'wide', motion: 'static', label: 'palette swap',
  deltas: [{ kind: 'palette', label: 'terracotta', hueShiftDeg: 20, saturation: 1.1, brightness: 0, targetHex: ['#c65d3b'] }],
});

const remix = (provider: string, model: string): RemixSource => ({
  anchorShotId: 'a1', anchorTakeId: 'take-a1', anchorClip, anchorPlate: null, anchorLut: null, anchorCamera: null, anchorFraming: 'wide',
  anchorProvider: provider, anchorModel: model, anchorRemoteId: 'remote-a1', instruction: 'change only this: the palette to terracotta #c65d3b',
});

const request = (name: string, takeId: string, src: RemixSource): RenderRequest => ({
  shot, takeId, attempt: 1, prompt: 'a warm café, static wide', negativePrompt: '', startImage: anchorClip, referenceImages: [],
  layers: { productImages: [], referenceImages: [] }, deltas: shot.deltas, width: 320, height: 180, seconds: 2, fps: 24, seed: 31,
  out: join(dir, `${name}.mp4`), remix: src,
});

const isPng = (b: Buffer | undefined) => Boolean(b && b[0] === 0x89 && b.subarray(1, 4).toString('latin1') === 'PNG');

/** Render the variant; with `twice`, ask again for the same take (as a resumed run does). */
async function renderTwice(name: string, provider: string, model: string, env: Record<string, string>, twice = false) {
  const project = openProject(join(dir, name), { create: true });
  const r = createShotRenderer({ provider, model, purpose: 'look-batch', project, batchId: name, budgetUsd: 50, env: { CONTINUITY_POLL_INTERVAL_MS: '20', ...env } });
  try {
    const first = await r.render(request(name, `${name}-take`, remix(provider, model)));
    const again = twice ? await r.render(request(`${name}-again`, `${name}-take`, remix(provider, model))) : first;
    return { first, again };
  } finally { await r.close?.(); project.close(); }
}

test('runway gen4.5 variant → aleph2 video_to_video of the anchor clip: keyframe at 0, seed, one create', async () => {
  const fake = await startFakeRunway();
  try {
    fake.behaviour.pollsBeforeDone = 1;
    fake.behaviour.clipSize = { width: 320, height: 180 };
    const { first, again } = await renderTwice('runway', 'runway', 'gen4.5', { RUNWAYML_API_SECRET: 'key_fake_runway_edit_0000', CONTINUITY_RUNWAY_BASE_URL: fake.baseUrl }, true);
    assert.equal(fake.edits.length, 1, 'one edit sent');
    const e = fake.edits[0]!;
    assert.ok(e.video.equals(readFileSync(anchorClip)), 'the anchor clip itself was sent');
    assert.ok(isPng(e.keyframe) || e.keyframe?.[0] === 0xff, 'the changed anchor frame as the keyframe');
    assert.equal(e.keyframes?.[0]?.at, 0);
    assert.equal(e.seed, 31);
    assert.equal(fake.bodies.length, 0, 'no image_to_video create');
    assert.equal(first.model, 'aleph2');
    assert.equal(first.remix?.via, 'provider-edit');
    assert.equal(first.remix?.anchorTakeId, 'take-a1');
    assert.equal(first.remix?.anchorRemoteId, null, 'the clip was uploaded: no remote id was edited');
    assert.equal(again.remoteId, first.remoteId);
    assert.deepEqual(fake.createCounts(), { 'runway-take': 1 });
  } finally { await fake.close(); }
});

test('luma ray-2 variant → modify of the hosted anchor clip: adhere_1, first_frame, no seed (recorded why)', async () => {
  const [fake, fal] = await Promise.all([startFakeLuma(), startFakeFal()]);
  try {
    fake.behaviour.pollsBeforeDone = 1;
    fake.behaviour.clipSize = { width: 320, height: 180 };
    const { first } = await renderTwice('luma', 'luma', 'ray-2', {
      LUMAAI_API_KEY: 'luma-fake-key-edit-0000', CONTINUITY_LUMA_BASE_URL: fake.baseUrl, CONTINUITY_LUMA_IMAGE_HOST: 'fal', FAL_KEY: 'fal-fake-key-0000', CONTINUITY_FAL_BASE_URL: fal.proxyUrl,
    });
    assert.equal(fake.modifies.length, 1);
    const m = fake.modifies[0]!;
    assert.ok(m.video.equals(readFileSync(anchorClip)), 'Luma fetched the anchor clip from the image host');
    assert.ok(m.firstFrame && m.firstFrame.length > 0, 'and the changed first frame');
    assert.equal(m.mode, 'adhere_1');
    assert.equal(fake.bodies.length, 0);
    assert.equal(first.model, 'ray-2');
    assert.match(String(first.parameters.seedNotSent), /seed 31 not sent: Luma/);
    assert.match(String(first.parameters.imageHost), /public URL/);
    assert.deepEqual(fake.createCounts(), { 'luma-take': 1 });
  } finally { await Promise.all([fake.close(), fal.close()]); }
});

test('fal Kling variant → Kling O1 video edit: video_url of the uploaded anchor, the changed frame as @Image1', async () => {
  const fal = await startFakeFal();
  try {
    fal.behaviour.pollsBeforeDone = 1;
    fal.behaviour.clipSize = { width: 320, height: 180 };
    const { first } = await renderTwice('fal', 'fal', 'fal-ai/kling-video/v2.1/pro/image-to-video', { FAL_KEY: 'fal-fake-key-0000', CONTINUITY_FAL_BASE_URL: fal.proxyUrl });
    const jobs = [...fal.jobs.values()];
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0]!.model, 'fal-ai/kling-video/o1/video-to-video/edit');
    const input = jobs[0]!.input as { video_url: string; image_urls?: string[]; prompt: string };
    assert.ok(fal.uploads.get(input.video_url.split('/fal-files/')[1]!)?.equals(readFileSync(anchorClip)), 'the anchor clip was uploaded and named');
    assert.equal(input.image_urls?.length, 1);
    assert.match(input.prompt, /terracotta.*@Image1 is the first frame with the change applied/);
    assert.equal(first.model, 'fal-ai/kling-video/o1/video-to-video/edit');
    assert.deepEqual(fal.createCounts(), { 'fal-take': 1 });
  } finally { await fal.close(); }
});
