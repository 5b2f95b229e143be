import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FORBIDDEN, INVOKE_CHANNEL, handle, type InvokeEventLike, type IpcMainLike } from '../../../main/handle.ts';
import { dispatch, type Handlers } from '../../../core/api/dispatch.ts';
import { commands } from '../../../core/api/contract.ts';
import { bindVerbs } from '../../../core/api/contract-bridge.ts';

/** A fake ipcMain: records the one handler so the test can call it as Electron would. */
function fakeIpc() {
  const handlers = new Map<string, (e: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  const ipc: IpcMainLike = { handle: (channel, fn) => { handlers.set(channel, fn); } };
  return { ipc, call: (sender: unknown, ...args: unknown[]) => handlers.get(INVOKE_CHANNEL)!({ sender, senderFrame: { url: 'file:///app/index.html' } }, ...args) };
}

// A handler table where only settings.get answers: enough to prove routing and validation.
const calls: string[] = [];
const handlers = new Proxy({} as Handlers, {
  get: (_t, name: string) => async (input: unknown) => { calls.push(name); return { echoed: input }; },
});

test('handle(): a foreign sender is dropped before anything runs', async () => {
  const ours = { id: 1 };
  const { ipc, call } = fakeIpc();
  let invoked = 0;
  handle(ipc, { isTrustedSender: (s) => s === ours, invoke: async (n, p) => { invoked++; return dispatch(handlers, n, p); } });
  assert.deepEqual(await call({ id: 2 }, 'settings.get', {}), FORBIDDEN);
  assert.equal(invoked, 0);
  assert.deepEqual(await call(ours, 'settings.get', {}), { ok: true, value: { echoed: {} } });
  assert.equal(invoked, 1);
});

test('handle(): payloads are validated with the contract schema', async () => {
  const ours = {};
  const { ipc, call } = fakeIpc();
  handle(ipc, { isTrustedSender: (s) => s === ours, invoke: (n, p) => dispatch(handlers, n, p) });
  calls.length = 0;
  const bad = await call(ours, 'looks.create', { name: 42 }) as { ok: false; error: { code: string; field: string; message: string } };
  assert.equal(bad.ok, false);
  assert.equal(bad.error.code, 'bad_input');
  assert.equal(bad.error.field, 'name');
  assert.match(bad.error.message, /^Name must be text \(got 42\)\.$/, "a person's words: the field, what it must be, the value");
  const extra = await call(ours, 'keys.status', { sneaky: true }) as { ok: boolean };
  assert.equal(extra.ok, false, 'unknown fields are refused (strict schemas)');
  const unknown = await call(ours, 'shell.exec', { cmd: 'rm -rf /' }) as { ok: false; error: { code: string } };
  assert.equal(unknown.error.code, 'unknown_command');
  const notString = await call(ours, { name: 'x' }, {}) as { ok: false; error: { code: string } };
  assert.equal(notString.error.code, 'bad_input');
  assert.deepEqual(calls, [], 'no handler ran for any bad request');
  assert.equal(((await call(ours, 'jobs.cancel', { jobId: 'j1' })) as { ok: boolean }).ok, true);
});

test('the verbs object covers every contract command, and nothing else', async () => {
  const seen: [string, unknown][] = [];
  const verbs = bindVerbs(async (name, input) => { seen.push([name, input]); return { ok: true, value: null }; }) as unknown as Record<string, Record<string, (i?: unknown) => Promise<unknown>>>;
  for (const name of Object.keys(commands)) {
    const [ns, verb] = name.split('.') as [string, string];
    assert.equal(typeof verbs[ns]?.[verb], 'function', name);
    await verbs[ns]![verb]!();
  }
  assert.equal(seen.length, Object.keys(commands).length);
  assert.deepEqual(seen[0]![1], {}, 'a verb called without input sends {}');
});
