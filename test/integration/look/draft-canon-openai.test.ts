// The OpenAI canon drafter against a loopback server speaking the Responses API wire protocol
// (POST /v1/responses), reached through the official SDK with a baseURL override.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { draftCanonOpenAI } from '../../../core/canon/draft-canon-openai.ts';
import { draftCanonOffline } from '../../../core/canon/draft-canon-offline.ts';
import { WorkError } from '../../../core/domain/errors.ts';
import { LookFileSchema } from '../../../core/domain/look.ts';

const look = LookFileSchema.parse({
  name: 'loopback', brief: 'A barista pours coffee into a stoneware mug.',
  brandKit: { palette: [{ hex: '#c65d3b', name: 'terracotta' }], lighting: 'window light from the left', camera: '35mm', doNotUse: ['neon'] },
  references: [{ path: 'a.png', role: 'set' }],
});
const goodCanon = { ...draftCanonOffline(look, []), negatives: ['watermark'] };

type Reply = { status: number; body: unknown; headers?: Record<string, string> };
let next: Reply;
const requests: { url: string; body: Record<string, unknown> }[] = [];
let server: Server;
let baseURL: string;

const responseWith = (text: string) => ({
  id: 'resp_1', object: 'response', created_at: 1, status: 'completed', model: 'gpt-test', error: null, incomplete_details: null,
  output: [{ type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] }],
  usage: { input_tokens: 10, output_tokens: 10, total_tokens: 20 },
});

before(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => { data += c; });
    req.on('end', () => {
      requests.push({ url: req.url ?? '', body: JSON.parse(data || '{}') as Record<string, unknown> });
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const opts = () => ({ apiKey: 'sk-test-loopback-key-0000', baseURL, model: 'gpt-test', timeoutMs: 5000 });

test('a good structured answer becomes a canon, with do-not-use terms forced into negatives', async () => {
  next = { status: 200, body: responseWith(JSON.stringify(goodCanon)) };
  const canon = await draftCanonOpenAI(look, [{ role: 'set', palette: [{ hex: '#ffcc88', weight: 1 }] }], opts());
  assert.equal(canon.camera.lens, goodCanon.camera.lens);
  assert.deepEqual(canon.negatives.slice(0, 2), ['watermark', 'neon']);
  const req = requests.at(-1)!;
  assert.equal(req.url, '/v1/responses');
  assert.equal(req.body.model, 'gpt-test');
  const format = (req.body.text as { format: { type: string; strict: boolean; name: string } }).format;
  assert.equal(format.type, 'json_schema');
  assert.equal(format.strict, true);
  assert.match(String(req.body.input), /#ffcc88/, 'measured palettes are sent');
});

test('a malformed answer is a WorkError, never a half canon', async () => {
  const { lighting: _l, ...half } = goodCanon;
  next = { status: 200, body: responseWith(JSON.stringify(half)) };
  await assert.rejects(draftCanonOpenAI(look, [], opts()), (e: unknown) => e instanceof WorkError && e.code === 'malformed_answer');
  next = { status: 200, body: responseWith('{"style": {"era": "1970s"') };
  await assert.rejects(draftCanonOpenAI(look, [], opts()), (e: unknown) => e instanceof WorkError && e.code === 'malformed_answer');
});

test('HTTP 500 and 429 are clear WorkErrors, sent once (no blind retries)', async () => {
  const count = requests.length;
  next = { status: 500, body: { error: { message: 'upstream exploded', type: 'server_error' } } };
  await assert.rejects(draftCanonOpenAI(look, [], opts()), (e: unknown) => e instanceof WorkError && /HTTP 500/.test(e.message));
  assert.equal(requests.length, count + 1);
  next = { status: 429, body: { error: { message: 'slow down', type: 'rate_limit' } }, headers: { 'retry-after': '1' } };
  await assert.rejects(draftCanonOpenAI(look, [], opts()), (e: unknown) => e instanceof WorkError && e.code === 'rate_limited' && /429/.test(e.message));
  assert.equal(requests.length, count + 2);
});
