// `continuity run` on the sample look with --provider google --model veo-3.1-generate-preview
// against the loopback fake Gemini API (issue 14 acceptance), killed with SIGKILL mid-batch and
// resumed: every clip arrives, one create per take, every create carries its image anchor as
// inline bytes (start image, or ≤ 3 ASSET references), durationSeconds 4 and no seed.
// 12 clips as the acceptance asks: see luma-run.test.ts for the clip size that pays for them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGoogle, type VeoInstance } from '../../fakes/fake-google.ts';
import { assertKilledAndDelivered, assertNoSeedRecorded, clipsFromSentImage, paceForAcceptance, killAndResume } from './kill-resume-run.ts';

const dir = mkdtempSync(join(tmpdir(), 'google-run-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const anchor = (i: VeoInstance) => i.image?.bytesBase64Encoded ?? i.referenceImages?.[0]?.image?.bytesBase64Encoded;

test('google veo 3.1: kill -9 mid-batch, --resume: 12 clips, one create per take, inline image anchor, 4 s, no seed', async () => {
  const fake = await startFakeGoogle();
  try {
    paceForAcceptance(fake);
    clipsFromSentImage(fake, dir, (job) => {
      const b64 = anchor((job.input as { instance: VeoInstance }).instance);
      return b64 ? Buffer.from(b64, 'base64') : undefined;
    });
    // --all: on native-reference shots the fake's clip is the first reference sent (the character
    // image), which the colour gate rightly holds for review; this test is about creates and resume,
    // so takes awaiting review are delivered too (an 8-clip run without it: 8 creates, 4 passed, 4 review).
    const r = await killAndResume({ dir, fake, provider: 'google', model: 'veo-3.1-generate-preview', all: true, env: { GEMINI_API_KEY: 'gemini-fake-key-0000', CONTINUITY_GOOGLE_BASE_URL: fake.baseUrl } });
    assertKilledAndDelivered(r, fake, 12);
    assertNoSeedRecorded(r.packDir, 12, /not sent: the Gemini API rejects seed/);
    for (const b of fake.bodies) {
      assert.ok(anchor(b.instance), `${b.key}: an inline image anchor`);
      assert.equal(b.parameters.durationSeconds, 4);
      assert.ok(!('seed' in b.parameters), `${b.key}: no seed`);
    }
  } finally { await fake.close(); }
});
