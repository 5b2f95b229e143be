import { test } from 'node:test';
import assert from 'node:assert/strict';
import { animaticArgs, animaticFilter } from '../../../core/providers/local/animatic-args.ts';
import { cameraPath } from '../../../core/providers/local/camera-path.ts';
import { createProgressParser } from '../../../core/providers/local/ffmpeg-progress.ts';
import { PREVIZ_COMMENT, h264OutputArgs } from '../../../core/providers/local/h264-args.ts';
import { motifParticlesSvg, particleTravelPx } from '../../../core/providers/local/motif-particles.ts';

const base = { base: '/t/start.png', end: null, particles: null, fps: 24, frames: 96, camera: cameraPath('push-in', 1), crossfadeFrames: 38, particleTravelPx: 0, comment: PREVIZ_COMMENT };

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
  // Inputs are local files only, looped at the clip's rate.
  assert.equal(after(args, '-protocol_whitelist'), 'file,pipe');
  assert.equal(after(args, '-i'), 'file:/t/start.png');
  assert.equal(after(args, '-framerate'), '24');
});

test('graph: each still converted once to BT.709 4:2:0 and looped; perspective camera, no zoompan', () => {
  const f = animaticFilter(base);
  assert.match(f, /^\[0:v\]scale=out_color_matrix=bt709:out_range=tv:[^,]*,format=yuv420p,loop=loop=95:size=1:start=0,setpts=N\/\(24\*TB\)\[s0\];\[s0\]perspective=/);
  assert.ok(!f.includes('zoompan'));
  assert.match(f, /\[cam\]format=yuv420p\[v\]$/);
  assert.ok(!animaticFilter({ ...base, camera: cameraPath('static', 1) }).includes('perspective'));
  const args = animaticArgs(base, '/o.mp4');
  assert.ok(!args.includes('-loop'), 'inputs are single frames, looped inside the graph');
});

test('graph: the end image fades in by frame numbers before the camera; particles scroll after it', () => {
  const f = animaticFilter({ ...base, end: '/t/end.png', particles: '/t/p.png', particleTravelPx: 62 });
  // The end stream is only the fade's 38 frames, stamped from frame 58 on: nothing is faded or
  // blended before the end image can show (overlay passes those frames through).
  assert.match(f, /\[1:v\]scale=[^;]*format=yuva420p,loop=loop=37:size=1:start=0,[^;]*,fade=t=in:s=0:n=38:alpha=1,setpts=PTS\+58\/\(24\*TB\)\[e\]/);
  assert.match(f, /\[s0\]\[e\]overlay=format=yuv420:eof_action=repeat\[mix\];\[mix\]perspective=/);
  assert.match(f, /\[cam\]\[pt\]overlay=x=0:y=-\(h-H\)\+62\*n\/95:eval=frame:format=yuv420\[fx\]/);
  assert.equal(f.match(/perspective=/g)?.length, 1, 'one camera pass serves start and end');
  const args = animaticArgs({ ...base, end: '/t/end.png', particles: '/t/p.png' }, '/o.mp4');
  assert.equal(args.filter((a) => a === '-i').length, 3);
});

test('raw stills are read as rawvideo of their own size and pixel format (no image decode)', () => {
  const args = animaticArgs({ ...base, base: { path: '/t/start.rgb', pixFmt: 'rgb24', width: 320, height: 180 } }, '/o.mp4');
  assert.equal(after(args, '-f'), 'rawvideo');
  assert.equal(after(args, '-pix_fmt'), 'rgb24');
  assert.equal(after(args, '-video_size'), '320x180');
  assert.equal(after(args, '-i'), 'file:/t/start.rgb');
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
