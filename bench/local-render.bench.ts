/**
 * Local animatic render time per clip (1280x720, 4 s, 24 fps; push-in, a palette delta, a motif
 * and an end-image crossfade: a busy but ordinary shot; includes the sharp still preparation) as
 * a ratio to the floor: a plain libx264 encode of a still with the very same size, duration and
 * codec settings, measured in this run. Median of 3.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { SAFE_INPUT, runFfmpeg } from '../core/media/run-ffmpeg.ts';
import { h264OutputArgs } from '../core/providers/local/h264-args.ts';
import { renderAnimatic } from '../core/providers/local/render-animatic.ts';

export const name = 'local-render';

const WIDTH = 1280, HEIGHT = 720, SECONDS = 4, FPS = 24, RUNS = 3;

async function scene(path: string, a: string, b: string): Promise<void> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${a}"/><stop offset="1" stop-color="${b}"/></linearGradient></defs><rect width="1920" height="1080" fill="url(#g)"/><circle cx="1300" cy="420" r="260" fill="#f2d16b" opacity="0.85"/><rect x="220" y="560" width="700" height="360" fill="#2d3142"/><rect x="280" y="610" width="160" height="220" fill="#bfc0c0"/></svg>`;
  await sharp(Buffer.from(svg)).png().toFile(path);
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-local-render-'));
  try {
    const start = join(dir, 'start.png'), end = join(dir, 'end.png');
    await scene(start, '#1d3557', '#a8dadc');
    await scene(end, '#6d597a', '#e56b6f');
    const frames = SECONDS * FPS;
    // The floor encodes a still already at the output size, converted once: pure encode cost.
    const floorStill = join(dir, 'floor.png');
    await sharp(start).resize(WIDTH, HEIGHT).png().toFile(floorStill);
    const floor: number[] = [], local: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Floor: the same still, scaled once to the output size, encoded with identical settings.
      let t = performance.now();
      await runFfmpeg(['-v', 'error', ...SAFE_INPUT, '-framerate', String(FPS), '-i', `file:${floorStill}`,
        '-vf', `scale=out_color_matrix=bt709:out_range=tv,format=yuv420p,loop=loop=${frames - 1}:size=1:start=0,setpts=N/(${FPS}*TB)`,
        ...h264OutputArgs({ fps: FPS, frames }, join(dir, `floor-${i}.mp4`))]);
      floor.push((performance.now() - t) / 1000);
      t = performance.now();
      await renderAnimatic({
        startImage: start, endImage: end, width: WIDTH, height: HEIGHT, seconds: SECONDS, fps: FPS, motion: 'push-in', seed: i + 1,
        deltas: [
          { kind: 'palette', label: 'dusk', hueShiftDeg: -12, saturation: 1.1, brightness: -0.1, targetHex: ['#6d597a', '#e56b6f'] },
          { kind: 'motif', label: 'first snow', motif: 'snow', season: 'winter' },
        ],
        layers: { productImages: [], referenceImages: [] }, out: join(dir, `local-${i}.mp4`),
      });
      local.push((performance.now() - t) / 1000);
    }
    const l = median(local), f = median(floor);
    return `local-render: ${l.toFixed(2)} s/clip, floor ${f.toFixed(2)} s, ratio ${(l / f).toFixed(2)}`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
