// One writer per project (issue 13 item 1): the writer lock refuses or waits while held, names its
// holder, and is free again the instant its holder dies (kill -9: no stale lock to recover).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOLDER_FILE, lockProject, ProjectLockedError, readHolder, tryLockProject } from '../../../core/store/project-lock.ts';
import { isCanceled } from '../../../core/domain/errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'project-lock-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('held: a second writer is refused with the holder named; --wait takes it when released', async () => {
  const first = tryLockProject(dir, 'continuity run LOOK.json --out a');
  assert.ok(first);
  assert.equal(tryLockProject(dir, 'second'), null);
  await assert.rejects(lockProject(dir, { command: 'second' }), (err: Error) => {
    assert.ok(err instanceof ProjectLockedError);
    assert.match(err.message, new RegExp(`pid ${process.pid} \\(continuity run LOOK\\.json --out a\\)`));
    assert.match(err.message, /since \d{4}-\d\d-\d\dT/);
    assert.match(err.message, /--wait/);
    return true;
  });
  // Waiting: released as soon as the waiter says it waits (an event, not a sleep).
  let told = '';
  const second = await lockProject(dir, { command: 'second', wait: true, retryMs: 20, onWaiting: (m) => { told = m; first.release(); } });
  assert.match(told, /in use by pid \d+ .*waiting/);
  assert.equal(readHolder(dir)?.command, 'second');
  const ctl = new AbortController();
  const third = lockProject(dir, { command: 'third', wait: true, retryMs: 20, signal: ctl.signal, onWaiting: () => ctl.abort() });
  await assert.rejects(third, (err: unknown) => isCanceled(err));
  second.release();
  second.release(); // idempotent
  assert.equal(readHolder(dir), null, 'holder details removed with the lock');
});

test('a holder killed with SIGKILL leaves no stale lock', async () => {
  const code = `
    const { tryLockProject } = await import(${JSON.stringify(new URL('../../../core/store/project-lock.ts', import.meta.url).href)});
    const l = tryLockProject(${JSON.stringify(dir)}, 'child holder');
    console.log(l ? 'locked' : 'refused');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((r) => child.on('exit', r));
  const said = await new Promise<string>((resolve) => { let out = ''; child.stdout.on('data', (d: Buffer) => { out += d.toString(); if (out.includes('\n')) resolve(out.trim()); }); });
  assert.equal(said, 'locked');
  await assert.rejects(lockProject(dir, { command: 'me' }), (err: Error) => err instanceof ProjectLockedError && err.message.includes(`pid ${child.pid} (child holder)`));
  child.kill('SIGKILL');
  await exited;
  const mine = await lockProject(dir, { command: 'me' });
  assert.equal(readHolder(dir)?.pid, process.pid);
  mine.release();
});

test('a writer that has the lock but has not written its details yet is still named once they appear', async () => {
  const sub = mkdtempSync(join(dir, 'details-'));
  const first = tryLockProject(sub, 'continuity run LOOK.json --out late');
  assert.ok(first);
  // The instant between taking the lock and writing writer.json, as a second process can see it.
  const details = readFileSync(join(sub, HOLDER_FILE), 'utf8');
  rmSync(join(sub, HOLDER_FILE));
  try {
    const refused = lockProject(sub, { command: 'second' });
    writeFileSync(join(sub, HOLDER_FILE), details);
    await assert.rejects(refused, (err: Error) => err instanceof ProjectLockedError && /pid \d+ \(continuity run LOOK\.json --out late\)/.test(err.message));
    // Details that never come: refused all the same, saying so.
    rmSync(join(sub, HOLDER_FILE));
    await assert.rejects(lockProject(sub, { command: 'second' }), /in use by another process \(it has not written its details yet\)/);
  } finally { first.release(); }
});
