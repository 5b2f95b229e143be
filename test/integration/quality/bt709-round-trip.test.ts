// Issue 15 acceptance: `continuity grade` of a BT.709 colour-bar clip against a frame of itself
// keeps its colours when both are decoded as BT.709 (what an HD NLE does), measured with an
// independent ΔE2000 (test/helpers/ciede2000.ts) on the bar patches, and the output is tagged BT.709.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { makeTempDir } from '../../helpers/make-clips.ts';
import { ciede2000, srgbToLab } from '../../helpers/ciede2000.ts';
import { runFfmpeg } from '../../../core/media/run-ffmpeg.ts';
import { extractFrame } from '../../../core/media/extract-frame.ts';

const run = promisify(execFile);
const W = 320, H = 180;
let dir = '';
let cleanup: () => Promise<void> = async () => {};
before(async () => ({ dir, cleanup } = await makeTempDir('bt709-round-trip')));
after(() => cleanup());

/** Frame 12 of `video` as RGB, converted by ffmpeg with the BT.709 limited-range matrix stated here, not by our code. */
async function decodeAs709(video: string): Promise<Buffer> {
  const { stdout } = await runFfmpeg(['-v', 'error', '-i', video, '-vf', "select='eq(n,12)',scale=in_color_matrix=bt709:in_range=tv,format=rgb24",
    '-frames:v', '1', '-f', 'rawvideo', 'pipe:1']);
  assert.equal(stdout.length, W * H * 3);
  return stdout;
}

/**
 * Mean colour of the 11×11 block at (x, y) (a bar patch: large enough that x264's chroma noise on
 * 4:2:0 blocks averages out), and whether the block is flat (inside one bar).
 */
function patch(rgb: Buffer, x: number, y: number): { mean: [number, number, number]; flat: boolean } {
  const sum = [0, 0, 0], min = [255, 255, 255], max = [0, 0, 0];
  for (let dy = -5; dy <= 5; dy++) for (let dx = -5; dx <= 5; dx++) {
    const i = ((y + dy) * W + (x + dx)) * 3;
    for (let c = 0; c < 3; c++) { const v = rgb[i + c]!; sum[c]! += v; min[c] = Math.min(min[c]!, v); max[c] = Math.max(max[c]!, v); }
  }
  return { mean: sum.map((s) => s / 121) as [number, number, number], flat: max.every((m, c) => m - min[c]! <= 3) };
}

test('continuity grade of BT.709 colour bars against a frame of itself: bars within ΔE2000 2 mean / 3 worst, output tagged BT.709', { timeout: 600_000 }, async () => {
  const bars = join(dir, 'bars.mp4');
  await runFfmpeg(['-f', 'lavfi', '-i', `smptehdbars=s=${W}x${H}:r=24:d=1`, '-vf', 'scale=out_color_matrix=bt709:out_range=tv,format=yuv420p',
    '-c:v', 'libx264', '-crf', '10', '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv', bars]);
  const reference = join(dir, 'frame.png');
  await extractFrame(bars, 0.5, reference);
  const out = join(dir, 'graded.mp4');
  await run(process.execPath, ['bin/continuity.mjs', 'grade', bars, '--reference', reference, '--out', out, '--json'], { timeout: 500_000 });

  const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=color_space,color_primaries,color_transfer,color_range', '-of', 'json', out]);
  const s = (JSON.parse(stdout) as { streams: Array<Record<string, string>> }).streams[0]!;
  assert.deepEqual([s.color_space, s.color_primaries, s.color_transfer, s.color_range], ['bt709', 'bt709', 'bt709', 'tv']);

  const [src, dst] = [await decodeAs709(bars), await decodeAs709(out)];
  const deltas: number[] = [];
  for (let y = 6; y < H - 6; y += 6) for (let x = 6; x < W - 6; x += 6) {
    const a = patch(src, x, y);
    if (!a.flat) continue; // bar edges: chroma subsampling, not colour
    deltas.push(ciede2000(srgbToLab(...a.mean), srgbToLab(...patch(dst, x, y).mean)));
  }
  const mean = deltas.reduce((t, d) => t + d, 0) / deltas.length, worst = Math.max(...deltas);
  console.log(`BT.709 round trip: ${deltas.length} bar patches, ΔE2000 mean ${mean.toFixed(2)}, worst ${worst.toFixed(2)}`);
  assert.ok(deltas.length >= 100, `only ${deltas.length} flat patches found`);
  assert.ok(mean <= 2, `mean ΔE2000 ${mean}`);
  assert.ok(worst <= 3, `worst ΔE2000 ${worst}`);
});
