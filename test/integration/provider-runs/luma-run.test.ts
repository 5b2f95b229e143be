// `continuity run` on the sample look with --provider luma --model ray-2 against the loopback fake
// Luma (issue 14 acceptance), start images hosted through the user's fal storage (the fake fal),
// killed with SIGKILL mid-batch and resumed: every clip arrives, one create per take, every create
// carries frame0 as a URL Luma fetched, duration "5s" (conform trims to 4 s) and no seed; variants
// are modifies of their anchor's hosted clip.
// 12 clips as the acceptance asks, at the 160x90 fake clip (paceForAcceptance) so the run costs
// no more than the earlier 8 at 320x180.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeLuma } from '../../fakes/fake-luma.ts';
import { startFakeFal } from '../../fakes/fake-fal.ts';
import { assertKilledAndDelivered, assertNoSeedRecorded, clipsFromSentImage, paceForAcceptance, killAndResume } from './kill-resume-run.ts';

const dir = mkdtempSync(join(tmpdir(), 'luma-run-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('luma ray-2: kill -9 mid-batch, --resume: 12 clips, one create per take, hosted frame0 URL, "5s", no seed', async () => {
  const [fake, fal] = await Promise.all([startFakeLuma(), startFakeFal()]);
  try {
    paceForAcceptance(fake);
    clipsFromSentImage(fake, dir, (job) => fake.fetched.get(job.id));
    // Identity keyframes (fal PuLID, the fal key is set for the image host) come back as the face reference itself.
    clipsFromSentImage(fal, dir, (job) => fal.uploads.get(String((job.input as { reference_image_url?: string }).reference_image_url ?? '').split('/fal-files/')[1] ?? ''));
    const r = await killAndResume({
      dir, fake, provider: 'luma', model: 'ray-2',
      env: { LUMAAI_API_KEY: 'luma-fake-key-0000', CONTINUITY_LUMA_BASE_URL: fake.baseUrl, CONTINUITY_LUMA_IMAGE_HOST: 'fal', FAL_KEY: 'fal-fake-key-0000', CONTINUITY_FAL_BASE_URL: fal.proxyUrl },
    });
    assertKilledAndDelivered(r, fake, 12);
    assertNoSeedRecorded(r.packDir, 12, /not sent: Luma/);
    const clipJobs = r.jobs.filter((j) => JSON.parse(j.request_json).model === 'ray-2');
    assert.equal(clipJobs.length, 12);
    for (const b of fake.bodies) {
      assert.match(b.keyframes?.frame0?.url ?? '', /\/fal-files\//, `${b.key}: frame0 is a hosted URL`);
      assert.equal(b.duration, '5s');
      assert.ok(!('seed' in b), `${b.key}: no seed`);
    }
    // Variants and seasonal swaps are Luma modifies of their anchor's hosted clip (issue 11).
    assert.equal(fake.bodies.length + fake.modifies.length, 12, 'every take is one create or one modify');
    assert.ok(fake.modifies.length >= 2, `${fake.modifies.length} variants modified`);
    for (const mo of fake.modifies) {
      assert.equal(mo.mode, 'adhere_1');
      assert.equal(mo.video.subarray(4, 8).toString('latin1'), 'ftyp', `${mo.key}: Luma fetched the anchor clip (mp4)`);
      assert.ok(!('seed' in mo), `${mo.key}: no seed`);
    }
  } finally { await Promise.all([fake.close(), fal.close()]); }
});
