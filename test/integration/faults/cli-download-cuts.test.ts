// Acceptance (issue 13): against the OpenAI-protocol fake whose first two downloads drop half-way
// through the body, `continuity run` delivers every clip (with at most one --resume) and no take
// is created twice. 8 clips (the schema's minimum) keep it affordable on a loaded machine; the
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

test('first two downloads cut half-way: every clip delivered, at most one --resume, no take created twice', async () => {
  const fake = await startOpenAIFake(dir);
  try {
    fake.behaviour.clipSize = { width: 320, height: 180 };
    fake.inject({ op: 'download', kind: 'cut', times: 2 });
    const out = join(dir, 'out');
    // --all: the fake's test pattern is off-look and goes to review (gate v2); this is about delivery.
    const args = openaiRunArgs(writeSmallLook(dir, { clips: 8 }), out, ['--concurrency', '2', '--all']);
    let r = await runCli(args, openaiEnv(fake));
    const firstRun = r.stderr.slice(-2000);
    let resumes = 0;
    if (r.code !== 0) { resumes++; r = await runCli([...args, '--resume'], openaiEnv(fake)); }
    assert.equal(r.code, 0, r.stderr.slice(-3000));
    assert.ok(resumes <= 1);
    const clips = await clipFacts(mp4s(join(packRoot(out), 'Clips')));
    assert.equal(clips.length, 8);
    for (const c of clips) assert.deepEqual([c.width, c.height, c.frames], [320, 180, 96], c.file);
    assert.deepEqual(createdTwice(fake), []);
    const downloads = fake.requests.filter((q) => q.op === 'download');
    assert.ok(downloads.some((q) => q.status === 206),
      `a cut download was resumed with Range: ${downloads.map((q) => `${q.path} ${q.status}`).join(', ')}; resumes ${resumes}; first run: ${firstRun}`);
  } finally { await fake.close(); }
});
