// `continuity run` on the sample look with --provider runway --model gen4.5 against the loopback
// fake Runway (issue 14 acceptance), killed with SIGKILL mid-batch and resumed: every clip arrives,
// one create per take, every create carries its start image as a data URI ≤ 5 MB, a seed, a ratio
// from the SDK's list and an integer duration 2–10 s; variants are aleph2 edits of their anchor's clip.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeRunway } from '../../fakes/fake-runway.ts';
import { assertKilledAndDelivered, clipsFromSentImage, dataUriBytes, deliveredTakes, killAndResume, paceForAcceptance } from './kill-resume-run.ts';

const dir = mkdtempSync(join(tmpdir(), 'runway-run-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('runway gen4.5: kill -9 mid-batch, --resume: 12 clips, one create per take, seed + ratio + integer duration on every create', async () => {
  const fake = await startFakeRunway();
  try {
    paceForAcceptance(fake);
    // Image-to-video from its start image; an aleph2 edit (variants) from its guidance keyframe.
    clipsFromSentImage(fake, dir, (job) => {
      const input = job.input as { promptImage?: unknown; keyframes?: Array<{ uri?: unknown }> };
      return dataUriBytes(input.promptImage ?? input.keyframes?.[0]?.uri);
    });
    const r = await killAndResume({ dir, fake, provider: 'runway', model: 'gen4.5', env: { RUNWAYML_API_SECRET: 'key_fake_runway_0000', CONTINUITY_RUNWAY_BASE_URL: fake.baseUrl } });
    assertKilledAndDelivered(r, fake, 12);
    for (const t of deliveredTakes(r.packDir)) assert.ok(Number.isInteger(t.seedSent), `${t.file}: the take records the seed sent`);
    assert.equal(r.jobs.length, 12);
    assert.ok(r.jobs.every((j) => j.state === 'succeeded'));
    for (const b of fake.bodies) {
      assert.equal(b.promptImageKind, 'data', `${b.key}: start image sent as a data URI`);
      assert.ok(b.promptImageBytes <= 5 * 1024 * 1024);
      assert.ok(Number.isInteger(b.seed), `${b.key}: seed sent (${String(b.seed)})`);
      assert.equal(b.ratio, '1280:720');
      assert.ok(Number.isInteger(b.duration) && b.duration! >= 2 && b.duration! <= 10, `duration ${String(b.duration)}`);
      assert.equal(b.duration, 4);
    }
    // Variants and seasonal swaps are aleph2 edits of their anchor's clip (issue 11), with a seed.
    assert.equal(fake.bodies.length + fake.edits.length, 12, 'every take is one image_to_video or one video_to_video');
    assert.ok(fake.edits.length >= 4, `${fake.edits.length} variants edited`);
    for (const e of fake.edits) {
      assert.ok(Number.isInteger(e.seed), `${e.key}: seed sent on the edit`);
      assert.equal(e.video.subarray(4, 8).toString('latin1'), 'ftyp', `${e.key}: the anchor clip as an mp4 data URI`);
    }
  } finally { await fake.close(); }
});
