/**
 * takes.* and review.*: take history per shot, the person's verdict, the acceptance rate.
 * Listing takes starts their thumbnails (take-thumbnails.ts).
 */
import { InputError } from '../../domain/errors.ts';
import { getShot, listShots } from '../../store/shots-repo.ts';
import { getTake, listTakes, setTakeReview, type TakeRow } from '../../store/takes-repo.ts';
import type { Handlers } from '../dispatch.ts';
import { requireProject, type StudioContext } from '../studio-context.ts';
import { ensureThumbnail } from '../take-thumbnails.ts';
import { requireLook, takeView } from '../views.ts';

type Group = Pick<Handlers, 'takes.list' | 'review.setVerdict' | 'review.stats'>;

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
