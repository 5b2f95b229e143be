/**
 * Structure kept between two clips, measured independently of core/quality: luma frames decoded
 * by ffmpeg (every `step`-th frame, 320 px wide), each histogram-equalised (so a colour, brightness
 * or contrast change alone does not count as a structural change), then mean SSIM over 8×8
 * windows (stride 4, Wang et al. 2004 constants). Copies score 1.0.
 */
import { spawnSync } from 'node:child_process';

const WIDTH = 320;

function lumaFrames(path: string, step: number): { w: number; h: number; frames: Uint8Array[] } {
  const r = spawnSync('ffmpeg', ['-nostdin', '-v', 'error', '-i', path, '-vf', `select='not(mod(n\\,${step}))',scale=${WIDTH}:-2:flags=area:in_color_matrix=bt709,format=gray`, '-fps_mode', 'passthrough', '-f', 'rawvideo', '-'], { maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`decoding ${path} failed: ${r.stderr.toString().slice(-500)}`);
  const probe = spawnSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', path], { encoding: 'utf8' });
  const [sw, sh] = probe.stdout.trim().split(',').map(Number) as [number, number];
  const w = WIDTH, h = Math.round((sh * WIDTH) / sw / 2) * 2;
  const size = w * h;
  const frames: Uint8Array[] = [];
  for (let o = 0; o + size <= r.stdout.length; o += size) frames.push(equalise(new Uint8Array(r.stdout.subarray(o, o + size))));
  return { w, h, frames };
}

/** Classic histogram equalisation: each level maps to its cumulative share. */
function equalise(px: Uint8Array): Uint8Array {
  const hist = new Uint32Array(256);
  for (const v of px) hist[v]!++;
  const map = new Uint8Array(256);
  let cum = 0;
  for (let v = 0; v < 256; v++) { cum += hist[v]!; map[v] = Math.round((255 * cum) / px.length); }
  return px.map((v) => map[v]!);
}

function ssim(a: Uint8Array, b: Uint8Array, w: number, h: number): number {
  const C1 = (0.01 * 255) ** 2, C2 = (0.03 * 255) ** 2;
  let total = 0, n = 0;
  for (let y = 0; y + 8 <= h; y += 4) for (let x = 0; x + 8 <= w; x += 4) {
    let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    for (let j = 0; j < 8; j++) for (let i = 0; i < 8; i++) {
      const p = (y + j) * w + x + i, va = a[p]!, vb = b[p]!;
      sa += va; sb += vb; saa += va * va; sbb += vb * vb; sab += va * vb;
    }
    const ma = sa / 64, mb = sb / 64;
    const va = saa / 64 - ma * ma, vb = sbb / 64 - mb * mb, cov = sab / 64 - ma * mb;
    total += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
    n++;
  }
  return total / n;
}

/** Mean SSIM of equalised luma between two clips of the same length (frames paired in order). */
export function equalisedLumaSsim(a: string, b: string, step = 12): number {
  const fa = lumaFrames(a, step), fb = lumaFrames(b, step);
  if (fa.w !== fb.w || fa.h !== fb.h) throw new Error(`${a} and ${b} differ in aspect`);
  const count = Math.min(fa.frames.length, fb.frames.length);
  if (count === 0) throw new Error(`no frames decoded from ${a} or ${b}`);
  let sum = 0;
  for (let i = 0; i < count; i++) sum += ssim(fa.frames[i]!, fb.frames[i]!, fa.w, fa.h);
  return sum / count;
}

/** The colour tags of a clip's first video stream, as ffprobe reports them. */
export function colourTags(path: string): { space: string; primaries: string; transfer: string; range: string } {
  const r = spawnSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=color_space,color_primaries,color_transfer,color_range', '-of', 'json', path], { encoding: 'utf8' });
  const s = (JSON.parse(r.stdout) as { streams: Array<Record<string, string>> }).streams[0] ?? {};
  return { space: s.color_space ?? '', primaries: s.color_primaries ?? '', transfer: s.color_transfer ?? '', range: s.color_range ?? '' };
}
