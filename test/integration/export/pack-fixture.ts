/**
 * A real ClipPackInput for export tests: tiny H.264 clips made with ffmpeg, a real .cube LUT,
 * real PNG stills and prompt packs that validate against the schema.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeClip, makeImage } from '../../helpers/make-clips.ts';
import type { ClipPackInput, ReviewState } from '../../../core/export/types.ts';
import type { PromptPack } from '../../../core/domain/prompt-pack.ts';
import { matrixPacks } from '../../unit/export/make-pack.ts';

export interface FixtureMedia { graded: string[]; original: string; lut: string; lookLut: string; still: string; keyframe: string }

/** A 2×2×2 warm-tint LUT in Adobe Cube format (R fastest), small but real. */
export function warmCube(): string {
  const rows: string[] = ['TITLE "warm test"', 'LUT_3D_SIZE 2', 'DOMAIN_MIN 0 0 0', 'DOMAIN_MAX 1 1 1'];
  for (let b = 0; b < 2; b++) for (let g = 0; g < 2; g++) for (let r = 0; r < 2; r++) rows.push(`${Math.min(1, r * 1.0 + 0.05).toFixed(6)} ${g.toFixed(6)} ${(b * 0.9).toFixed(6)}`);
  return rows.join('\n') + '\n';
}

/** Make the media once per test file (clips are the slow part). */
export async function makeFixtureMedia(dir: string): Promise<FixtureMedia> {
  const graded = [
    await makeClip(dir, { name: 'graded-a.mp4', pattern: 'testsrc2' }),
    await makeClip(dir, { name: 'graded-b.mp4', pattern: 'smptebars' }),
    await makeClip(dir, { name: 'graded-c.mp4', pattern: 'testsrc2', colorCast: 'cool' }),
  ];
  const original = await makeClip(dir, { name: 'original.mp4', colorCast: 'warm' });
  const lut = join(dir, 'grade.cube');
  await writeFile(lut, warmCube());
  // The look LUT is its own transform, never a copy of a clip's grade (the writer refuses that).
  const lookLut = join(dir, 'look.cube');
  await writeFile(lookLut, warmCube().replace('TITLE "warm test"', 'TITLE "look test"'));
  const still = await makeImage(dir, { width: 160, height: 90, pattern: 'testsrc2', name: 'rep.png' });
  const keyframe = await makeImage(dir, { width: 160, height: 90, color: '#aa5522', name: 'key.png' });
  return { graded, original, lut, lookLut, still, keyframe };
}

export const DEFAULT_REVIEWS: ReviewState[] = ['approved', 'approved', 'approved', 'rejected', 'pending'];

export function fixtureInput(media: FixtureMedia, options: { lookName?: string; packs?: PromptPack[]; reviews?: ReviewState[]; createdAt?: string } = {}): ClipPackInput {
  const lookName = options.lookName ?? 'Autumn Café';
  const packs = options.packs ?? matrixPacks(lookName);
  const reviews = options.reviews ?? DEFAULT_REVIEWS;
  return {
    appVersion: '0.1.0-test',
    look: { name: lookName },
    settings: { width: 160, height: 90, seconds: 1, fps: 24, size: '160x90', model: 'local-animatic' },
    lookLutPath: media.lookLut,
    createdAt: options.createdAt ?? '2026-05-01T10:00:00.000Z',
    clips: packs.map((pack, i) => ({
      pack,
      gradedPath: media.graded[i % media.graded.length]!,
      originalPath: media.original,
      lutPath: media.lut,
      stills: i % 2 === 0
        ? [{ path: media.keyframe, kind: 'keyframe' as const }, { path: media.still, kind: 'representative' as const }]
        : i === 1 ? [{ path: media.keyframe, kind: 'bridge-frame' as const }] : [],
      review: reviews[i % reviews.length]!,
      score: pack.quality?.score,
    })),
  };
}
