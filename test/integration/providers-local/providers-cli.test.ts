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
