// Acceptance (issue 13): against the OpenAI-protocol fake whose first two downloads drop half-way
// through the body, `continuity run` delivers every clip (with at most one --resume), resumes each
// cut from the bytes it kept, and no take is created twice. 8 clips (the schema's minimum) keep it affordable on a loaded machine; the
// sample look's 12 behave the same way, clip by clip.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clipFacts, mp4s, packRoot, runCli, writeSmallLook } from '../remote-run/remote-run-helpers.ts';
import { createdTwice, openaiEnv, openaiRunArgs, startOpenAIFake } from './faults-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'cli-cuts-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('first two downloads cut half-way: every clip delivered, at most one --resume, cuts resumed with Range, no take created twice', async () => {
  const fake = await startOpenAIFake(dir);
  try {
    fake.behaviour.clipSize = { width: 320, height: 180 };
    fake.inject({ op: 'download', kind: 'cut', times: 2 });
    const out = join(dir, 'out');
    // --all: the fake's test pattern is off-look and goes to review (gate v2); this is about delivery.
    const args = openaiRunArgs(writeSmallLook(dir, { clips: 8 }), out, ['--concurrency', '2', '--all']);
    // Info logs: the runner says how many bytes each cut left on disk.
    const env = { ...openaiEnv(fake), CONTINUITY_LOG_LEVEL: 'info' };
    let r = await runCli(args, env);
    let logs = r.stderr;
    let resumes = 0;
    if (r.code !== 0) { resumes++; r = await runCli([...args, '--resume'], env); logs += r.stderr; }
    assert.equal(r.code, 0, r.stderr.slice(-3000));
    assert.ok(resumes <= 1);
    const clips = await clipFacts(mp4s(join(packRoot(out), 'Clips')));
    assert.equal(clips.length, 8);
    for (const c of clips) assert.deepEqual([c.width, c.height, c.frames], [320, 180, 96], c.file);
    assert.deepEqual(createdTwice(fake), []);
    // Every byte a cut left on disk is asked for with Range, never fetched again. (How many bytes
    // reach the disk before a cut depends on the client's fetch: it drops what it had buffered
    // when the close arrives with it, so a cut may leave 0 bytes, and then byte 0 is right.)
    const cuts = [...logs.matchAll(/download failed; resuming after a wait .*"haveBytes":(\d+)/g)].map((m) => Number(m[1]));
    assert.equal(cuts.length, 2, `two cuts logged:\n${logs.slice(-3000)}`);
    const downloads = fake.requests.filter((q) => q.op === 'download');
    assert.equal(downloads.filter((q) => q.status === 206).length, cuts.filter((n) => n > 0).length,
      `a Range resume for each cut that left bytes (${cuts.join(', ')} bytes): ${downloads.map((q) => `${q.path} ${q.status}`).join(', ')}`);
  } finally { await fake.close(); }
});
