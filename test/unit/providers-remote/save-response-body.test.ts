// A download cut in transit must leave every byte the client had read on disk, so the runner's
// next attempt can ask for `Range: bytes=N-`. A CI run lost them: the old stream pipeline
// destroyed its file writer on the body's error while the writer was still opening.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveResponseBody } from '../../../core/providers/remote/download-to-file.ts';
import { ProviderError } from '../../../core/providers/adapter.ts';

const dir = mkdtempSync(join(tmpdir(), 'save-body-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A body that hands over `chunks`, then fails as a dropped connection does. */
function cutResponse(chunks: Uint8Array[], headers: Record<string, string>, status = 200): Response {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (i < chunks.length) c.enqueue(chunks[i++]);
      else c.error(Object.assign(new TypeError('terminated'), { cause: { code: 'UND_ERR_SOCKET', message: 'other side closed' } }));
    },
  });
  return new Response(body, { status, headers });
}

test('a body cut after its first half keeps that half on disk and says how much arrived', async () => {
  const half = new Uint8Array(50_000).fill(7);
  const dest = join(dir, 'a.part');
  const err = await saveResponseBody('openai', cutResponse([half], { 'content-length': '100000' }), dest, 0, new AbortController().signal).catch((e: unknown) => e);
  assert.ok(err instanceof ProviderError, String(err));
  assert.equal(err.status, null);
  assert.match(err.message, /cut after 50000 of 100000 bytes/);
  assert.equal(statSync(dest).size, 50_000);
});

test('a 206 resuming at the offset appends; the file ends whole', async () => {
  const dest = join(dir, 'b.part');
  writeFileSync(dest, Buffer.alloc(4, 1));
  const whole = new Response(new Uint8Array(4).fill(2), { status: 206, headers: { 'content-length': '4', 'content-range': 'bytes 4-7/8' } });
  await saveResponseBody('openai', whole, dest, 4, new AbortController().signal);
  assert.deepEqual([...readFileSync(dest)], [1, 1, 1, 1, 2, 2, 2, 2]);
});

test('a cancel during a stalled body ends with a cancel, not a transport failure', async () => {
  const ac = new AbortController();
  const stalled = new Response(new ReadableStream<Uint8Array>({ pull: () => new Promise(() => undefined) }), { status: 200, headers: { 'content-length': '10' } });
  setTimeout(() => ac.abort(), 50);
  const err = await saveResponseBody('openai', stalled, join(dir, 'c.part'), 0, ac.signal).catch((e: unknown) => e);
  assert.equal((err as Error).name, 'CanceledError', String(err));
});
