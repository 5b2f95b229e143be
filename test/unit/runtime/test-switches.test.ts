// Test-only switches do nothing in a normal run: a crash point set in the environment does not
// kill a normal `continuity` process, and the poll interval stays at the provider's minimum.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../../..');

/** Node code run in a child, with or without the test switches module. */
function child(code: string, env: Record<string, string>, withSwitches: boolean) {
  const args = ['--import', 'tsx', ...(withSwitches ? ['--import', join(REPO, 'test/support/test-switches.ts')] : []), '--input-type=module', '-e', code];
  return spawnSync(process.execPath, args, { cwd: REPO, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
}

const AT_CRASH_POINT = `
  const { crashPoint } = await import('./core/jobs/crash-hook.ts');
  crashPoint('before-create');
  console.log('still alive');`;

test('CONTINUITY_TEST_CRASH_AT in a normal run: the crash point is a no-op', () => {
  const r = child(AT_CRASH_POINT, { CONTINUITY_TEST_CRASH_AT: 'before-create:1' }, false);
  assert.equal(r.signal, null, r.stderr);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /still alive/);
});

test('CONTINUITY_TEST_CRASH_AT with the test switches installed: the process is killed there', () => {
  const r = child(AT_CRASH_POINT, { CONTINUITY_TEST_CRASH_AT: 'before-create:1' }, true);
  assert.equal(r.signal, 'SIGKILL', r.stderr);
  assert.doesNotMatch(r.stdout, /still alive/);
});

test('CONTINUITY_TEST_CRASH_AT set for a normal CLI run has no effect', () => {
  const r = spawnSync(process.execPath, [join(REPO, 'bin/continuity.mjs'), 'providers', '--json'], {
    cwd: REPO, env: { ...process.env, CONTINUITY_TEST_CRASH_AT: 'before-create:1,after-create:1,mid-poll:1,mid-download:1' }, encoding: 'utf8', timeout: 120_000,
  });
  assert.equal(r.signal, null, r.stderr);
  assert.equal(r.status, 0, r.stderr);
});

const POLL = `
  const { pollIntervalFromEnv } = await import('./core/providers/poll-interval.ts');
  const env = { CONTINUITY_POLL_INTERVAL_MS: '1' };
  console.log(JSON.stringify(Object.fromEntries(['fal', 'replicate', 'runway', 'google', 'openai', 'unknown'].map((p) => [p, pollIntervalFromEnv(p, env)]))));`;

test('CONTINUITY_POLL_INTERVAL_MS=1 is clamped to each provider\'s documented minimum in a normal run', () => {
  const r = child(POLL, {}, false);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { fal: 500, replicate: 500, runway: 5000, google: 10000, openai: 10000, unknown: 10000 });
});

test('the test switches let loopback fakes poll faster', () => {
  const r = child(POLL, {}, true);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { fal: 1, replicate: 1, runway: 1, google: 1, openai: 1, unknown: 1 });
});

const BACKOFF = `
  const { testSwitches } = await import('./core/runtime/test-switches.ts');
  console.log(JSON.stringify(testSwitches()?.backoff ?? null));`;

test('CONTINUITY_TEST_BACKOFF_MS shortens the runner\'s default backoff only with the test switches installed', () => {
  const normal = child(BACKOFF, { CONTINUITY_TEST_BACKOFF_MS: '5:20' }, false);
  assert.equal(normal.status, 0, normal.stderr);
  assert.equal(JSON.parse(normal.stdout), null, 'a normal run keeps the product\'s backoff');
  const tested = child(BACKOFF, { CONTINUITY_TEST_BACKOFF_MS: '5:20' }, true);
  assert.equal(tested.status, 0, tested.stderr);
  assert.deepEqual(JSON.parse(tested.stdout), { baseMs: 5, capMs: 20 });
});
