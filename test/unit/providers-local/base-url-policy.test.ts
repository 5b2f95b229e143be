// Provider base-URL overrides carry keys: https only, plain http only to loopback, and the
// effective host is named by `continuity providers` and in the app's keys view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { checkBaseUrl } from '../../../core/providers/base-url-policy.ts';
import { resolveBaseUrl } from '../../../core/providers/keys.ts';
import { providerStatus } from '../../../core/providers/gating.ts';
import { createFalAdapter } from '../../../core/providers/fal/fal-adapter.ts';
import { InputError } from '../../../core/domain/errors.ts';

const REPO = resolve(import.meta.dirname, '../../..');
const refused = (re: RegExp) => (err: unknown) => err instanceof InputError && re.test(err.message);

test('https and loopback http pass; anything else is refused naming the variable and value', () => {
  for (const ok of ['https://queue.fal.run', 'https://proxy.example.com:8443/fal/', 'http://127.0.0.1:5555', 'http://localhost:80/v1', 'http://[::1]:9000']) {
    assert.equal(checkBaseUrl(ok, 'X_BASE_URL'), ok.replace(/\/+$/, ''));
  }
  assert.throws(() => checkBaseUrl('http://api.example.com/v1', 'OPENAI_BASE_URL'), refused(/OPENAI_BASE_URL must be an https:\/\/ URL.*"http:\/\/api.example.com\/v1"/));
  assert.throws(() => checkBaseUrl('http://127.0.0.2:80', 'X'), refused(/must be an https/));
  assert.throws(() => checkBaseUrl('http://localhost.evil.com', 'X'), refused(/must be an https/));
  assert.throws(() => checkBaseUrl('ftp://127.0.0.1/', 'X'), refused(/must be an https/));
  assert.throws(() => checkBaseUrl('file:///etc/passwd', 'X'), refused(/must be an https/));
  assert.throws(() => checkBaseUrl('queue.fal.run', 'X'), refused(/not a URL/));
  assert.throws(() => checkBaseUrl('https://user:pw@host.example', 'X'), refused(/user name or password/));
});

test('adapters refuse a plain-http override before any request', () => {
  const env = { CONTINUITY_FAL_BASE_URL: 'http://fal-proxy.example.com' };
  assert.throws(() => resolveBaseUrl('fal', env), refused(/CONTINUITY_FAL_BASE_URL must be an https/));
  assert.throws(() => createFalAdapter({ env: { ...env, FAL_KEY: 'fal-key-0000000000' } }), refused(/CONTINUITY_FAL_BASE_URL/));
});

test('provider status names the host keys go to, and gates a refused override', () => {
  assert.equal(providerStatus('fal', { FAL_KEY: 'k'.repeat(20) }).host, 'queue.fal.run');
  const over = providerStatus('fal', { FAL_KEY: 'k'.repeat(20), CONTINUITY_FAL_BASE_URL: 'https://proxy.example.com:8443/fal' });
  assert.equal(over.host, 'proxy.example.com:8443');
  assert.equal(over.gated, false);
  const bad = providerStatus('fal', { FAL_KEY: 'k'.repeat(20), CONTINUITY_FAL_BASE_URL: 'http://proxy.example.com' });
  assert.equal(bad.gated, true);
  assert.match(bad.baseUrlProblem ?? '', /must be an https/);
});

test('`continuity providers` names the effective host', () => {
  const r = spawnSync(process.execPath, [join(REPO, 'bin/continuity.mjs'), 'providers'], {
    cwd: REPO, encoding: 'utf8', timeout: 120_000,
    env: { ...process.env, FAL_KEY: 'fal-key-000000000000', CONTINUITY_FAL_BASE_URL: 'https://proxy.example.com:8443/fal', REPLICATE_API_TOKEN: 'r8_' + 'x'.repeat(20), CONTINUITY_REPLICATE_BASE_URL: 'http://replicate-proxy.example.com/v1' },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^fal — ready.*host proxy\.example\.com:8443/m);
  assert.match(r.stdout, /^replicate — GATED: CONTINUITY_REPLICATE_BASE_URL must be an https.*host replicate-proxy\.example\.com/m);
});
