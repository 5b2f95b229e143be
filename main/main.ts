/**
 * Electron main process: a shell that routes to core/api. One window; one IPC channel through
 * the `handle()` wrapper; engine events pushed on one channel; the media protocol; menus;
 * keys in safeStorage; settings in electron-store; a graceful quit while jobs run (ask; running
 * work is canceled and resumes next start from the durable job rows).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, shell } from 'electron';
import { join } from 'node:path';
import { createStudio, type Studio } from '../core/api/create-studio.ts';
import { setLogSink } from '../core/log/logger.ts';
import { createWriteStream } from 'node:fs';
import { EVENT_CHANNEL, handle, isOurPage } from './handle.ts';
import { createKeyVault } from './key-vault.ts';
import { createElectronSettings } from './settings.ts';
import { handleAssetProtocol, registerAssetScheme } from './asset-protocol.ts';
import { appPageUrl, createMainWindow } from './window.ts';
import { buildMenu } from './menu.ts';

// dist/main/main.cjs → dist/
const distDir = join(__dirname, '..');
const isDev = !app.isPackaged;

// Tests (and portable setups) point the app at a fresh user-data folder.
if (process.env.CONTINUITY_USER_DATA) app.setPath('userData', process.env.CONTINUITY_USER_DATA);
if (!app.requestSingleInstanceLock()) app.quit();
registerAssetScheme();

let win: BrowserWindow | null = null;
let studio: Studio | null = null;
let quitting = false;

app.on('web-contents-created', (_e, contents) => {
  // Belt and braces for any webContents (devtools included): no new windows, no navigation.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
});

app.whenReady().then(() => {
  const userDataDir = app.getPath('userData');
  const logFile = createWriteStream(join(userDataDir, 'continuity.log'), { flags: 'a' });
  setLogSink((line) => logFile.write(line + '\n'));

  studio = createStudio({
    userDataDir,
    keyStore: createKeyVault(userDataDir),
    settings: createElectronSettings(),
    onEvent: (name, payload) => { if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, name, payload); },
    host: {
      revealPath: (p) => { shell.showItemInFolder(p); return true; },
      pickDirectory: async (title) => {
        const r = await dialog.showOpenDialog(win!, { title, properties: ['openDirectory', 'createDirectory'] });
        return r.canceled ? null : r.filePaths[0] ?? null;
      },
      pickExecutable: async (title) => {
        const r = await dialog.showOpenDialog(win!, { title, properties: ['openFile', 'dontAddToRecent'] });
        return r.canceled ? null : r.filePaths[0] ?? null;
      },
    },
  });
  const s = studio;
  handleAssetProtocol(() => s.assetRoot());
  const pageUrl = appPageUrl(distDir);
  handle(ipcMain, {
    isTrustedSender: (sender, frameUrl) =>
      win !== null && !win.isDestroyed() && sender === win.webContents && BrowserWindow.fromWebContents(win.webContents) === win
      && isOurPage(frameUrl, pageUrl),
    invoke: (name, payload) => s.invoke(name, payload),
  });
  Menu.setApplicationMenu(buildMenu((command) => win?.webContents.send(EVENT_CHANNEL, 'menu-command', { command }), isDev));
  win = createMainWindow(distDir);
  win.on('closed', () => { win = null; });
}).catch((err: unknown) => {
  dialog.showErrorBox('Continuity Studio could not start', (err as Error).message);
  app.exit(1);
});

app.on('second-instance', () => { if (win) { if (win.isMinimized()) win.restore(); win.focus(); } });

app.on('before-quit', (event) => {
  if (quitting || !studio) return;
  const running = studio.runningJobs();
  event.preventDefault();
  void (async () => {
    if (running > 0) {
      const { response } = await dialog.showMessageBox({
        type: 'warning', buttons: ['Quit', 'Keep working'], defaultId: 1, cancelId: 1,
        message: `${running} job${running === 1 ? ' is' : 's are'} still running.`,
        detail: 'If you quit now, running work stops and resumes the next time you open this project. Paid jobs already sent to a provider are not sent again.',
      });
      if (response !== 0) return;
    }
    quitting = true;
    await studio!.close().catch(() => undefined);
    app.quit();
  })();
});

app.on('window-all-closed', () => { if (process.platform !== 'darwin') app.quit(); });
