/* global window, document, fetch, EventSource, navigator */
/**
 * Browser-side `window.studio` for the test host: the same verbs as the Electron preload,
 * built from the same contract by `bindVerbs`, over fetch + server-sent events. API calls carry
 * the per-run token in the x-studio-token header, read once from the page's meta tag (the tag is
 * removed); the EventSource and media use the same-site cookie set when the page was opened.
 */
import { bindVerbs, type StudioApi } from '../core/api/contract-bridge.ts';
import type { Result } from '../core/api/contract.ts';
import { isEventName, type EventName } from '../core/api/events.ts';

const tokenMeta = document.querySelector('meta[name="studio-token"]');
const token = tokenMeta?.getAttribute('content') ?? '';
tokenMeta?.remove();

type Listener = (payload: unknown) => void;
const listeners = new Map<EventName, Set<Listener>>();
let source: EventSource | undefined;

function connect(): void {
  if (source) return;
  source = new EventSource('/events');
  for (const name of listeners.keys()) attach(name);
}

const attached = new Set<string>();
function attach(name: EventName): void {
  if (!source || attached.has(name)) return;
  attached.add(name);
  source.addEventListener(name, (ev) => {
    let payload: unknown;
    try { payload = JSON.parse((ev as MessageEvent<string>).data); } catch { return; }
    for (const fn of listeners.get(name) ?? []) fn(payload);
  });
}

async function post<T>(url: string, body: BodyInit, contentType: string): Promise<Result<T>> {
  try {
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': contentType, 'x-studio-token': token }, credentials: 'same-origin' });
    return (await res.json()) as Result<T>;
  } catch (err) {
    return { ok: false, error: { code: 'transport', message: `The studio host did not answer: ${(err as Error).message}` } };
  }
}

const studio: StudioApi = {
  ...bindVerbs((name, input) => post(`/api/${name}`, JSON.stringify(input), 'application/json')),
  events: {
    on(name, fn) {
      if (!isEventName(name)) throw new Error(`unknown event ${String(name)}`);
      let set = listeners.get(name);
      if (!set) { set = new Set(); listeners.set(name, set); }
      set.add(fn as Listener);
      connect();
      attach(name);
      return () => { set.delete(fn as Listener); };
    },
  },
  assets: { url: (sha256, ext) => `/asset/${encodeURIComponent(sha256)}.${encodeURIComponent(ext)}` },
  files: {
    async pathsFor(files) {
      const out: string[] = [];
      for (const file of files) {
        const r = await post<{ path: string }>(`/upload?name=${encodeURIComponent(file.name)}`, file, 'application/octet-stream');
        if (r.ok) out.push(r.value.path);
      }
      return out;
    },
  },
  platform: { kind: 'web', os: navigator.platform },
};

Object.defineProperty(window, 'studio', { value: Object.freeze(studio), writable: false, configurable: false });
