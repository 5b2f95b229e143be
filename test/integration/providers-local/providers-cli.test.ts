import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../../cli/main.ts';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(argv, { out: (t) => { out += t + '\n'; }, err: (t) => { err += t + '\n'; }, isTTY: false });
  return { code, out, err };
}

test('continuity providers prints the matrix and status, never a key', async () => {
  const canary = 'fal-canary-key-0123456789-zz9Q';
  const saved = { FAL_KEY: process.env.FAL_KEY, OPENAI_BASE_URL: process.env.OPENAI_BASE_URL };
  process.env.FAL_KEY = canary;
  delete process.env.OPENAI_BASE_URL;
  try {
    const text = await run(['providers']);
    assert.equal(text.code, 0);
    assert.match(text.out, /fal — ready · FAL_KEY set · …zz9Q/);
    assert.match(text.out, /sora-2 {2}\[RETIRED 2026-09-24\]/);
    assert.match(text.out, /fal-ai\/veo3\.1\n.*\n\s+not for look batches\/sessions: it cannot take an image input/);
    assert.ok(!text.out.includes(canary));

    const json = await run(['providers', '--json']);
    assert.equal(json.code, 0);
    assert.ok(!json.out.includes(canary));
    const parsed = JSON.parse(json.out) as { providers: { provider: string; gated: boolean }[]; models: { id: string; eligibility: Record<string, string> }[] };
    assert.equal(parsed.providers.find((p) => p.provider === 'fal')?.gated, false);
    assert.equal(parsed.models.find((m) => m.id === 'local-animatic')?.eligibility['look-batch'], 'ok');
    assert.match(parsed.models.find((m) => m.id === 'sora-2')!.eligibility.session!, /retired/);

    assert.equal((await run(['providers', '--bogus'])).code, 2);
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
});

test('continuity providers: Runway, Luma and Veo models are eligible when their keys (and Luma\'s image host) are set', async () => {
  const vars = ['RUNWAYML_API_SECRET', 'LUMAAI_API_KEY', 'GEMINI_API_KEY', 'CONTINUITY_LUMA_IMAGE_HOST', 'FAL_KEY'] as const;
  const saved = Object.fromEntries(vars.map((k) => [k, process.env[k]]));
  const set = (env: Partial<Record<(typeof vars)[number], string>>) => { for (const k of vars) { if (env[k]) process.env[k] = env[k]; else delete process.env[k]; } };
  type Out = { providers: { provider: string; gated: boolean; why: string }[]; models: { provider: string; id: string; eligibility: Record<string, string> }[] };
  const read = async () => JSON.parse((await run(['providers', '--json'])).out) as Out;
  try {
    set({ RUNWAYML_API_SECRET: 'key_runway_000000000000', LUMAAI_API_KEY: 'luma-000000000000', GEMINI_API_KEY: 'gemini-000000000000' });
    let out = await read();
    for (const p of ['runway', 'google']) assert.equal(out.providers.find((s) => s.provider === p)?.why, 'ready', p);
    for (const id of ['gen4.5', 'gen4_turbo', 'veo-3.1-generate-preview']) assert.equal(out.models.find((m) => m.id === id)?.eligibility['look-batch'], 'ok', id);
    // Luma: key set, no image host → gated, and the reason says exactly what to provide.
    assert.match(out.providers.find((s) => s.provider === 'luma')!.why, /public URLs.*CONTINUITY_LUMA_IMAGE_HOST=fal/);
    assert.match(out.models.find((m) => m.id === 'ray-2')!.eligibility['look-batch']!, /CONTINUITY_LUMA_IMAGE_HOST=fal/);
    assert.match(out.models.find((m) => m.id === 'fal-ai/wan-vace-14b')!.eligibility['look-batch']!, /^no adapter:/);
    assert.match(out.models.find((m) => m.id === 'aleph2')!.eligibility['look-batch']!, /edits an existing video/);
    assert.equal(out.models.find((m) => m.id === 'gen4_image')?.eligibility.keyframe, 'ok');
    set({ RUNWAYML_API_SECRET: 'key_runway_000000000000', LUMAAI_API_KEY: 'luma-000000000000', GEMINI_API_KEY: 'gemini-000000000000', CONTINUITY_LUMA_IMAGE_HOST: 'fal', FAL_KEY: 'fal-000000000000' });
    out = await read();
    assert.equal(out.providers.find((s) => s.provider === 'luma')?.why, 'ready');
    assert.equal(out.models.find((m) => m.id === 'ray-2')?.eligibility['look-batch'], 'ok');
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
});
