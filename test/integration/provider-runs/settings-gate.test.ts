// The app's model list and key test (issue 14 item 5): every ineligibility reason is the gate's
// own text (no app-side copy), and the Settings key test makes a cheap authenticated call to
// Runway (organization), Luma (credits) and Gemini (models list) — against the loopback fakes —
// or says exactly what it checked where the API has no such call.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStudio } from '../../../core/api/create-studio.ts';
import { createMemoryKeyStore } from '../../../core/api/key-store.ts';
import { gateOptionsFromEnv, whyIneligible } from '../../../core/providers/gating.ts';
import { getModel } from '../../../core/providers/registry.ts';
import { startFakeRunway, type FakeRunway } from '../../fakes/fake-runway.ts';
import { startFakeLuma, type FakeLuma } from '../../fakes/fake-luma.ts';
import { startFakeGoogle, type FakeGoogle } from '../../fakes/fake-google.ts';

let dir: string;
let runway: FakeRunway;
let luma: FakeLuma;
let google: FakeGoogle;
const ENV = ['CONTINUITY_RUNWAY_BASE_URL', 'CONTINUITY_LUMA_BASE_URL', 'CONTINUITY_GOOGLE_BASE_URL'] as const;
const saved: Record<string, string | undefined> = {};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'settings-gate-'));
  [runway, luma, google] = await Promise.all([startFakeRunway(), startFakeLuma(), startFakeGoogle()]);
  for (const k of ENV) saved[k] = process.env[k];
  process.env.CONTINUITY_RUNWAY_BASE_URL = runway.baseUrl;
  process.env.CONTINUITY_LUMA_BASE_URL = luma.baseUrl;
  process.env.CONTINUITY_GOOGLE_BASE_URL = google.baseUrl;
});
after(async () => {
  for (const k of ENV) { if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k]; }
  await Promise.all([runway, luma, google].map((f) => f.close()));
  rmSync(dir, { recursive: true, force: true });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads loose JSON
type Result = { ok: boolean; value: any };

test('providers.list shows the gate\'s reason for every model, and keys.test calls each provider\'s cheap endpoint', async (t) => {
  const studio = createStudio({ userDataDir: join(dir, 'data'), keyStore: createMemoryKeyStore(), onEvent: () => {} });
  t.after(() => studio.close());
  const call = async (name: string, payload: unknown = {}) => await studio.invoke(name, payload) as Result;

  const list = (await call('providers.list')).value as Array<{ provider: string; id: string; eligible: boolean; why: string | null }>;
  const opts = { purpose: 'look-batch' as const, commercialOnly: false, ...gateOptionsFromEnv(process.env) };
  for (const row of list) assert.equal(row.why, whyIneligible(getModel(row.id, row.provider), opts), `${row.provider}:${row.id}`);
  assert.match(list.find((m) => m.id === 'fal-ai/wan-vace-14b')!.why!, /^no adapter:/);
  assert.match(list.find((m) => m.id === 'aleph2')!.why!, /edits an existing video/);
  assert.equal(list.find((m) => m.id === 'gen4.5')!.eligible, true);

  for (const [provider, path] of [['runway', '/v1/organization'], ['luma', '/dream-machine/v1/credits'], ['google', '/v1beta/models']] as const) {
    assert.equal((await call('keys.set', { provider, key: `${provider}-key-for-tests-0000` })).ok, true);
    const before = (provider === 'runway' ? runway : provider === 'luma' ? luma : google).requests.length;
    const r = await call('keys.test', { provider });
    assert.equal(r.value.ok, true, r.value.message);
    assert.match(r.value.message, /answered with this key/);
    const fake = provider === 'runway' ? runway : provider === 'luma' ? luma : google;
    assert.ok(fake.requests.slice(before).some((q) => q.path === path && q.method === 'GET'), `${provider}: GET ${path} reached the fake`);
  }
  assert.equal((await call('keys.set', { provider: 'fal', key: 'fal-key-for-tests-0000' })).ok, true);
  assert.match((await call('keys.test', { provider: 'fal' })).value.message, /Not checked with fal.*only that a key is stored/);

  // Luma's image host chosen in Settings (no environment variable): with the fal key, ray-2 is eligible.
  const ray = async () => ((await call('providers.list')).value as typeof list).find((m) => m.id === 'ray-2')!;
  assert.equal((await ray()).eligible, false);
  assert.match((await ray()).why!, /choose "My fal storage" as the Luma image host in Settings/);
  assert.equal((await call('settings.set', { lumaImageHost: 'fal' })).value.lumaImageHost, 'fal');
  assert.equal((await ray()).eligible, true, (await ray()).why ?? '');
});
