import { test } from 'node:test';
import assert from 'node:assert/strict';
import { animaticArgs } from '../../../core/providers/local/animatic-args.ts';
import { createProgressParser } from '../../../core/providers/local/ffmpeg-progress.ts';
import { PREVIZ_COMMENT, h264OutputArgs } from '../../../core/providers/local/h264-args.ts';
import { motifParticlesSvg, particleTravelPx } from '../../../core/providers/local/motif-particles.ts';

const base = { width: 320, height: 180, fps: 24, frames: 96, comment: PREVIZ_COMMENT };

const after = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

test('output: exact frame count, CFR, H.264 yuv420p, faststart, previz comment, no inherited metadata', () => {
  const args = animaticArgs(base, '/t/out.mp4');
  assert.equal(after(args, '-frames:v'), '96');
  assert.equal(after(args, '-fps_mode'), 'cfr');
  assert.equal(after(args, '-r'), '24');
  assert.equal(after(args, '-c:v'), 'libx264');
  assert.equal(after(args, '-pix_fmt'), 'yuv420p');
  assert.equal(after(args, '-movflags'), '+faststart');
  assert.equal(after(args, '-metadata'), 'comment=Continuity Studio local animatic (previz)');
  assert.equal(after(args, '-map_metadata'), '-1');
  assert.equal(args.at(-1), '/t/out.mp4');
  assert.equal(after(args, '-progress'), 'pipe:1');
});

test('the whole moving picture arrives on stdin as raw 4:2:0 of the clip\'s size and rate; ffmpeg only encodes', () => {
  const args = animaticArgs(base, '/o.mp4');
  assert.equal(after(args, '-protocol_whitelist'), 'file,pipe');
  assert.equal(after(args, '-f'), 'rawvideo');
  assert.equal(after(args, '-pix_fmt'), 'yuv420p');
  assert.equal(after(args, '-video_size'), '320x180');
  assert.equal(after(args, '-framerate'), '24');
  assert.equal(after(args, '-i'), 'pipe:0');
  assert.equal(args.filter((a) => a === '-i').length, 1);
  assert.equal(after(args, '-map'), '0:v');
  assert.ok(!args.includes('-filter_complex') && !args.includes('-vf'), 'no filter graph: no conversion, no overlay');
});

test('h264 args without a comment carry no -metadata', () => {
  assert.ok(!h264OutputArgs({ fps: 25, frames: 100 }, 'x.mp4').includes('-metadata'));
});

test('progress parser handles split chunks and the end marker', () => {
  const parse = createProgressParser(96);
  assert.equal(parse('frame=4'), undefined);
  assert.equal(parse('8\nfps=0.0\n'), 0.5);
  assert.equal(parse('frame=96\nprogress=continue\n'), 1);
  const p2 = createProgressParser(10);
  assert.equal(p2('progress=end\n'), 1);
});

test('motif particles are deterministic for a seed and scroll within the spare height', () => {
  assert.equal(motifParticlesSvg('winter', 320, 180, 5), motifParticlesSvg('winter', 320, 180, 5));
  assert.notEqual(motifParticlesSvg('winter', 320, 180, 5), motifParticlesSvg('winter', 320, 180, 6));
  assert.match(motifParticlesSvg('autumn', 320, 180, 5), /^<svg [^>]*height="360"/);
  assert.ok(particleTravelPx('winter', 720, 60) <= 720);
  assert.ok(particleTravelPx('winter', 720, 4) > 0);
});
