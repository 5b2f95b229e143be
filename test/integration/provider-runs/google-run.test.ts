// `continuity run` on the sample look with --provider google --model veo-3.1-generate-preview
// against the loopback fake Gemini API (issue 14 acceptance), killed with SIGKILL mid-batch and
// resumed: every clip arrives, one create per take, every create carries its image anchor as
// inline bytes (start image, or ≤ 3 ASSET references), durationSeconds 4 and no seed.
// 8 clips (the schema minimum): see luma-run.test.ts for why.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGoogle, type VeoInstance } from '../../fakes/fake-google.ts';
import { assertKilledAndDelivered, clipsFromSentImage, killAndResume } from './kill-resume-run.ts';

const dir = mkdtempSync(join(tmpdir(), 'google-run-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const anchor = (i: VeoInstance) => i.image?.bytesBase64Encoded ?? i.referenceImages?.[0]?.image?.bytesBase64Encoded;

test('google veo 3.1: kill -9 mid-batch, --resume: every clip, one create per take, inline image anchor, 4 s, no seed', async () => {
  const fake = await startFakeGoogle();
  try {
    fake.behaviour.pollsBeforeDone = 2;
    fake.behaviour.minDurationMs = 1500;
    fake.behaviour.clipSize = { width: 320, height: 180 };
    clipsFromSentImage(fake, dir, (job) => {
      const b64 = anchor((job.input as { instance: VeoInstance }).instance);
      return b64 ? Buffer.from(b64, 'base64') : undefined;
    });
    const r = await killAndResume({ dir, fake, provider: 'google', model: 'veo-3.1-generate-preview', clips: 8, env: { GEMINI_API_KEY: 'gemini-fake-key-0000', CONTINUITY_GOOGLE_BASE_URL: fake.baseUrl } });
    assertKilledAndDelivered(r, fake, 8);
    for (const b of fake.bodies) {
      assert.ok(anchor(b.instance), `${b.key}: an inline image anchor`);
      assert.equal(b.parameters.durationSeconds, 4);
      assert.ok(!('seed' in b.parameters), `${b.key}: no seed`);
    }
  } finally { await fake.close(); }
});
