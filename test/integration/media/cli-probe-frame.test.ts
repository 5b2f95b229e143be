import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadImage } from '../../../core/media/load-image.ts';
import { fullDecodeFrames, makeClip, makeTempDir, makeTextFile, makeTruncatedCopy } from '../../helpers/make-clips.ts';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
before(async () => ({ dir, cleanup } = await makeTempDir('cli-media')));
after(() => cleanup());

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/continuity.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('probe --json prints the facts; --help exits 0', async () => {
  const clip = await makeClip(dir, { fps: 24, seconds: 1, vfr: true, name: 'vfr.mp4' });
  const r = cli('probe', clip, '--json');
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as { frameCount: number; variableFrameRate: boolean; width: number };
  assert.deepEqual([j.frameCount, j.variableFrameRate, j.width], [24, true, 160]);
  assert.equal(cli('probe', '--help').code, 0);
  assert.equal(cli('frame', '--help').code, 0);
});

test('frame --at last writes the true final frame (VFR clip)', async () => {
  const clip = await makeClip(dir, { fps: 24, seconds: 1, vfr: true, name: 'vfr-last.mp4' });
  const out = join(dir, 'last.png');
  const r = cli('frame', clip, '--at', 'last', '--out', out);
  assert.equal(r.code, 0, r.err);
  const frames = await fullDecodeFrames(clip, 160, 90);
  assert.ok(Buffer.from((await loadImage(out)).data).equals(frames[frames.length - 1]!));
});

test('frame --at representative picks from the sharp segment', async () => {
  const clip = await makeClip(dir, { fps: 10, seconds: 2, blurRamp: true, name: 'blur.mp4' });
  const r = cli('frame', clip, '--at', 'representative', '--out', join(dir, 'rep.png'), '--json');
  assert.equal(r.code, 0, r.err);
  const { index } = JSON.parse(r.out) as { index: number };
  assert.ok(index >= 8 && index < 12, `picked ${index}`);
});

test('bad inputs exit 2 with a message naming the file or the argument and value', async () => {
  const clip = await makeClip(dir, { fps: 12, seconds: 1, name: 'ok.mp4' });
  const text = await makeTextFile(dir, 'text.mp4');
  const truncated = await makeTruncatedCopy(clip, dir, 'cut.mp4', 0.5);
  const out = join(dir, 'x.png');
  const cases: Array<[string[], RegExp]> = [
    [['probe', join(dir, 'missing.mp4')], /missing\.mp4/],
    [['probe', text], /not a readable video: .*text\.mp4/],
    [['probe', truncated], /not a readable video: .*cut\.mp4/],
    [['frame', join(dir, 'missing.mp4'), '--at', 'last', '--out', out], /missing\.mp4/],
    [['frame', text, '--at', 'last', '--out', out], /not a readable video: .*text\.mp4/],
    [['frame', truncated, '--at', 'first', '--out', out], /not a readable video: .*cut\.mp4/],
    [['frame', clip, '--at', '-1', '--out', out], /--at must not be negative, got "-1"/],
    [['frame', clip, '--at', '5', '--out', out], /--at 5 is past the end of .*ok\.mp4/],
    [['frame', clip, '--at', 'middle', '--out', out], /--at .* got "middle"/],
    [['frame', clip, '--at', 'last'], /--out is required/],
    [['frame', clip, '--at', 'last', '--out', join(dir, 'x.jpg')], /--out must be a \.png/],
    [['probe'], /exactly one VIDEO/],
    [['frame', clip, '--at', 'last', '--out', join(dir, 'no-such-dir', 'x.png')], /--out folder does not exist/],
  ];
  for (const [args, re] of cases) {
    const r = cli(...args);
    assert.equal(r.code, 2, `${args.join(' ')} → ${r.code}: ${r.err}`);
    assert.match(r.err, re, args.join(' '));
  }
  assert.ok(!existsSync(out), 'nothing written on bad input');
});
