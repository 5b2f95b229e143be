// The in-process MP4 probe (core/media/probe-mp4.ts) against ffprobe itself, on clips real ffmpeg
// wrote: where it answers, its answer is ffprobe's (streams, format, every packet's times, and what
// the probe makes of them); where the file is anything but plain, it declines and ffprobe answers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, open, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { interpretProbe, probe, probeArgs, type RawProbe } from '../../../core/media/probe.ts';
import { probeMp4InProcess } from '../../../core/media/probe-mp4.ts';
import { runFfmpeg } from '../../../core/media/run-ffmpeg.ts';
import { withCountingBinary } from '../../helpers/counting-binary.ts';
import { makeClip, makeTempDir } from '../../helpers/make-clips.ts';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
before(async () => ({ dir, cleanup } = await makeTempDir('probe-mp4')));
after(() => cleanup());

const BT709 = ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'];

/** Encode `seconds` of testsrc2 with extra output options; returns the file. */
async function encode(name: string, o: { size?: string; rate?: string; seconds?: number; audioSeconds?: number; out?: string[] } = {}): Promise<string> {
  const path = join(dir, name);
  const args = ['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=s=${o.size ?? '160x90'}:r=${o.rate ?? '24'}:d=${o.seconds ?? 1}`];
  if (o.audioSeconds) args.push('-f', 'lavfi', '-i', `sine=d=${o.audioSeconds}`, '-c:a', 'aac');
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', ...(o.out ?? ['-pix_fmt', 'yuv420p', ...BT709]), path);
  await runFfmpeg(args, { subject: name });
  return path;
}

/** A 1 s clip looped from a JPEG still (full-range BT.601 in, yuv420p out, partly tagged). */
async function fromJpeg(name: string): Promise<string> {
  const still = join(dir, `${name}.jpg`);
  await runFfmpeg(['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=160x90:d=0.1', '-frames:v', '1', still], { subject: still });
  const path = join(dir, name);
  await runFfmpeg(['-v', 'error', '-loop', '1', '-framerate', '24', '-t', '1', '-i', still, '-vf', 'format=yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast', '-movflags', '+faststart', path], { subject: name });
  return path;
}

async function ffprobeJson(path: string): Promise<RawProbe> {
  return JSON.parse((await runFfmpeg(probeArgs(path), { binary: 'ffprobe' })).stdout.toString('utf8')) as RawProbe;
}

const packetKeys = (r: RawProbe) => (r.packets ?? []).map((p) => `${p.stream_index} ${p.pts_time} ${p.dts_time} ${p.duration_time}`).sort();

/** Where the in-process probe answers: the same as ffprobe, field for field and packet for packet. */
async function assertSameAsFfprobe(path: string): Promise<void> {
  const mine = await probeMp4InProcess(path);
  assert.ok(mine, `${path}: read in-process`);
  const theirs = await ffprobeJson(path);
  assert.deepEqual(interpretProbe(mine, path), interpretProbe(theirs, path), `${path}: what the probe reports`);
  assert.deepEqual(packetKeys(mine), packetKeys(theirs), `${path}: every packet's stream, pts, dts and duration`);
  assert.equal(mine.format?.duration, theirs.format?.duration, `${path}: container duration`);
  const video = (r: RawProbe) => r.streams!.find((s) => s.codec_type === 'video')!;
  for (const k of ['codec_name', 'width', 'height', 'pix_fmt', 'avg_frame_rate', 'duration', 'color_space', 'color_transfer', 'color_range'] as const) {
    assert.equal(video(mine)[k], video(theirs)[k], `${path}: video ${k}`);
  }
  assert.deepEqual(mine.streams!.map((s) => s.codec_type), theirs.streams!.map((s) => s.codec_type), `${path}: streams`);
}

test('plain H.264 MP4s are read in-process with exactly ffprobe\'s answer', async () => {
  const clips = await Promise.all([
    encode('faststart.mp4', { out: ['-pix_fmt', 'yuv420p', ...BT709, '-movflags', '+faststart'] }),
    encode('moov-at-end.mp4'),
    encode('ntsc.mp4', { rate: '30000/1001', seconds: 2 }),
    encode('audio-shorter-and-comment.mp4', { seconds: 2, audioSeconds: 1.3, out: ['-pix_fmt', 'yuv420p', ...BT709, '-metadata', 'comment=Continuity Studio local animatic (previz) ✓ ünï'] }),
    encode('audio-longer.mp4', { audioSeconds: 2.5 }),
    encode('cropped-322x182.mp4', { size: '322x182' }),
    encode('untagged.mp4', { out: ['-pix_fmt', 'yuv420p'] }),
    encode('bt601.mp4', { out: ['-pix_fmt', 'yuv420p', '-colorspace', 'smpte170m', '-color_primaries', 'smpte170m', '-color_trc', 'smpte170m', '-color_range', 'tv'] }),
    encode('no-b-frames.mp4', { out: ['-pix_fmt', 'yuv420p', ...BT709, '-bf', '0'] }),
    encode('no-edit-list.mp4', { out: ['-pix_fmt', 'yuv420p', ...BT709, '-x264-params', 'bframes=3:b-pyramid=normal', '-use_editlist', '0'] }),
    encode('b-pyramid.mp4', { rate: '25', out: ['-pix_fmt', 'yuv420p', ...BT709, '-x264-params', 'bframes=3:b-pyramid=normal'] }),
    // SPS variants: Baseline (no chroma/bit-depth fields), and scaling matrices in the SPS.
    encode('baseline.mp4', { out: ['-pix_fmt', 'yuv420p', ...BT709, '-profile:v', 'baseline'] }),
    encode('scaling-lists.mp4', { out: ['-pix_fmt', 'yuv420p', ...BT709, '-x264-params', 'cqm=jvt'] }),
    // What the engine itself writes (a tiny local animatic clip's settings).
    makeClip(dir, { width: 96, height: 54, fps: 24, seconds: 1 }),
    // A clip made from a JPEG still, as the fake providers make theirs: the SPS states range and
    // matrix (BT.470BG) but not primaries or transfer, and there is no colr box.
    fromJpeg('from-jpeg.mp4'),
  ]);
  for (const clip of clips) await assertSameAsFfprobe(clip);
});

test('the engine\'s probe of a plain MP4 starts no ffprobe', async () => {
  const clip = await encode('counted.mp4');
  await withCountingBinary('ffprobe', dir, async (starts) => {
    const p = await probe(clip);
    assert.deepEqual([p.width, p.height, p.frameCount, p.colorSpace, p.colorRange], [160, 90, 24, 'bt709', 'tv']);
    assert.equal(await starts(), 0);
  });
});

/** Overwrite the first tkhd's matrix with a 90° rotation (what a phone writes). */
async function rotate90(src: string, dest: string): Promise<string> {
  await copyFile(src, dest);
  const bytes = await readFile(dest);
  const at = bytes.indexOf(Buffer.from('tkhd')) + 4;
  const version = bytes[at]!;
  const matrix = at + (version === 1 ? 52 : 40);
  const fh = await open(dest, 'r+');
  try {
    const m = Buffer.alloc(36);
    [0, 0x10000, 0, -0x10000, 0, 0, 0, 0, 0x40000000].forEach((v, i) => m.writeInt32BE(v, 4 * i));
    await fh.write(m, 0, 36, matrix);
  } finally { await fh.close(); }
  return dest;
}

test('anything but a plain MP4 is left to ffprobe, and the probe still says what ffprobe says', async () => {
  const basic = await encode('basis.mp4', { out: ['-pix_fmt', 'yuv420p', ...BT709, '-movflags', '+faststart'] });
  const size = (await stat(basic)).size;
  const cutMdat = join(dir, 'cut-in-mdat.mp4');
  const cut = Buffer.from((await readFile(basic)).subarray(0, size - 2000));
  // Size 0: "runs to the end of the file", so only the sample table shows what is missing.
  cut.writeUInt32BE(0, cut.indexOf(Buffer.from('mdat')) - 4);
  await writeFile(cutMdat, cut);
  const cutMoov = join(dir, 'cut-before-moov.mp4');
  await writeFile(cutMoov, (await readFile(await encode('moov-last.mp4'))).subarray(0, 3000));
  const declined = [
    ['10-bit', await encode('10bit.mp4', { out: ['-pix_fmt', 'yuv420p10le', ...BT709] })],
    ['4:2:2', await encode('422.mp4', { out: ['-pix_fmt', 'yuv422p', ...BT709] })],
    ['full range', await encode('full-range.mp4', { out: ['-pix_fmt', 'yuvj420p', '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'pc'] })],
    ['fragmented', await encode('fragmented.mp4', { out: ['-pix_fmt', 'yuv420p', ...BT709, '-movflags', '+frag_keyframe+empty_moov'] })],
    ['QuickTime colour atom', await encode('quicktime.mov')],
    ['rotated', await rotate90(basic, join(dir, 'rotated.mp4'))],
    ['variable rate', await makeClip(dir, { fps: 24, seconds: 1, vfr: true })],
    ['60 fps in a 1/1000 timescale', await encode('ts1000.mp4', { rate: '60', out: ['-pix_fmt', 'yuv420p', ...BT709, '-video_track_timescale', '1000'] })],
    ['sample data cut short behind a whole index', cutMdat],
  ] as const;
  for (const [what, path] of declined) {
    assert.equal(await probeMp4InProcess(path), null, `${what}: declined`);
    assert.deepEqual(await probe(path), interpretProbe(await ffprobeJson(path), path).result, `${what}: ffprobe's answer`);
  }
  const cutProbe = await probe(cutMdat);
  assert.ok(cutProbe.frameCount < 24, `the cut file reports the frames it holds (${cutProbe.frameCount}), not the index's 24`);
  assert.equal(await probeMp4InProcess(cutMoov), null, 'no index: declined');
  await assert.rejects(probe(cutMoov), /not a readable video/);
  // A hostile index: a sample count of 2^32 − 1 in stsz, and a moov that claims 4 GB.
  const hostile = Buffer.from(await readFile(basic));
  hostile.writeUInt32BE(0xffffffff, hostile.indexOf(Buffer.from('stsz')) + 12);
  const manySamples = join(dir, 'many-samples.mp4');
  await writeFile(manySamples, hostile);
  assert.equal(await probeMp4InProcess(manySamples), null, 'absurd sample count: declined, at once');
  const bigMoov = Buffer.from(await readFile(basic));
  bigMoov.writeUInt32BE(0xfffffff0, bigMoov.indexOf(Buffer.from('moov')) - 4);
  const overrun = join(dir, 'moov-overrun.mp4');
  await writeFile(overrun, bigMoov);
  assert.equal(await probeMp4InProcess(overrun), null, 'a box larger than the file: declined');
  const text = join(dir, 'notes.mp4');
  await writeFile(text, 'ftyp this is not a movie');
  assert.equal(await probeMp4InProcess(text), null);
  await assert.rejects(probe(text), /not a readable video/);
});
