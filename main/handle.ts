/**
 * The ONE IPC entry point (STYLE.md "The IPC contract"): every renderer request arrives on a
 * single channel as (command, payload). The wrapper drops senders that are not our window,
 * then hands the payload as `unknown` to core/api's dispatch, which parses it with the
 * contract's zod schema and answers `{ok, value} | {ok, error}`. No electron import here, so the
 * unit test drives it with a fake ipcMain and a fake sender.
 */
import type { Result } from '../core/api/contract.ts';
import { createLogger } from '../core/log/logger.ts';

export const INVOKE_CHANNEL = 'studio:invoke';
export const EVENT_CHANNEL = 'studio:event';

const log = createLogger('ipc');

/** The parts of Electron's IpcMainInvokeEvent we look at. */
export interface InvokeEventLike { sender: unknown; senderFrame?: { url: string } | null }
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler?(channel: string): void;
}

export interface HandleOptions {
  /** True only for our own window's webContents (BrowserWindow.fromWebContents check). */
  isTrustedSender(sender: unknown, frameUrl: string | undefined): boolean;
  /** core/api dispatch bound to the studio. */
  invoke(name: string, payload: unknown): Promise<Result<unknown>>;
}

/**
 * True only for our own page: a frame whose URL is unknown (undefined — a destroyed or
 * navigated frame) or anything but the app page (with its own query or hash) is refused.
 */
export function isOurPage(frameUrl: string | undefined, pageUrl: string): boolean {
  if (typeof frameUrl !== 'string' || !frameUrl) return false;
  return frameUrl === pageUrl || frameUrl.startsWith(pageUrl + '#') || frameUrl.startsWith(pageUrl + '?');
}

export const FORBIDDEN: Result<never> = { ok: false, error: { code: 'forbidden', message: 'request refused' } };

export function handle(ipc: IpcMainLike, opts: HandleOptions): void {
  ipc.handle(INVOKE_CHANNEL, async (event, name, payload) => {
    if (!opts.isTrustedSender(event.sender, event.senderFrame?.url)) {
      log.warn('dropped IPC from a foreign sender', { frame: event.senderFrame?.url ?? 'unknown' });
      return FORBIDDEN;
    }
    if (typeof name !== 'string') return { ok: false, error: { code: 'bad_input', message: 'command name must be a string' } };
    return opts.invoke(name, payload);
  });
}
