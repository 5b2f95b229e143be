import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { probe, rememberProbeOfCopy } from '../../../core/media/probe.ts';
import { InputError } from '../../../core/domain/errors.ts';
import { withCountingBinary } from '../../helpers/counting-binary.ts';
import { makeClip, makeTempDir, makeTextFile, makeTruncatedCopy } from '../../helpers/make-clips.ts';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
before(async () => ({ dir, cleanup } = await makeTempDir('probe')));
after(() => cleanup());

const isInputErrorNaming = (file: string, re?: RegExp) => (e: unknown) =>
  e instanceof InputError && e.message.includes(file) && (!re || re.test(e.message));

test('CFR clip: duration, fps, exact frame count, codec, pixel format, no audio', async () => {
  const clip = await makeClip(dir, { width: 160, height: 90, fps: 30, seconds: 1 });
  const p = await probe(clip);
  assert.equal(p.frameCount, 30);
  assert.equal(p.fps, 30);
  assert.equal(p.variableFrameRate, false);
  assert.ok(Math.abs(p.durationSeconds - 1) < 0.01);
  assert.deepEqual([p.width, p.height, p.codec, p.pixelFormat, p.rotation, p.hasAudio], [160, 90, 'h264', 'yuv420p', 0, false]);
});

test('VFR clip is reported as variable, with the true frame count', async () => {
  const clip = await makeClip(dir, { fps: 24, seconds: 1, vfr: true });
  const p = await probe(clip);
  assert.equal(p.variableFrameRate, true);
  assert.equal(p.frameCount, 24);
  assert.ok(p.fps < 24, `average fps ${p.fps} is below the nominal 24 because half the frames last twice as long`);
});

test('odd size, audio running past the video, and rotation metadata', async () => {
  const odd = await probe(await makeClip(dir, { width: 161, height: 91, fps: 12, seconds: 0.5 }));
  assert.deepEqual([odd.width, odd.height], [161, 91]);
  const withAudio = await probe(await makeClip(dir, { fps: 12, seconds: 1, audioSeconds: 2 }));
  assert.equal(withAudio.hasAudio, true);
  assert.ok(withAudio.containerDurationSeconds > withAudio.durationSeconds + 0.5);
  const rotated = await probe(await makeClip(dir, { width: 160, height: 90, fps: 12, seconds: 0.5, rotation: 90 }));
  assert.notEqual(rotated.rotation, 0);
  assert.deepEqual([rotated.width, rotated.height], [90, 160], 'displayed size, as decoded frames come out');
});

test('bad inputs are InputErrors naming the file: missing, text renamed .mp4, truncated, empty, folder', async () => {
  await assert.rejects(probe(join(dir, 'missing.mp4')), isInputErrorNaming('missing.mp4', /not found/));
  const text = await makeTextFile(dir, 'notes.mp4');
  await assert.rejects(probe(text), isInputErrorNaming(text, /not a readable video/));
  const good = await makeClip(dir, { fps: 12, seconds: 1 });
  const truncated = await makeTruncatedCopy(good, dir, 'truncated.mp4', 0.5);
  await assert.rejects(probe(truncated), isInputErrorNaming(truncated, /not a readable video/));
  const empty = join(dir, 'empty.mp4');
  await writeFile(empty, '');
  await assert.rejects(probe(empty), isInputErrorNaming(empty, /not a readable video/));
  await assert.rejects(probe(dir), isInputErrorNaming(dir, /not a file/));
});

test('a playlist pointing at /etc/passwd and a loopback URL is refused, not followed', async () => {
  const playlist = join(dir, 'evil.mp4');
  await writeFile(playlist, '#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\n/etc/passwd\n#EXTINF:1,\nhttp://127.0.0.1:9/x.ts\n#EXT-X-ENDLIST\n');
  await assert.rejects(probe(playlist), isInputErrorNaming(playlist, /not a readable video/));
  const concat = join(dir, 'list.mp4');
  await writeFile(concat, "ffconcat version 1.0\nfile '/etc/passwd'\n");
  await assert.rejects(probe(concat), isInputErrorNaming(concat, /not a readable video/));
});

test('a file rewritten in place is probed anew (probes are remembered only while the file is unchanged)', async () => {
  const a = await makeClip(dir, { width: 160, height: 90, fps: 12, seconds: 1 });
  const b = await makeClip(dir, { width: 64, height: 36, fps: 24, seconds: 0.5 });
  const first = await probe(a);
  assert.deepEqual([first.width, first.height], [160, 90]);
  first.width = 1; // a caller's copy: changing it changes nothing remembered
  assert.equal((await probe(a)).width, 160);
  await copyFile(b, a);
  const again = await probe(a);
  assert.deepEqual([again.width, again.height, again.frameCount], [64, 36, 12]);
  await writeFile(a, 'not a video any more');
  await assert.rejects(probe(a), InputError);
});

test('the same bytes are not probed twice: renamed into place, copied by us, or probed by two callers at once', async () => {
  // Variable-rate clips: ffprobe answers for them (a plain MP4 is read in-process, probe-mp4.test.ts).
  await withCountingBinary('ffprobe', dir, async (starts) => {
    const partial = await makeClip(dir, { width: 96, height: 54, fps: 12, seconds: 1, vfr: true });
    const first = await probe(partial);
    assert.equal(await starts(), 1);
    const final = join(dir, 'renamed-into-place.mp4');
    await rename(partial, final);
    assert.deepEqual(await probe(final), first, 'a rename keeps the bytes: remembered');
    const copy = join(dir, 'copied.mp4');
    await copyFile(final, copy);
    await rememberProbeOfCopy(final, copy);
    assert.deepEqual(await probe(copy), first, 'a copy we made: remembered');
    assert.equal(await starts(), 1, 'no ffprobe for the renamed file or the copy');
    const other = await makeClip(dir, { width: 64, height: 36, fps: 24, seconds: 0.5, vfr: true });
    const [x, y] = await Promise.all([probe(other), probe(other)]);
    assert.deepEqual(x, y);
    assert.equal(await starts(), 2, 'two callers at once share one ffprobe');
    const unknown = join(dir, 'copied-unprobed.mp4');
    await copyFile(other, unknown);
    await writeFile(other, 'rewritten');
    await rememberProbeOfCopy(other, unknown); // the source changed since its probe: nothing carried
    assert.equal((await probe(unknown)).width, 64);
    assert.equal(await starts(), 3, 'a copy of a changed source is probed');
  });
});
