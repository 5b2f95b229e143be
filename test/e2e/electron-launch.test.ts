/**
 * Launch the real Electron app with Playwright's `_electron` and check the hardening from the
 * inside. Needs the Electron binary, which cannot be downloaded on the build machines
 * (ELECTRON_SKIP_BINARY_DOWNLOAD=1): then the test is skipped and says so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from './helpers/web-host-process.ts';

/** The installed binary, found without require('electron'): that would try to download it. */
function electronBinary(): string | null {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathTxt = join(dir, 'path.txt');
    if (!existsSync(pathTxt)) return null;
    const bin = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch { return null; }
}
const binary = electronBinary();
const skip = binary ? false : 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1 on this machine): Electron launch test skipped';

test('Electron: one hardened window, window.studio from the contract, no Node in the page', { skip, timeout: 120_000 }, async (t) => {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build-app.mjs')], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  const userData = mkdtempSync(join(tmpdir(), 'continuity-electron-'));
  t.after(() => rmSync(userData, { recursive: true, force: true }));
  const { _electron } = await import('playwright');
  const app = await _electron.launch({ executablePath: binary!, args: [ROOT, '--no-sandbox'], env: { ...process.env, CONTINUITY_USER_DATA: userData } });
  t.after(() => app.close());
  const page = await app.firstWindow();
  await page.waitForSelector('[data-screen="library"][data-ready="true"]');
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const wins = BrowserWindow.getAllWindows();
    const p = (wins[0]!.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences();
    return { count: wins.length, contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webSecurity: p.webSecurity };
  });
  assert.deepEqual(prefs, { count: 1, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
  const inPage = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    verbs: typeof window.studio.projects.create,
    ipc: Object.keys(window.studio).sort().join(','),
  }));
  assert.deepEqual(inPage, { require: 'undefined', process: 'undefined', verbs: 'function', ipc: 'assets,canon,events,export,files,jobs,keys,looks,plan,platform,projects,providers,references,review,runs,sessions,settings,shots,system,takes' });
  const before = page.url();
  await page.evaluate(() => { window.location.href = 'https://example.com/'; });
  assert.equal(page.url(), before, 'navigation is prevented');
});
