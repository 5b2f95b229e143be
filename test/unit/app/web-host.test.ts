/**
 * The test host's guard: 127.0.0.1 only, a per-run token on every route (401 without it), our own
 * Host header only, the asset route confined to the asset store, and the same contract routing
 * as IPC (a real createStudio behind it).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStudio, type Studio } from '../../../core/api/create-studio.ts';
import { createMemoryKeyStore } from '../../../core/api/key-store.ts';
import { startWebHost, type WebHost } from '../../../web-host/server.ts';

let dir = '';
let studio: Studio;
let host: WebHost;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'continuity-webhost-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  writeFileSync(join(dir, 'shim.js'), '/* shim */');
  studio = createStudio({ userDataDir: join(dir, 'data'), keyStore: createMemoryKeyStore(), onEvent: (n, p) => host?.broadcast(n, p) });
  host = await startWebHost({ studio, staticDir: dir, shimFile: join(dir, 'shim.js'), uploadDir: join(dir, 'uploads') });
});
after(async () => { await host.close(); await studio.close(); rmSync(dir, { recursive: true, force: true }); });

function req(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port: host.port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); if (res.headers['content-type']?.includes('event-stream')) { res.destroy(); resolve({ status: res.statusCode!, body, headers: res.headers }); } });
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    r.on('error', reject);
    r.end(opts.body);
  });
}

test('every route answers 401 without the token, or with a wrong one', async () => {
  for (const [method, path] of [['POST', '/api/projects.list'], ['GET', '/'], ['GET', '/events'], ['GET', `/asset/${'a'.repeat(64)}.png`], ['POST', '/upload?name=x.png'], ['GET', '/studio-shim.js']] as const) {
    assert.equal((await req(path, { method })).status, 401, `${method} ${path} without token`);
    assert.equal((await req(path, { method, headers: { 'x-studio-token': 'wrong' } })).status, 401, `${method} ${path} wrong token`);
  }
  assert.equal((await req('/?token=nope')).status, 401);
});

test('with the token: the contract over HTTP, a cookie for sub-resources, SSE, and no foreign Host', async () => {
  const ok = await req('/api/settings.get', { method: 'POST', headers: { 'x-studio-token': host.token }, body: '{}' });
  assert.equal(ok.status, 200);
  assert.equal(JSON.parse(ok.body).value.defaultModel, 'local-animatic');
  const bad = JSON.parse((await req('/api/looks.create', { method: 'POST', headers: { 'x-studio-token': host.token }, body: '{"name":""}' })).body);
  assert.equal(bad.ok, false);
  assert.equal(bad.error.field, 'name');

  const page = await req(`/?token=${host.token}`);
  assert.equal(page.status, 200);
  assert.match(page.body, /<script src="\/studio-shim\.js"><\/script>/);
  assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
  const cookie = String(page.headers['set-cookie']).split(';')[0]!;
  assert.equal((await req('/studio-shim.js', { headers: { cookie } })).status, 200);
  assert.equal((await req('/events', { headers: { cookie } })).status, 200);

  assert.equal((await req('/api/settings.get', { method: 'POST', headers: { 'x-studio-token': host.token, host: `evil.example:${host.port}` }, body: '{}' })).status, 421);
});

test('the asset route serves nothing outside the store', async () => {
  await req('/api/projects.create', { method: 'POST', headers: { 'x-studio-token': host.token }, body: JSON.stringify({ name: 'p', dir: join(dir, 'proj') }) });
  for (const p of ['..%2fproject.sqlite', '%2e%2e%2f%2e%2e%2fproject.sqlite', '..%5cproject.sqlite', '%2fetc%2fpasswd']) {
    const r = await req(`/asset/${p}`, { headers: { 'x-studio-token': host.token } });
    assert.ok(r.status === 400 || r.status === 404, `${p} → ${r.status}`);
    assert.doesNotMatch(r.body, /SQLite|root:/);
  }
});
