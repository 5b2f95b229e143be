// The tests' independent "distance to declared colours" on tiny generated clips: a clip made of the
// declared colours measures near 0, and moving it away from them makes the figure grow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distanceToDeclared } from '../../helpers/dominant-colours.ts';

/** A 1 s 160x90 clip: left half `left`, right half `right`, BT.709 limited range like our renders. */
function twoColourClip(path: string, left: string, right: string): void {
  const r = spawnSync('ffmpeg', ['-nostdin', '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `color=c=${left}:s=80x90:d=1:r=12`, '-f', 'lavfi', '-i', `color=c=${right}:s=80x90:d=1:r=12`,
    '-filter_complex', '[0][1]hstack,scale=out_color_matrix=bt709:out_range=tv,format=yuv420p', '-c:v', 'libx264', '-crf', '12', path]);
  assert.equal(r.status, 0, r.stderr.toString());
}

test('a clip of the declared colours is near them; another pair of colours is far', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dominant-colours-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const same = join(dir, 'same.mp4'), other = join(dir, 'other.mp4');
  twoColourClip(same, '0xc65d3b', '0x8a9a7b');
  twoColourClip(other, '0x2050c0', '0x8a9a7b');
  const declared = ['#c65d3b', '#8a9a7b'];
  const near = distanceToDeclared(same, declared);
  const far = distanceToDeclared(other, declared);
  assert.ok(near.distance < 2, `own colours: ${near.distance}`);
  assert.ok(far.coverage > 10, `terracotta missing from the blue clip: coverage ${far.coverage}`);
  assert.ok(far.distance > near.distance + 10, `${far.distance} vs ${near.distance}`);
  assert.ok(Math.abs(near.dominant.reduce((s, c) => s + c.share, 0) - 1) < 1e-9, 'shares sum to 1');
});
