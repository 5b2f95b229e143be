/**
 * The whole 12-clip demo (`continuity demo`, offline, local animatic) against the sum of its
 * operations' floors, measured in the same run on the demo's own output (issue 18: ≤ 2×):
 *   render: a plain encode of a still at the batch's size, duration and fps, same encoder settings;
 *   grade:  ffmpeg alone decoding the clip, applying the clip's delivered .cube with lut3d and
 *           encoding with the grade's settings;
 *   score:  decoding the frames the score samples (every frame at analysis width).
 * Each floor runs once per delivered clip, one after another. Peak memory is the largest process
 * of the demo's tree (GNU time's %M where /usr/bin/time exists, else the Node process's own).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { applyLutArgs } from '../core/grade/grade-args.ts';
import { decodeAllFrames } from '../core/media/decode-frames.ts';
import { probe } from '../core/media/probe.ts';
import { SAFE_INPUT, runFfmpeg } from '../core/media/run-ffmpeg.ts';
import { h264OutputArgs } from '../core/providers/local/h264-args.ts';
import { ANALYSIS_WIDTH } from '../core/quality/load-frames.ts';
import { type BenchRow } from './bench-row.ts';

export const name = 'demo';

const bin = join(import.meta.dirname, '..', 'bin', 'continuity.mjs');

function runDemo(out: string): Promise<{ seconds: number; peakMb: number | null; json: { stageSeconds?: Record<string, number>; peakRssMb?: number } }> {
  const gnuTime = existsSync('/usr/bin/time');
  const cmd = gnuTime ? '/usr/bin/time' : process.execPath;
  const args = gnuTime ? ['-f', 'PEAK_KB=%M', process.execPath, bin, 'demo', '--out', out, '--json'] : [bin, 'demo', '--out', out, '--json'];
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`demo exited ${code}: ${stderr.slice(-400)}`));
      const kb = /PEAK_KB=(\d+)/.exec(stderr)?.[1];
      const json = JSON.parse(stdout) as { stageSeconds?: Record<string, number>; peakRssMb?: number };
      resolve({ seconds: (performance.now() - t) / 1000, peakMb: kb ? Math.round(Number(kb) / 1024) : json.peakRssMb ?? null, json });
    });
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

export async function run(): Promise<BenchRow> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-demo-'));
  try {
    const demo = await runDemo(join(dir, 'pack'));
    const root = join(dir, 'pack', readdirSync(join(dir, 'pack')).find((n) => !n.startsWith('.'))!);
    const originals = readdirSync(join(root, 'Clips', 'Original')).filter((f) => f.endsWith('.mp4'));
    const luts = readdirSync(join(root, 'LUTs')).filter((f) => f.endsWith('.cube'));
    let render = 0, grade = 0, score = 0;
    for (const [i, file] of originals.entries()) {
      const clip = join(root, 'Clips', 'Original', file);
      const p = await probe(clip);
      const still = join(dir, `still-${i}.png`);
      await sharp({ create: { width: p.width, height: p.height, channels: 3, background: '#7a6a58' } }).png().toFile(still);
      render += await timed(() => runFfmpeg(['-v', 'error', ...SAFE_INPUT, '-framerate', String(p.fps), '-i', `file:${still}`,
        '-vf', `scale=out_color_matrix=bt709:out_range=tv,format=yuv420p,loop=loop=${p.frameCount - 1}:size=1:start=0,setpts=N/(${p.fps}*TB)`,
        ...h264OutputArgs({ fps: p.fps, frames: p.frameCount }, join(dir, `render-floor-${i}.mp4`))]));
      const stem = file.replace(/\.mp4$/, '');
      const lut = luts.find((l) => l.startsWith(stem)) ?? luts.find((l) => !l.includes('_look')) ?? luts[0]!;
      grade += await timed(() => runFfmpeg(applyLutArgs({ input: clip, lutPath: join(root, 'LUTs', lut), output: join(dir, `grade-floor-${i}.mp4`) })));
      score += await timed(() => decodeAllFrames(clip, { maxWidth: ANALYSIS_WIDTH, onFrame: () => {} }));
    }
    const stages = Object.entries(demo.json.stageSeconds ?? {}).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' ');
    return {
      operation: `demo, ${originals.length} clips end to end`, seconds: demo.seconds, target: 2,
      floor: `Σ floors: render ${render.toFixed(1)} + grade ${grade.toFixed(1)} + score ${score.toFixed(1)} s`, floorSeconds: render + grade + score,
      note: `peak memory ${demo.peakMb ?? '?'} MB; clip-seconds per stage: ${stages}`,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
