/**
 * The renderer cannot reach past its contract (issue 17 items 1–2): no free-text program path,
 * unknown frames refused, reveal confined, the test host's token in a header only, and one
 * asset-serving module (used by both shells) refusing a symlink out of the store.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStudio, type Studio } from '../../../core/api/create-studio.ts';
import { createMemoryKeyStore } from '../../../core/api/key-store.ts';
import { answerAssetRequest } from '../../../core/api/asset-file.ts';
import { FORBIDDEN, INVOKE_CHANNEL, handle, isOurPage, type InvokeEventLike } from '../../../main/handle.ts';
import { startWebHost, type WebHost } from '../../../web-host/server.ts';

let dir = '';
let picked: string | null = null;
let revealed: string[] = [];
let studio: Studio;
let host: WebHost;
const FFMPEG = execFileSync('sh', ['-c', 'command -v ffmpeg'], { encoding: 'utf8' }).trim();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'app-surface-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  writeFileSync(join(dir, 'shim.js'), '/* shim */');
  studio = createStudio({
    userDataDir: join(dir, 'data'), keyStore: createMemoryKeyStore(), onEvent: () => undefined,
    host: { pickExecutable: async () => picked, revealPath: (p) => { revealed.push(p); return true; } },
  });
  host = await startWebHost({ studio, staticDir: dir, shimFile: join(dir, 'shim.js'), uploadDir: join(dir, 'uploads') });
});
after(async () => { await host.close(); await studio.close(); rmSync(dir, { recursive: true, force: true }); });

type R = { ok: boolean; value?: any; error?: { code: string; message: string } }; // eslint-disable-line @typescript-eslint/no-explicit-any -- loose JSON in a test
const invoke = async (name: string, payload: unknown = {}) => (await studio.invoke(name, payload)) as R;

test('settings.set with ffmpegPath "/bin/sh" through the contract is refused', async () => {
  const r = await invoke('settings.set', { ffmpegPath: '/bin/sh' });
  assert.equal(r.ok, false);
  assert.equal(r.error!.code, 'bad_input');
  assert.equal((await invoke('settings.get')).value.ffmpegPath, null);
  assert.notEqual(process.env.FFMPEG_PATH, '/bin/sh');
});

test('settings.chooseFfmpeg: only what the shell\'s picker returns, and only a real ffmpeg', async () => {
  const saved = process.env.FFMPEG_PATH;
  try {
    for (const bad of ['/bin/sh', '/etc/passwd', '/tmp', 'ffmpeg', join(dir, 'missing')]) {
      picked = bad;
      const r = await invoke('settings.chooseFfmpeg');
      assert.equal(r.ok, false, bad);
      assert.match(r.error!.message, new RegExp(`ffmpeg path "${bad.replace(/[/.]/g, '\\$&')}"`));
    }
    assert.equal((await invoke('settings.get')).value.ffmpegPath, null);
    picked = FFMPEG;
    const ok = await invoke('settings.chooseFfmpeg');
    assert.equal(ok.ok, true, ok.error?.message);
    assert.equal(ok.value.ffmpegPath, FFMPEG);
    assert.equal((await invoke('settings.chooseFfmpeg', { reset: true })).value.ffmpegPath, null);
  } finally { if (saved === undefined) delete process.env.FFMPEG_PATH; else process.env.FFMPEG_PATH = saved; }
});

