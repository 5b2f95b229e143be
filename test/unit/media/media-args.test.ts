import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { safeInputArgs } from '../../../core/media/safe-input.ts';
import { probeArgs, parseProbeOutput } from '../../../core/media/probe.ts';
import { decodeArgs, outputSize, sampleIndices } from '../../../core/media/decode-frames.ts';
import { frameByIndexArgs, frameIndexAt, lastFrameArgs } from '../../../core/media/extract-frame.ts';
import { FrameSplitter } from '../../../core/media/frame-splitter.ts';
import { InputError } from '../../../core/domain/errors.ts';

test('untrusted inputs: protocol and demuxer whitelists, absolute file: URL (no option/protocol confusion)', () => {
  const args = safeInputArgs('-evil|concat:x.mp4');
  assert.deepEqual(args.slice(0, 2), ['-protocol_whitelist', 'file,pipe']);
  assert.equal(args[2], '-format_whitelist');
  assert.ok(!args[3]!.split(',').includes('hls') && !args[3]!.split(',').includes('concat') && !args[3]!.split(',').includes('tty'));
  assert.match(args[5]!, /^file:\/.*-evil\|concat:x\.mp4$/);
  for (const a of [probeArgs('a.mp4'), decodeArgs('a.mp4'), lastFrameArgs('a.mp4', 2), frameByIndexArgs('a.mp4', 3, 'o.png')]) {
    assert.ok(a.includes('-protocol_whitelist'));
  }
});

test('last-frame args seek from the end only when a window is given, and stream every frame raw (none dropped)', () => {
  const windowed = lastFrameArgs('a.mp4', 2.5);
  assert.deepEqual(windowed.slice(windowed.indexOf('-sseof'), windowed.indexOf('-sseof') + 2), ['-sseof', '-2.500']);
  assert.ok(windowed.indexOf('-sseof') < windowed.indexOf('-i'), '-sseof is an input option');
  assert.ok(!lastFrameArgs('a.mp4').includes('-sseof'));
  assert.deepEqual(windowed.slice(windowed.indexOf('-fps_mode'), windowed.indexOf('-fps_mode') + 2), ['-fps_mode', 'passthrough']);
  assert.deepEqual(windowed.slice(-5), ['-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1']);
});

test('decode args select exact frame numbers and scale with area averaging', () => {
  const a = decodeArgs('a.mp4', { indices: [0, 5, 9], size: { width: 64, height: 36 } });
  // The resize and the YCbCr → RGB conversion (explicit matrix: untagged reads as BT.709) are one swscale pass.
  assert.equal(a[a.indexOf('-vf') + 1], "select='eq(n,0)+eq(n,5)+eq(n,9)',scale=64:36:flags=area:in_color_matrix=bt709:in_range=tv,format=rgb24");
  const b = decodeArgs('a.mp4', { colour: { colorSpace: 'bt470bg', colorRange: 'pc' } });
  assert.equal(b[b.indexOf('-vf') + 1], 'scale=in_color_matrix=bt601:in_range=pc,format=rgb24');
  assert.match(frameByIndexArgs('a.mp4', 3, 'o.png').join(' '), /select='eq\(n,3\)',scale=in_color_matrix=bt709:in_range=tv,format=rgb24/);
  assert.match(lastFrameArgs('a.mp4', 2, { colorSpace: 'smpte170m' }).join(' '), /-vf scale=in_color_matrix=bt601:in_range=tv,format=rgb24/);
  assert.deepEqual(a.slice(-5), ['-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1']);
});

test('sampleIndices: first and last included, sorted, unique, within range', () => {
  assert.deepEqual(sampleIndices(24, 5), [0, 6, 12, 17, 23]);
  assert.deepEqual(sampleIndices(3, 10), [0, 1, 2]);
  assert.deepEqual(sampleIndices(9, 1), [4]);
  fc.assert(fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 2, max: 200 }), (n, c) => {
    const s = sampleIndices(n, c);
    const sortedUnique = s.every((v, i) => i === 0 || v > s[i - 1]!);
    return sortedUnique && s[0] === 0 && s[s.length - 1] === n - 1 && s.length === Math.min(n, c);
  }));
});

