/**
 * Acceptance: the continuity score separates same-look from off-look material with ROC AUC ≥ 0.95
 * on a labelled set built from our own generated looks (synthetic-looks.ts): positives are the same
 * look reframed (other crops/zooms, stills and a panning clip); negatives are a different look and
 * the same framing through a strong colour cast. Everything goes through scoreTake from files.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, writeRawPng } from '../../helpers/make-clips.ts';
import { runFfmpeg } from '../../../core/media/run-ffmpeg.ts';
import { scoreTake } from '../../../core/quality/score-take.ts';
import { loadReferences } from '../../../core/quality/load-frames.ts';
import { rocAuc, type Labelled } from '../../../core/quality/roc-auc.ts';
import type { RawImage } from '../../../core/domain/raw-image.ts';
import { makeLook, renderView, STRONG_CASTS, type Look, type ViewOptions } from './synthetic-looks.ts';

let dir = '';
let cleanup = async () => {};
before(async () => { ({ dir, cleanup } = await makeTempDir('quality-roc')); });
after(() => cleanup());

let n = 0;
async function still(img: RawImage): Promise<string> {
  const path = join(dir, `still-${++n}.png`);
  return writeRawPng(path, img.width, img.height, img.data);
}

/** A 1 s, 12 fps clip panning across the look's world (a moving camera, like a generated take). */
async function panClip(look: Look, from: ViewOptions, to: ViewOptions): Promise<string> {
  const frames: Buffer[] = [];
  for (let i = 0; i < 12; i++) {
    const t = i / 11;
    const lerp = (a = 0.5, b = 0.5) => a + (b - a) * t;
    frames.push(Buffer.from(renderView(look, { ...from, cx: lerp(from.cx, to.cx), cy: lerp(from.cy, to.cy), seed: 100 + i }).data));
  }
  const raw = join(dir, `pan-${++n}.rgb`);
  const out = join(dir, `pan-${n}.mp4`);
  await writeFile(raw, Buffer.concat(frames));
  await runFfmpeg(['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', '160x90', '-r', '12', '-i', raw, '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '16', '-pix_fmt', 'yuv420p', out]);
  return out;
}

test('the continuity score separates same-look from off-look takes with ROC AUC ≥ 0.95', async () => {
  const looks = [0, 90, 180, 270].map((h, i) => makeLook(i, h + 15));
  const samples: (Labelled & { what: string })[] = [];
  for (const look of looks) {
    const refFraming: ViewOptions = { cx: 0.3, cy: 0.4, zoom: 1.4 };
    const refs = [await still(renderView(look, { ...refFraming, seed: 1 })), await still(renderView(look, { cx: 0.7, cy: 0.6, zoom: 1.4, seed: 2 }))];
    const references = await loadReferences(refs);
    const other = looks[(look.id + 1) % looks.length]!;
    const gains = STRONG_CASTS[look.id % STRONG_CASTS.length]!;
    const candidates: { what: string; positive: boolean; image?: string; video?: string }[] = [
      { what: 'reframed still (medium)', positive: true, image: await still(renderView(look, { cx: 0.5, cy: 0.5, zoom: 1.8, seed: 3 })) },
      { what: 'reframed still (wide)', positive: true, image: await still(renderView(look, { cx: 0.75, cy: 0.3, zoom: 1.2, seed: 5 })) },
      { what: 'reframed clip (pan)', positive: true, video: await panClip(look, { cx: 0.35, cy: 0.45, zoom: 1.6 }, { cx: 0.65, cy: 0.55, zoom: 1.6 }) },
      { what: 'different look still', positive: false, image: await still(renderView(other, { ...refFraming, seed: 6 })) },
      { what: 'different look clip', positive: false, video: await panClip(looks[(look.id + 2) % looks.length]!, { cx: 0.3, zoom: 1.5 }, { cx: 0.7, zoom: 1.5 }) },
      { what: 'same framing, strong cast (still)', positive: false, image: await still(renderView(look, { ...refFraming, seed: 8, gains })) },
      { what: 'strong cast clip', positive: false, video: await panClip(look, { cx: 0.35, cy: 0.45, zoom: 1.6, gains }, { cx: 0.65, cy: 0.55, zoom: 1.6, gains }) },
    ];
    for (const c of candidates) {
      const r = await scoreTake({ image: c.image, video: c.video, references, shotKind: 'anchor' });
      samples.push({ score: r.score, positive: c.positive, what: `look ${look.id} ${c.what}` });
    }
  }
  const auc = rocAuc(samples);
  const pos = samples.filter((s) => s.positive).map((s) => s.score);
  const neg = samples.filter((s) => !s.positive).map((s) => s.score);
  console.log(`ROC AUC ${auc.toFixed(3)} over ${pos.length} same-look and ${neg.length} off-look takes; same-look scores ${Math.min(...pos).toFixed(2)}–${Math.max(...pos).toFixed(2)}, off-look ${Math.min(...neg).toFixed(2)}–${Math.max(...neg).toFixed(2)}`);
  assert.ok(auc >= 0.95, `AUC ${auc}`);
});
