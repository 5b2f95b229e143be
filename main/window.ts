/**
 * The one window, hardened exactly as RELIABILITY.md "Keys and the Electron surface" lists:
 * isolation, sandbox, no Node, web security, CSP, no new windows, no navigation, no permissions,
 * external links only http(s) and only after the user says yes.
 */
import { BrowserWindow, dialog, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ASSET_SCHEME } from './asset-protocol.ts';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  `img-src 'self' data: blob: ${ASSET_SCHEME}:`,
  `media-src 'self' blob: ${ASSET_SCHEME}:`,
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** http(s) only: file:, javascript:, custom schemes and the like are never handed to the OS. */
export function isExternalUrlAllowed(url: string): boolean {
  try { const u = new URL(url); return u.protocol === 'https:' || u.protocol === 'http:'; } catch { return false; }
}

async function openExternalAfterPrompt(win: BrowserWindow, url: string): Promise<void> {
  if (!isExternalUrlAllowed(url)) return;
  const { response } = await dialog.showMessageBox(win, {
    type: 'question', buttons: ['Open in browser', 'Cancel'], defaultId: 1, cancelId: 1,
    message: 'Open this link in your browser?', detail: url,
  });
  if (response === 0) await shell.openExternal(url);
}

export function createMainWindow(distDir: string): BrowserWindow {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });

  const win = new BrowserWindow({
    width: 1440, height: 900, minWidth: 1024, minHeight: 680, show: false, backgroundColor: '#14161a',
    title: 'Continuity Studio',
    webPreferences: {
      preload: join(distDir, 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => { void openExternalAfterPrompt(win, url); return { action: 'deny' }; });
  win.webContents.on('will-navigate', (event, url) => { event.preventDefault(); void openExternalAfterPrompt(win, url); });
  win.webContents.on('will-redirect', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  void win.loadURL(pathToFileURL(join(distDir, 'renderer', 'index.html')).href);
  return win;
}

/** The renderer's own page: the only frame allowed to call the studio. */
export function appPageUrl(distDir: string): string {
  return pathToFileURL(join(distDir, 'renderer', 'index.html')).href;
}