test('outputSize keeps aspect and never upscales', () => {
  assert.deepEqual(outputSize(1920, 1080, 320), { width: 320, height: 180 });
  assert.deepEqual(outputSize(161, 91, 64), { width: 64, height: 36 });
  assert.deepEqual(outputSize(160, 90, 640), { width: 160, height: 90 });
  assert.deepEqual(outputSize(160, 90), { width: 160, height: 90 });
});

test('frameIndexAt: the frame on screen at t after the first frame (last start ≤ t), for irregular timestamps', () => {
  const times = [0.1, 0.2, 0.3, 0.5, 0.9]; // first frame at 0.1: t is measured from there
  assert.equal(frameIndexAt(times, 0), 0);
  assert.equal(frameIndexAt(times, 0.1), 1);
  assert.equal(frameIndexAt(times, 0.35), 2);
  assert.equal(frameIndexAt(times, 0.4), 3);
  assert.equal(frameIndexAt(times, 0.79), 3);
  assert.equal(frameIndexAt(times, 0.8), 4);
  assert.equal(frameIndexAt(times, 99), 4);
});

test('FrameSplitter reassembles frames from arbitrary chunking', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }), (frames, cuts) => {
    const w = 3, h = 2, size = w * h * 3;
    const stream = Uint8Array.from({ length: frames * size }, (_, i) => i % 251);
    const got: Uint8Array[] = [];
    const sp = new FrameSplitter(w, h, (img) => got.push(img.data));
    let off = 0, k = 0;
    while (off < stream.length) { const n = cuts[k++ % cuts.length]!; sp.push(stream.subarray(off, off + n)); off += n; }
    return got.length === frames && sp.leftover === 0 && got.every((f, i) => f.every((v, j) => v === stream[i * size + j]));
  }));
});

test('parseProbeOutput: VFR detection, rotation swap, cover art ignored, no video → InputError', () => {
  const packets = (times: number[]) => times.map((t) => ({ stream_index: 1, pts_time: String(t), duration_time: '0.04' }));
  const base = {
    streams: [
      { index: 0, codec_type: 'video', codec_name: 'mjpeg', width: 10, height: 10, disposition: { attached_pic: 1 } },
      { index: 1, codec_type: 'video', codec_name: 'h264', width: 160, height: 90, pix_fmt: 'yuv420p', avg_frame_rate: '25/1', r_frame_rate: '25/1', duration: '0.2',
        side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] },
      { index: 2, codec_type: 'audio' },
    ],
    format: { duration: '0.5', format_name: 'mov,mp4' },
  };
  const cfr = parseProbeOutput(JSON.stringify({ ...base, packets: packets([0.08, 0, 0.04, 0.16, 0.12]) }), 'x.mp4');
  assert.equal(cfr.variableFrameRate, false);
  assert.equal(cfr.frameCount, 5);
  assert.equal(cfr.fps, 25);
  assert.deepEqual([cfr.width, cfr.height, cfr.rotation, cfr.hasAudio, cfr.codec], [90, 160, 270, true, 'h264']);
  assert.equal(cfr.containerDurationSeconds, 0.5);
  const vfr = parseProbeOutput(JSON.stringify({ ...base, packets: packets([0, 0.04, 0.08, 0.16, 0.24]) }), 'x.mp4');
  assert.equal(vfr.variableFrameRate, true);
  assert.throws(() => parseProbeOutput(JSON.stringify({ streams: [{ index: 0, codec_type: 'audio' }] }), 'song.mp4'),
    (e: unknown) => e instanceof InputError && /song\.mp4/.test(e.message) && /no video stream/.test(e.message));
  assert.throws(() => parseProbeOutput('garbage', 'g.mp4'), InputError);
});
