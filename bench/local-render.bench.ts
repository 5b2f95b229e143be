/**
 * Local animatic render time per clip (1280x720, 4 s, 24 fps; push-in, a palette delta, a motif
 * and an end-image crossfade: a busy but ordinary shot; includes the sharp still preparation)
 * against the floor of issue 18 item 2: a plain encode of the same size, duration and fps with
 * the same settings (h264OutputArgs). The floor encodes the render's own frames, decoded to raw
 * YUV beforehand (not timed): the same picture content, so x264 does the same work. An encode
 * of a still (the floor this bench used before) is also measured and given in the notes: x264
 * spends far less on a still than on any moving picture, so no render can come near it.
 * Runs alternate render and floors; best of 3 each.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { SAFE_INPUT, runFfmpeg } from '../core/media/run-ffmpeg.ts';
import { h264OutputArgs } from '../core/providers/local/h264-args.ts';
import { renderAnimatic } from '../core/providers/local/render-animatic.ts';
import { best, rowOf, spread, timed, type BenchRow, type Timing } from './bench-row.ts';

export const name = 'local-render';

const WIDTH = 1280, HEIGHT = 720, SECONDS = 4, FPS = 24, RUNS = 3;

async function scene(path: string, a: string, b: string): Promise<void> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${a}"/><stop offset="1" stop-color="${b}"/></linearGradient></defs><rect width="1920" height="1080" fill="url(#g)"/><circle cx="1300" cy="420" r="260" fill="#f2d16b" opacity="0.85"/><rect x="220" y="560" width="700" height="360" fill="#2d3142"/><rect x="280" y="610" width="160" height="220" fill="#bfc0c0"/></svg>`;
  await sharp(Buffer.from(svg)).png().toFile(path);
}

export async function run(): Promise<BenchRow> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-local-render-'));
  try {
    const start = join(dir, 'start.png'), end = join(dir, 'end.png');
    await scene(start, '#1d3557', '#a8dadc');
    await scene(end, '#6d597a', '#e56b6f');
    const frames = SECONDS * FPS;
    const floorStill = join(dir, 'floor.png');
    await sharp(start).resize(WIDTH, HEIGHT).png().toFile(floorStill);
    const raw = join(dir, 'frames.yuv');
    const render = (i: number) => renderAnimatic({
      startImage: start, endImage: end, width: WIDTH, height: HEIGHT, seconds: SECONDS, fps: FPS, motion: 'push-in', seed: 1,
      deltas: [
        { kind: 'palette', label: 'dusk', hueShiftDeg: -12, saturation: 1.1, brightness: -0.1, targetHex: ['#6d597a', '#e56b6f'] },
        { kind: 'motif', label: 'first snow', motif: 'snow', season: 'winter' },
      ],
      layers: { productImages: [], referenceImages: [] }, out: join(dir, `local-${i}.mp4`),
    });
    const local: Timing[] = [], floor: Timing[] = [], still: Timing[] = [];
    for (let i = 0; i < RUNS; i++) {
      local.push(await timed(() => render(i)));
      // The render's own frames as raw 4:2:0 (already BT.709 limited, so no conversion is timed).
      if (i === 0) await runFfmpeg(['-v', 'error', ...SAFE_INPUT, '-i', `file:${join(dir, 'local-0.mp4')}`, '-f', 'rawvideo', '-pix_fmt', 'yuv420p', raw]);
      floor.push(await timed(() => runFfmpeg(['-v', 'error', ...SAFE_INPUT, '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${WIDTH}x${HEIGHT}`, '-framerate', String(FPS), '-i', `file:${raw}`,
        ...h264OutputArgs({ fps: FPS, frames }, join(dir, `floor-${i}.mp4`))])));
      still.push(await timed(() => runFfmpeg(['-v', 'error', ...SAFE_INPUT, '-framerate', String(FPS), '-i', `file:${floorStill}`,
        '-vf', `scale=out_color_matrix=bt709:out_range=tv,format=yuv420p,loop=loop=${frames - 1}:size=1:start=0,setpts=N/(${FPS}*TB)`,
        ...h264OutputArgs({ fps: FPS, frames }, join(dir, `still-${i}.mp4`))])));
    }
    const l = best(local), s = best(still);
    return rowOf({
      operation: 'local render (4 s 720p clip)', target: 1.3,
      floor: 'plain encode of the render\'s own frames (raw YUV in), same size/fps/x264 settings',
      note: `render ${spread(local)}, floor ${spread(floor)}; vs an encode of a still: ×${(l.wall / s.wall).toFixed(2)} (cpu ×${(l.cpu / s.cpu).toFixed(2)})`,
    }, local, floor);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
