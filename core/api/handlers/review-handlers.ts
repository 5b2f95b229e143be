/**
 * takes.* and review.*: take history per shot, the person's verdict, the acceptance rate.
 * Thumbnails of takes are made here on first sight (a PNG in the asset store, remembered in the
 * project's settings table) so whoever recorded the take need not know about the UI.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../domain/errors.ts';
import { createLogger } from '../../log/logger.ts';
import { makeThumbnail } from '../../media/thumbnail.ts';
import { recordAsset } from '../../store/assets-repo.ts';
import type { Project } from '../../store/open-project.ts';
import { getSetting, setSetting } from '../../store/settings-repo.ts';
import { getShot, listShots } from '../../store/shots-repo.ts';
import { getTake, listTakes, setTakeReview, type TakeRow } from '../../store/takes-repo.ts';
import type { Handlers } from '../dispatch.ts';
import { requireProject, type StudioContext } from '../studio-context.ts';
import { requireLook, takeView } from '../views.ts';

type Group = Pick<Handlers, 'takes.list' | 'review.setVerdict' | 'review.stats'>;

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

export function reviewHandlers(ctx: StudioContext): Group {
  return {
    'takes.list': async ({ shotId }) => {
      const { project } = requireProject(ctx);
      const shot = getShot(project.db, shotId);
      if (!shot) throw new InputError(`shot not found: ${shotId}`, 'shotId', shotId);
      const takes = listTakes(project.db, shotId);
      for (const t of takes) ensureThumbnail(ctx, project, t, shot.lookId);
      return takes.map((t) => takeView(project, t));
    },
    'review.setVerdict': async ({ takeId, verdict }) => {
      const { project } = requireProject(ctx);
      // The app's review screen is a person deciding; the action says which button.
      setTakeReview(project.db, takeId, verdict, { by: 'person', action: `review screen: set verdict to ${verdict}` });
      const take = getTake(project.db, takeId)!;
      const shot = getShot(project.db, take.shotId);
      if (shot) ctx.emit('shot-updated', { lookId: shot.lookId, shotId: shot.id });
      return takeView(project, take);
    },
    'review.stats': async ({ lookId }) => {
      const { project } = requireProject(ctx);
      requireLook(project, lookId);
      // One verdict per clip: the shot's current take is what would be delivered.
      const current = listShots(project.db, lookId).flatMap((s) => (s.currentTakeId ? [getTake(project.db, s.currentTakeId)] : [])).filter((t): t is TakeRow => Boolean(t));
      const approved = current.filter((t) => t.review === 'approved').length;
      const rejected = current.filter((t) => t.review === 'rejected').length;
      const decided = approved + rejected;
      return { lookId, approved, rejected, pending: current.length - decided, total: current.length, acceptanceRate: decided ? approved / decided : null };
    },
  };
}
