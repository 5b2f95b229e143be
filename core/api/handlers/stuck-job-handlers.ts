/**
 * jobs.stuck and jobs.decide: paid jobs whose create may or may not have reached the provider
 * (issue 12 item 5). The same core function as `continuity jobs list|abandon|resubmit`
 * (core/jobs/stuck-jobs.ts); the decision is recorded as a person's, made in the app.
 */
import { decideStuckJob, listStuckJobs, type StuckJob } from '../../jobs/stuck-jobs.ts';
import type { Project } from '../../store/open-project.ts';
import { getShot } from '../../store/shots-repo.ts';
import type { Handlers } from '../dispatch.ts';
import { requireProject, type StudioContext } from '../studio-context.ts';
import type { StuckJobView } from '../types.ts';

type Group = Pick<Handlers, 'jobs.stuck' | 'jobs.decide'>;

function view(project: Project, j: StuckJob): StuckJobView {
  const shot = j.shotRowId ? getShot(project.db, j.shotRowId) : undefined;
  return {
    id: j.id, takeId: j.takeId, shotId: shot?.id ?? null, lookId: shot?.lookId ?? null,
    shotLabel: shot ? `#${shot.position + 1} ${shot.plan.label}` : `take ${j.takeId} (its shot is no longer in the plan)`,
    keyframe: j.keyframe, provider: j.provider, model: j.model, estimatedCostUsd: j.estimatedCostUsd, reason: j.reason, updatedAt: j.updatedAt,
  };
}

export function stuckJobHandlers(ctx: StudioContext): Group {
  return {
    'jobs.stuck': async () => {
      const { project } = requireProject(ctx);
      return listStuckJobs(project.db).map((j) => view(project, j));
    },
    'jobs.decide': async ({ jobId, decision }) => {
      const { project } = requireProject(ctx);
      const done = view(project, decideStuckJob(project.db, jobId, decision, `app job queue: ${decision === 'abandon' ? 'Abandon' : 'Resubmit'}`));
      if (done.shotId && done.lookId) ctx.emit('shot-updated', { lookId: done.lookId, shotId: done.shotId });
      return done;
    },
  };
}
