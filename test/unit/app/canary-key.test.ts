/**
 * RELIABILITY.md "Keys": a canary key set through the facade must never appear in anything the
 * renderer can see (every command result, error texts included), in the logs, or in any file
 * the app writes (user data, project SQLite + WAL, assets). The full run + export path is
 * covered the same way by the e2e test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createStudio } from '../../../core/api/create-studio.ts';
import { createMemoryKeyStore } from '../../../core/api/key-store.ts';
import { setLogLevel, setLogSink } from '../../../core/log/logger.ts';

const CANARY = 'sk-CANARYcanary0123456789abcdef';

test('a canary key never reaches results, logs or files', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'continuity-canary-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const logs: string[] = [];
  setLogSink((l) => logs.push(l));
  setLogLevel('debug');
  t.after(() => { setLogLevel('warn'); setLogSink((l) => process.stderr.write(l + '\n')); });
  const saved = process.env.OPENAI_BASE_URL;
  process.env.OPENAI_BASE_URL = 'http://127.0.0.1:9/v1'; // nothing listens: the calls fail fast
  t.after(() => { if (saved === undefined) delete process.env.OPENAI_BASE_URL; else process.env.OPENAI_BASE_URL = saved; });

  const events: unknown[] = [];
  const studio = createStudio({ userDataDir: join(dir, 'data'), keyStore: createMemoryKeyStore(), onEvent: (name, payload) => events.push({ name, payload }) });
  t.after(() => studio.close());
  const results: unknown[] = [];
  const call = async (name: string, payload: unknown = {}) => { const r = await studio.invoke(name, payload); results.push(r); return r as { ok: boolean; value: any; error?: { message: string } }; }; // eslint-disable-line @typescript-eslint/no-explicit-any -- a test reads loose JSON

  assert.equal((await call('keys.set', { provider: 'openai', key: CANARY })).ok, true);
  const status = await call('keys.status');
  assert.equal(status.value.keys.find((k: { provider: string }) => k.provider === 'openai').hint, `set · …${CANARY.slice(-4)}`);
  const tested = await call('keys.test', { provider: 'openai' });
  assert.equal(tested.value.ok, false);

  await call('projects.create', { name: 'Canary', dir: join(dir, 'project') });
  const look = (await call('looks.create', { name: 'Look', brief: 'A courier crosses a neon alley at night' })).value;
  const imgs: string[] = [];
  for (const [i, c] of ['#12343b', '#1f6069', '#ff2e88'].entries()) {
    const p = join(dir, `ref${i}.png`);
    await sharp({ create: { width: 64, height: 36, channels: 3, background: c } }).png().toFile(p);
    imgs.push(p);
  }
  assert.equal((await call('references.add', { lookId: look.id, paths: imgs, role: 'style' })).value.rejected.length, 0);
  const openai = await call('canon.draft', { lookId: look.id, mode: 'openai' });
  assert.equal(openai.ok, false, 'the OpenAI draft fails against a closed port');
  assert.equal((await call('canon.draft', { lookId: look.id, mode: 'offline' })).ok, true);
  const plan = await call('plan.create', { lookId: look.id, clips: 8, seed: 3 });
  assert.equal(plan.value.shots.length, 8);
  await call('shots.get', { shotId: plan.value.shots[0].id });
  await call('providers.list');
  await call('settings.get');
  await call('looks.get', { lookId: look.id });

  const visible = JSON.stringify(results) + JSON.stringify(events);
  assert.ok(!visible.includes(CANARY), 'no command result or event carries the key');
  assert.ok(!JSON.stringify(results.filter((r) => !(r as { ok: boolean }).ok)).includes(CANARY), 'no error text carries the key');
  assert.ok(logs.length > 0 && logs.every((l) => !l.includes(CANARY)), 'logs are redacted');

  await studio.close();
  const files = readdirSync(dir, { recursive: true }).map((f) => join(dir, String(f))).filter((p) => statSync(p).isFile() && !/ref\d\.png$/.test(p));
  assert.ok(files.some((p) => p.endsWith('project.sqlite')));
  for (const p of files) assert.ok(!readFileSync(p).includes(CANARY), `key not in ${p}`);
});