test('IPC: a sender with an undefined or foreign frame URL is refused', async () => {
  const page = 'file:///app/dist/renderer/index.html';
  assert.equal(isOurPage(undefined, page), false);
  assert.equal(isOurPage('', page), false);
  assert.equal(isOurPage('https://evil.example/', page), false);
  assert.equal(isOurPage(page + '.evil', page), false);
  assert.equal(isOurPage(page, page), true);
  assert.equal(isOurPage(page + '#/settings', page), true);
  let fn: ((e: InvokeEventLike, ...a: unknown[]) => Promise<unknown>) | undefined;
  const ours = {};
  handle({ handle: (_c, f) => { fn = f; } }, { isTrustedSender: (s, url) => s === ours && isOurPage(url, page), invoke: async () => ({ ok: true, value: 1 }) });
  assert.equal(INVOKE_CHANNEL, 'studio:invoke');
  assert.deepEqual(await fn!({ sender: ours, senderFrame: null }, 'settings.get', {}), FORBIDDEN);
  assert.deepEqual(await fn!({ sender: ours }, 'settings.get', {}), FORBIDDEN);
  assert.deepEqual(await fn!({ sender: ours, senderFrame: { url: page } }, 'settings.get', {}), { ok: true, value: 1 });
});

test('system.reveal shows only the open project (or packs the app exported)', async () => {
  const proj = join(dir, 'proj');
  assert.equal((await invoke('projects.create', { name: 'p', dir: proj })).ok, true);
  revealed = [];
  for (const p of ['/etc/passwd', join(dir, 'data'), join(proj, '..', 'index.html')]) {
    const r = await invoke('system.reveal', { path: p });
    assert.equal(r.ok, false, p);
    assert.equal(r.error!.code, 'bad_input');
  }
  assert.deepEqual(revealed, []);
  assert.equal((await invoke('system.reveal', { path: proj })).value.shown, true);
  assert.deepEqual(revealed, [proj]);
});

function req(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port: host.port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    r.on('error', reject);
    r.end(opts.body);
  });
}

test('web host: the token only in a header for the API; the page gets it once at load', async () => {
  assert.equal((await req(`/api/settings.get?token=${host.token}`, { method: 'POST', body: '{}' })).status, 401);
  const page = await req(`/?token=${host.token}`);
  assert.equal(page.status, 200);
  assert.match(page.body, new RegExp(`<meta name="studio-token" content="${host.token}">`));
  const cookie = String(page.headers['set-cookie']).split(';')[0]!;
  // The cookie serves sub-resources (GET) but never authorises an API call.
  assert.equal((await req('/api/settings.get', { method: 'POST', headers: { cookie }, body: '{}' })).status, 401);
  assert.equal((await req(`/asset/${'a'.repeat(64)}.png?token=${host.token}`)).status, 401);
  assert.equal((await req('/api/settings.get', { method: 'POST', headers: { 'x-studio-token': host.token }, body: '{}' })).status, 200);
  const deep = await req('/api/settings.set', { method: 'POST', headers: { 'x-studio-token': host.token }, body: '['.repeat(10_000) + ']'.repeat(10_000) });
  assert.equal(deep.status, 400);
});

test('a symlink in the asset store pointing outside it is refused by both shells', async () => {
  const root = studio.assetRoot();
  assert.ok(root, 'a project is open');
  const outside = join(dir, 'secret.png');
  writeFileSync(outside, 'SECRET-BYTES');
  const sha = 'ab'.repeat(32);
  mkdirSync(join(root!, sha.slice(0, 2)), { recursive: true });
  symlinkSync(outside, join(root!, sha.slice(0, 2), `${sha}.png`));
  // Electron's studio-asset:// handler answers exactly what this module decides (main/asset-protocol.ts).
  const a = answerAssetRequest(root, `/${sha}.png`, null);
  assert.equal(a.status, 404);
  assert.equal(a.file, undefined);
  const r = await req(`/asset/${sha}.png`, { headers: { 'x-studio-token': host.token } });
  assert.equal(r.status, 404);
  assert.doesNotMatch(r.body, /SECRET/);
  // A real asset is served, with byte ranges.
  const realSha = 'cd'.repeat(32);
  mkdirSync(join(root!, realSha.slice(0, 2)), { recursive: true });
  writeFileSync(join(root!, realSha.slice(0, 2), `${realSha}.png`), '0123456789');
  const ranged = await req(`/asset/${realSha}.png`, { headers: { 'x-studio-token': host.token, range: 'bytes=2-4' } });
  assert.equal(ranged.status, 206);
  assert.equal(ranged.body, '234');
});
