import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../core/jobs/backoff.ts';
import { canMove, isTerminal, JOB_STATES } from '../../../core/jobs/job-state.ts';
import { parseRetryAfter, isRetryableStatus } from '../../../core/providers/adapter.ts';
import { migrate } from '../../../core/store/migrate.ts';
import { buildFalInput, pickDuration } from '../../../core/providers/fal/fal-inputs.ts';
import { inputSchemaOf, validateInput, seedFromLogs } from '../../../core/providers/replicate/replicate-schema.ts';

test('Retry-After: delta seconds and HTTP dates, garbage ignored', () => {
  assert.equal(parseRetryAfter('2'), 2000);
  assert.equal(parseRetryAfter(' 0 '), 0);
  const now = Date.parse('2026-11-01T00:00:00Z');
  assert.equal(parseRetryAfter('Sun, 01 Nov 2026 00:00:05 GMT', now), 5000);
  assert.equal(parseRetryAfter('Sun, 01 Nov 2026 00:00:00 GMT', now + 9000), 0);
  assert.equal(parseRetryAfter('soon'), null);
  assert.equal(parseRetryAfter(null), null);
});

test('full-jitter backoff stays within [0, cap] and never undercuts Retry-After (capped)', () => {
  fc.assert(fc.property(fc.nat(40), fc.double({ min: 0, max: 0.999999, noNaN: true }), fc.option(fc.nat(1_000_000)), (attempt, r, ra) => {
    const d = backoffDelay(attempt, ra ?? null, DEFAULT_BACKOFF, () => r);
    assert.ok(d >= 0);
    if (ra === null) assert.ok(d <= DEFAULT_BACKOFF.capMs);
    else assert.ok(d >= Math.min(ra, DEFAULT_BACKOFF.maxRetryAfterMs) && d <= Math.max(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.maxRetryAfterMs));
  }));
});

test('no retry on 400/401/402/403/422; 408/429/5xx and transport are retryable', () => {
  for (const s of [400, 401, 402, 403, 404, 410, 422]) assert.equal(isRetryableStatus(s), false, String(s));
  for (const s of [408, 409, 429, 500, 502, 503, 504, null]) assert.equal(isRetryableStatus(s), true, String(s));
});

test('state machine: terminal states never move; every path from planned reaches only known states', () => {
  // failed reopens only to polling/downloading by remote id (jobs-repo reopen checks the error code)
  const reopen = (s: string, t: string) => s === 'failed' && (t === 'submitted' || t === 'downloading');
  for (const s of JOB_STATES) if (isTerminal(s) && s !== 'needs_user_decision') for (const t of JOB_STATES) assert.equal(canMove(s, t), reopen(s, t), `${s}→${t}`);
  fc.assert(fc.property(fc.array(fc.constantFrom(...JOB_STATES), { maxLength: 30 }), (walk) => {
    let cur: (typeof JOB_STATES)[number] = 'planned';
    let sawRemote = false;
    for (const next of walk) {
      if (!canMove(cur, next)) continue;
      // a create is only sent from submitting; once accepted (submitted) there is no way back to planned
      if (cur === 'submitted') sawRemote = true;
      if (sawRemote) assert.notEqual(next, 'planned');
      cur = next;
    }
  }));
});

test('migration 002: migrate to 1, insert, migrate to 2, jobs + ledger tables work and take_id is unique', () => {
  const db = new Database(':memory:');
  migrate(db, { target: 1 });
  db.exec(`INSERT INTO settings (key, value_json) VALUES ('k', '1')`);
  migrate(db, { target: 2 });
  assert.equal(db.pragma('user_version', { simple: true }), 2);
  const ins = db.prepare(`INSERT INTO jobs (id, take_id, provider, model, state, request_json, created_at, updated_at) VALUES (?, ?, 'fal', 'm', 'planned', '{}', 't', 't')`);
  ins.run('j1', 'take-1');
  assert.throws(() => ins.run('j2', 'take-1'), /UNIQUE/);
  assert.throws(() => db.prepare(`UPDATE jobs SET state = 'exploded' WHERE id = 'j1'`).run(), /CHECK/);
  db.prepare(`INSERT INTO cost_ledger (job_id, take_id, kind, amount_usd, note, created_at) VALUES ('j1', 'take-1', 'charge', 1.5, 'x', 't')`).run();
  assert.equal((db.prepare('SELECT value_json FROM settings').get() as { value_json: string }).value_json, '1');
  db.close();
});

test('fal inputs: durations conform up, first-last carries the seed, Kling takes a tail image', () => {
  assert.equal(pickDuration(5, [4, 6, 8]), 6);
  assert.equal(pickDuration(12, [5, 10]), 10);
  const r = { model: 'fal-ai/veo3.1/first-last-frame-to-video', prompt: 'p', negativePrompt: 'n', width: 720, height: 1280, seconds: 4, fps: 24, seed: 3 };
  assert.deepEqual(buildFalInput(r, { start: 'u1', end: 'u2', references: [] }), {
    prompt: 'p', first_frame_url: 'u1', last_frame_url: 'u2', duration: '4s', resolution: '720p', aspect_ratio: '9:16', negative_prompt: 'n', seed: 3,
  });
  const k = buildFalInput({ ...r, model: 'fal-ai/kling-video/v2.1/pro/image-to-video', seconds: 6 }, { start: 'a', end: 'b', references: [] });
  assert.equal(k.duration, '10');
  assert.equal(k.tail_image_url, 'b');
  assert.equal('seed' in k, false);
  assert.throws(() => buildFalInput({ ...r, model: 'fal-ai/veo3.1/image-to-video' }, { references: [] }), /needs a start image/);
});

test('replicate schema validation names the field, the value and the allowed values', () => {
  const schema = inputSchemaOf('o/m', { components: { schemas: {
    Input: { properties: { prompt: { type: 'string' }, steps: { type: 'integer', minimum: 1, maximum: 50 }, mode: { allOf: [{ $ref: '#/components/schemas/mode' }] } }, required: ['prompt'] },
    mode: { type: 'string', enum: ['a', 'b'] } } } });
  validateInput('o/m', schema, { prompt: 'x', steps: 10, mode: 'a' });
  assert.throws(() => validateInput('o/m', schema, { prompt: 'x', image: 'u' }), /no input "image".*prompt, steps, mode/);
  assert.throws(() => validateInput('o/m', schema, { prompt: 'x', steps: 99 }), /between 1 and 50, got 99/);
  assert.throws(() => validateInput('o/m', schema, { prompt: 'x', mode: 'c' }), /one of "a", "b", got "c"/);
  assert.throws(() => validateInput('o/m', schema, { steps: 2 }), /requires input "prompt"/);
  assert.equal(seedFromLogs('loading\nUsing seed: 31337\n'), 31337);
  assert.equal(seedFromLogs(''), null);
});
