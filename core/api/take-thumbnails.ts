/**
 * Thumbnails of takes, made on first sight in the background (a PNG in the asset store, remembered
 * in the project's settings table) so whoever recorded the take need not know about the UI. A
 * project is closed only after the thumbnails being made (thumbnailsSettled).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../log/logger.ts';
import { makeThumbnail } from '../media/thumbnail.ts';
import { recordAsset } from '../store/assets-repo.ts';
import type { Project } from '../store/open-project.ts';
import { getSetting, setSetting } from '../store/settings-repo.ts';
import type { TakeRow } from '../store/takes-repo.ts';
import type { StudioContext } from './studio-context.ts';

const log = createLogger('api');
const pending = new Set<string>();
const working = new Set<Promise<void>>();

/**
 * Wait for thumbnails being made. A project is closed (studio close, project switch) only after
 * them: one ffmpeg each, well under a second, and otherwise they would go on writing into a closed
 * project's store, or into a folder deleted under them.
 */
export async function thumbnailsSettled(): Promise<void> {
  await Promise.allSettled([...working]);
}

/** Make the take's thumbnail in the background; emits shot-updated when it lands. */
export function ensureThumbnail(ctx: StudioContext, project: Project, take: TakeRow, lookId: string): void {
  const sha = take.gradedSha256 ?? take.outputSha256;
  if (!sha || pending.has(take.id) || getSetting(project.db, `thumb:${take.id}`)) return;
  pending.add(take.id);
  const work = (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'continuity-thumb-'));
    try {
      const out = join(dir, 'thumb.png');
      await makeThumbnail(project.assets.pathOf(sha, 'mp4'), out, 480);
      const ref = await project.assets.putFile(out, { ext: 'png' });
      if (ctx.open?.project !== project) return; // project closed meanwhile
      recordAsset(project.db, ref, 'image');
      setSetting(project.db, `thumb:${take.id}`, ref.sha256);
      ctx.emit('shot-updated', { lookId, shotId: take.shotId });
    } catch (err) {
      log.warn('thumbnail failed', { take: take.id, error: (err as Error).message });
    } finally {
      pending.delete(take.id);
      await rm(dir, { recursive: true, force: true });
    }
  })();
  working.add(work);
  void work.finally(() => working.delete(work));
}
