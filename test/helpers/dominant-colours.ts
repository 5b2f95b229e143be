/**
 * "How close is a clip to a set of declared colours", measured independently of core/color (issue
 * 11 acceptance: palette variants land closer to their declared colours than their anchor). The
 * product chooses a palette transform's strength with its own palette extractor and ΔE; judging the
 * result with the same code would let a fault there pass its own test. Here: frames decoded by
 * ffmpeg to sRGB (BT.709 limited range stated), Lab and CIEDE2000 from test/helpers/ciede2000.ts,
 * dominant colours by a plain seeded k-means in Lab.
 *
 * The figure is symmetric, so neither "the clip shows every declared colour somewhere" nor "every
 * colour the clip shows is near one declared colour" alone can make it small:
 *   coverage = mean over declared colours of ΔE2000 to the nearest dominant colour;
 *   fidelity = share-weighted mean over dominant colours of ΔE2000 to the nearest declared colour;
 *   distance = (coverage + fidelity) / 2.
 */
import { spawnSync } from 'node:child_process';
import { seededRandom } from '../../core/domain/seeded-random.ts';
import { ciede2000, srgbToLab, type Lab3 } from './ciede2000.ts';

const WIDTH = 160;

export interface DominantColour { lab: Lab3; share: number }
export interface DeclaredDistance { coverage: number; fidelity: number; distance: number; dominant: DominantColour[] }

function frameCount(path: string): number {
  const r = spawnSync('ffprobe', ['-v', 'error', '-count_packets', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', path], { encoding: 'utf8' });
  const n = Number(r.stdout.trim());
  if (r.status !== 0 || !Number.isFinite(n) || n < 1) throw new Error(`counting frames of ${path} failed: ${r.stderr.slice(-300)}`);
  return n;
}

/** `count` frames spread evenly over the clip, as Lab pixels (every pixel of a 160 px wide frame). */
function labPixels(path: string, count: number): Lab3[] {
  const step = Math.max(1, Math.floor(frameCount(path) / count));
  const r = spawnSync('ffmpeg', ['-nostdin', '-v', 'error', '-i', path, '-vf',
    `select='not(mod(n\\,${step}))',scale=${WIDTH}:-2:flags=area:in_color_matrix=bt709:in_range=tv:out_range=pc,format=rgb24`,
    '-fps_mode', 'passthrough', '-frames:v', String(count), '-f', 'rawvideo', '-'], { maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`decoding ${path} failed: ${r.stderr.toString().slice(-500)}`);
  const cache = new Map<number, Lab3>();
  const out: Lab3[] = [];
  for (let i = 0; i + 2 < r.stdout.length; i += 3) {
    const key = (r.stdout[i]! << 16) | (r.stdout[i + 1]! << 8) | r.stdout[i + 2]!;
    let lab = cache.get(key);
    if (!lab) { lab = srgbToLab(r.stdout[i]!, r.stdout[i + 1]!, r.stdout[i + 2]!); cache.set(key, lab); }
    out.push(lab);
  }
  if (out.length === 0) throw new Error(`no pixels decoded from ${path}`);
  return out;
}

const sq = (p: Lab3, q: Lab3) => (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2 + (p[2] - q[2]) ** 2;

/** k-means in Lab (Euclidean, k-means++ start, 20 rounds): the k dominant colours and their shares. */
export function dominantColours(pixels: readonly Lab3[], k = 5): DominantColour[] {
  // A shared PRNG is no shared measurement: only the k-means start depends on it.
  const rand = seededRandom(11);
  const centres: Lab3[] = [pixels[Math.floor(rand() * pixels.length)]!];
  const near = pixels.map((p) => sq(p, centres[0]!));
  while (centres.length < k) {
    const total = near.reduce((s, d) => s + d, 0);
    if (total === 0) break;
    let pick = rand() * total, i = 0;
    while (i < pixels.length - 1 && (pick -= near[i]!) > 0) i++;
    centres.push([...pixels[i]!] as Lab3);
    pixels.forEach((p, j) => { near[j] = Math.min(near[j]!, sq(p, centres.at(-1)!)); });
  }
  const owner = new Int32Array(pixels.length);
  for (let round = 0; round < 20; round++) {
    const sums = centres.map(() => [0, 0, 0, 0]);
    pixels.forEach((p, j) => {
      let best = 0;
      for (let c = 1; c < centres.length; c++) if (sq(p, centres[c]!) < sq(p, centres[best]!)) best = c;
      owner[j] = best;
      const s = sums[best]!; s[0]! += p[0]; s[1]! += p[1]; s[2]! += p[2]; s[3]!++;
    });
    centres.forEach((c, i) => { const s = sums[i]!; if (s[3]! > 0) { c[0] = s[0]! / s[3]!; c[1] = s[1]! / s[3]!; c[2] = s[2]! / s[3]!; } });
  }
  const counts = centres.map(() => 0);
  for (const o of owner) counts[o]!++;
  return centres.map((lab, i) => ({ lab, share: counts[i]! / pixels.length })).filter((c) => c.share > 0);
}

function hexLab(hex: string): Lab3 {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1]!, 16);
  return srgbToLab((n >> 16) & 255, (n >> 8) & 255, n & 255);
}

/** The distance (above) between a clip's dominant colours and the declared `targetHex` colours. */
export function distanceToDeclared(clip: string, targetHex: readonly string[], frames = 6): DeclaredDistance {
  const declared = targetHex.map(hexLab);
  if (declared.length === 0) throw new Error('no declared colours to measure against');
  const dominant = dominantColours(labPixels(clip, frames));
  const nearest = (p: Lab3, set: readonly Lab3[]) => Math.min(...set.map((q) => ciede2000(p, q)));
  const coverage = declared.reduce((s, d) => s + nearest(d, dominant.map((c) => c.lab)), 0) / declared.length;
  const fidelity = dominant.reduce((s, c) => s + c.share * nearest(c.lab, declared), 0);
  return { coverage, fidelity, distance: (coverage + fidelity) / 2, dominant };
}
