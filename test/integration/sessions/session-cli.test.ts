/** `continuity session …` through the real CLI entry point, on a tiny 2-shot session at 160x90. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../cli/main.ts';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(argv, { out: (t) => { out += t + '\n'; }, err: (t) => { err += t + '\n'; }, isTTY: false });
  return { code, out, err };
}

test('create, add, list, run, regenerate and delete a session from the command line', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'session-cli-'));
  const proj = join(dir, 'proj');
  try {
    assert.equal((await cli('session', 'create', proj, '--look', 'resources/sample-look/look.json', '--name', 'tiny')).code, 0);
    assert.equal((await cli('session', 'add', proj, 'tiny', '--framing', 'wide', '--motion', 'push-in', '--label', 'one')).code, 0);
    const added = await cli('session', 'add', proj, 'tiny', '--framing', 'wide', '--motion', 'static', '--mode', 'frame-bridge', '--strength', 'strict', '--label', 'two');
    assert.match(added.out, /2 +two +wide +static +frame-bridge +0\.80 +not rendered/);

    const bad = await cli('session', 'add', proj, 'tiny', '--framing', 'wide', '--motion', 'push-in', '--strength', 'max');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--strength .* got "max"/);
    assert.equal((await cli('session', 'list', proj, 'nope')).code, 2);
    assert.match((await cli('session', 'run', '--help')).out, /--only-stale/);

    const run = await cli('session', 'run', proj, 'tiny', '--size', '160x90', '--max-retries', '0', '--json');
    assert.equal(run.code, 0, run.err);
    const result = JSON.parse(run.out) as { shots: { mechanism: string; bridgeSsim: number | null; score: number }[] };
    assert.deepEqual(result.shots.map((s) => s.mechanism), ['style-keyframe', 'frame-bridge']);
    assert.ok(result.shots[1]!.bridgeSsim! > 0.9, `bridge SSIM ${result.shots[1]!.bridgeSsim}`);

    // Regenerating shot 1 with another seed: shot 2 bridges from it, so it is reported stale.
    const regen = await cli('session', 'regenerate', proj, 'tiny', '1', '--seed', '99', '--size', '160x90', '--max-retries', '0');
    assert.equal(regen.code, 0, regen.err);
    assert.match(regen.out, /stale \(1\)[\s\S]*shot 2: shot 1 \("one"\) was regenerated/);
    assert.match((await cli('session', 'list', proj, 'tiny')).out, /2 +two .*STALE/);

    const again = await cli('session', 'run', proj, 'tiny', '--only-stale', '--size', '160x90', '--max-retries', '0');
    assert.match(again.out, /1 +one .* kept/);
    assert.match(again.out, /bridge SSIM \(previous last frame → first frame\): 1→2 0\.9\d\d/);
    assert.doesNotMatch((await cli('session', 'list', proj, 'tiny')).out, /STALE/);

    assert.equal((await cli('session', 'delete', proj, 'tiny', '--session')).code, 0);
    assert.match((await cli('session', 'list', proj)).out, /no sessions yet/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
