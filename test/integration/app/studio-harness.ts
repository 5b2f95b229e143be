/**
 * A real createStudio (the facade the app and the test host route to) on a temp folder, with the
 * bundled sample look imported at a 320x180 draft size, its canon drafted offline and a matrix
 * planned. Events are recorded; `until` waits for one (an app event, never a sleep).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStudio, type Studio } from '../../../core/api/create-studio.ts';
import type { CommandName, CommandInput, CommandResult } from '../../../core/api/contract.ts';
import type { EventName, EventPayload, StudioEvent } from '../../../core/api/events.ts';
import { createMemoryKeyStore } from '../../../core/api/key-store.ts';

export interface Harness {
  dir: string;
  studio: Studio;
  events: StudioEvent[];
  call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandResult<N>>;
  until<N extends EventName>(name: N, pred: (p: EventPayload<N>) => boolean, timeoutMs?: number): Promise<EventPayload<N>>;
  lookId: string;
  close(): Promise<void>;
}

export async function openHarness(opts: { concurrency?: number } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'continuity-app-'));
  const events: StudioEvent[] = [];
  const waiters = new Set<(e: StudioEvent) => void>();
  const studio = createStudio({
    userDataDir: join(dir, 'data'), keyStore: createMemoryKeyStore(),
    onEvent: (name, payload) => { const e = { name, payload } as StudioEvent; events.push(e); for (const w of [...waiters]) w(e); },
  });
  const call = async <N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandResult<N>> => {
    const r = await studio.invoke(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as CommandResult<N>;
  };
  // Generous: a loaded 2-core machine renders slowly; the wait ends on the event, not the clock.
  const until = <N extends EventName>(name: N, pred: (p: EventPayload<N>) => boolean, timeoutMs = 900_000) => new Promise<EventPayload<N>>((resolve, reject) => {
    const seen = events.find((e) => e.name === name && pred(e.payload as EventPayload<N>));
    if (seen) { resolve(seen.payload as EventPayload<N>); return; }
    const timer = setTimeout(() => { waiters.delete(w); reject(new Error(`no ${name} event matched within ${timeoutMs} ms`)); }, timeoutMs);
    const w = (e: StudioEvent) => { if (e.name === name && pred(e.payload as EventPayload<N>)) { clearTimeout(timer); waiters.delete(w); resolve(e.payload as EventPayload<N>); } };
    waiters.add(w);
  });
  await call('settings.set', { concurrency: opts.concurrency ?? 2 });
  await call('projects.create', { name: 'harness', dir: join(dir, 'project') });
  const look = await call('looks.importFile', { path: 'resources/sample-look/look.json' });
  await call('looks.updateBatch', { lookId: look.id, batch: { size: '320x180' } });
  await call('canon.draft', { lookId: look.id, mode: 'offline' });
  await call('plan.create', { lookId: look.id, clips: 8, seed: 1 });
  return {
    dir, studio, events, call, until, lookId: look.id,
    async close() { await studio.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}
