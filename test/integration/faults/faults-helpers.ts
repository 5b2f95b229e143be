/**
 * Shared pieces of the fault tests (issue 13): the `continuity` CLI against a loopback fake of
 * the OpenAI videos protocol, clips made from the input_reference each create sent (on-look
 * content, so the gate judges the pipeline), and a wait on the fake's own records.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeOpenAI, type FakeOpenAI } from '../../fakes/fake-openai.ts';
import type { FakeCore } from '../../fakes/fake-core.ts';

export async function startOpenAIFake(dir: string): Promise<FakeOpenAI> {
  const fake = await startFakeOpenAI();
  fake.behaviour.pollsBeforeDone = 1;
  fake.behaviour.clipImage = (job) => {
    const buf = fake.references.get(job.id);
    if (!buf) return null;
    const path = join(dir, `ref-${job.id}.jpg`);
    if (!existsSync(path)) writeFileSync(path, buf);
    return path;
  };
  return fake;
}

export function openaiEnv(fake: FakeOpenAI): Record<string, string> {
  return { OPENAI_API_KEY: 'sk-fake-key-for-tests-0000', OPENAI_BASE_URL: fake.baseUrl, CONTINUITY_POLL_INTERVAL_MS: '40' };
}

/** The CLI arguments of a run on sora-2 at a small batch size (conformed locally). */
export function openaiRunArgs(look: string, out: string, extra: string[] = []): string[] {
  return ['run', look, '--out', out, '--provider', 'openai', '--model', 'sora-2', '--max-retries', '0', ...extra];
}

/** Resolve when `pred` holds on the fake's records (checked on each request the fake logs). */
export function whenFake(fake: FakeCore, pred: () => boolean, what: string, timeoutMs = 600_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (pred()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for: ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

/** Each take's creates, for "no take created twice". */
export function createdTwice(fake: FakeCore): string[] {
  return Object.entries(fake.createCounts()).filter(([, n]) => n > 1).map(([k, n]) => `${k}×${n}`);
}
