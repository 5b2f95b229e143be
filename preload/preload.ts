/**
 * window.studio for the Electron renderer: the verbs derived from core/api's contract
 * (`bindVerbs`), event subscriptions that return an unsubscribe function, and nothing else —
 * never a raw ipcRenderer. Bundled to CommonJS: sandboxed preloads cannot load ES modules.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { bindVerbs, type StudioApi } from '../core/api/contract-bridge.ts';
import { isEventName } from '../core/api/events.ts';

// Literal copies of main/handle.ts's channel names (preload may not import main/).
const INVOKE_CHANNEL = 'studio:invoke';
const EVENT_CHANNEL = 'studio:event';

const studio: StudioApi = {
  ...bindVerbs((name, input) => ipcRenderer.invoke(INVOKE_CHANNEL, name, input)),
  events: {
    on(name, fn) {
      if (!isEventName(name)) throw new Error(`unknown event ${String(name)}`);
      const listener = (_e: IpcRendererEvent, event: string, payload: unknown) => {
        if (event === name) (fn as (p: unknown) => void)(payload);
      };
      ipcRenderer.on(EVENT_CHANNEL, listener);
      return () => { ipcRenderer.removeListener(EVENT_CHANNEL, listener); };
    },
  },
  assets: { url: (sha256, ext) => `studio-asset://asset/${encodeURIComponent(sha256)}.${encodeURIComponent(ext)}` },
  files: {
    // Electron 32+ removed File.path; webUtils is the supported way to get a dropped file's path.
    pathsFor: async (files) => files.map((f) => webUtils.getPathForFile(f)).filter(Boolean),
  },
  platform: { kind: 'electron', os: process.platform },
};

contextBridge.exposeInMainWorld('studio', studio);
