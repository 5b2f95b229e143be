/**
 * Remote providers as a ShotRenderer: each attempt is ONE durable paid job (core/jobs) keyed by
 * the take id, so a take is never created twice — not by a retry, not by a resumed run (take ids
 * are deterministic per shot + attempt + inputs: take-id.ts). The clip the provider returns is
 * conformed locally to the batch's exact size, seconds × fps frames (conform-clip.ts).
 */
import { CanceledError } from '../domain/errors.ts';
import { createJobRunner } from '../jobs/job-runner.ts';
import { isReopenable, isTerminal } from '../jobs/job-state.ts';
import { createJobsRepo } from '../jobs/jobs-repo.ts';
import { createLogger } from '../log/logger.ts';
import { conformPlan, type ConformPlan, type ConformPolicy } from '../providers/conform-plan.ts';
import { estimateCostUsd, type ModelCapability } from '../providers/registry.ts';
import { conformClip } from './conform-clip.ts';
import type { CreateRendererOptions } from './create-renderer.ts';
import { createJobWaiter } from './job-waiter.ts';
import { remoteAdapterFor } from './remote-adapter-for.ts';
import { buildGenerationRequest } from './remote-request.ts';
import { buildRemixRequest } from './remote-remix.ts';
import type { RenderRequest, RenderResult, ShotRenderer } from './shot-renderer.ts';
import { attemptTakeId } from './take-id.ts';

const log = createLogger('pipeline');

export interface RemoteRendererOptions extends CreateRendererOptions {
  capability: ModelCapability;
  env: NodeJS.ProcessEnv;
  /** When the model cannot make the batch exactly: generate larger and conform locally (default), or refuse. */
  conformPolicy?: ConformPolicy;
  /** Overrides the adapter's poll interval (default: the adapter's, which honours CONTINUITY_POLL_INTERVAL_MS down to the provider's minimum). */
  pollIntervalMs?: number;
}

/**
 * Build the renderer. The adapter is created here, so a missing key is an InputError before any
 * shot starts. Jobs of an earlier, killed run are not resumed wholesale: each is picked up when
 * the pipeline asks for its take again (submit is idempotent per take id), so nothing is created
 * for a take the current plan no longer has.
 */
export function createRemoteShotRenderer(o: RemoteRendererOptions): ShotRenderer {
  const m = o.capability;
  const adapter = remoteAdapterFor(m.provider, o.env, o.keyStore);
  const waiter = createJobWaiter();
  const runner = createJobRunner({
    db: o.project.db,
    assets: o.project.assets,
    adapters: { [m.provider]: adapter },
    concurrency: o.concurrency,
    budgetUsd: o.budgetUsd ?? null,
    batchId: o.batchId,
    pollIntervalMs: o.pollIntervalMs,
    onEvent: (e) => {
      waiter.onEvent(e);
      o.onJobEvent?.({ takeId: e.takeId, state: e.state, progress: e.progress, costSoFarUsd: e.costSoFarUsd });
    },
  });
  const repo = createJobsRepo(o.project.db, () => new Date().toISOString());
  const policy = o.conformPolicy ?? 'conform';

  const planFor = (req: Pick<RenderRequest, 'width' | 'height' | 'seconds' | 'fps'>): ConformPlan =>
    conformPlan(m, { width: req.width, height: req.height, seconds: req.seconds, fps: req.fps }, policy);

  return {
    provider: m.provider,
    model: m,

    estimateAttemptUsd(seconds: number): number {
      // The longer generation conforming asks for is what gets billed (Kling: 5 s for a 4 s clip).
      const [w, h] = (m.sizes[0] ?? '1280x720').split('x').map(Number);
      try { return conformPlan(m, { seconds, width: w!, height: h!, fps: m.fps[0] ?? 24 }, 'conform').costUsd; } catch { return estimateCostUsd(m, seconds); }
    },

    takeIdFor({ key, attempt, basis }) {
      // Skip ids whose job died (failed, canceled, expired): that take is over; a new one is a new
      // create. A live, finished, undecided or reopenable job (polls/downloads gave up in transit,
      // the output still at the provider) keeps its id: it is picked up, never re-sent.
      for (let n = 1; ; n++) {
        const id = attemptTakeId(key, attempt, basis, n);
        const job = repo.byTake(id);
        if (!job || !isTerminal(job.state) || job.state === 'succeeded' || job.state === 'needs_user_decision' || isReopenable(job)) return id;
      }
    },

    costForTake: (takeId: string) => repo.costForTake(takeId),

    async render(req: RenderRequest): Promise<RenderResult> {
      // 'refuse' (or an impossible target) throws InputError here, before anything is sent.
      const plan = planFor(req);
      const remix = req.remix ? await buildRemixRequest({ ...req, remix: req.remix }, m, plan) : undefined;
      const { request, notes, record } = remix ?? buildGenerationRequest(req, m, plan);
      if (req.signal?.aborted) { await remix?.cleanup(); throw new CanceledError(`take ${req.takeId} canceled before it was submitted`); }
      const sent = remix?.model ?? m;
      const jobId = runner.submit({ takeId: req.takeId, provider: m.provider, request, estimatedCostUsd: remix?.costUsd ?? plan.costUsd });
      const job = await waiter.wait(runner, jobId, { signal: req.signal, onProgress: (f) => req.onProgress?.(0.9 * f) }).finally(() => remix?.cleanup());
      const conformed = await conformClip(job.output.path, plan, req.out, { signal: req.signal });
      req.onProgress?.(1);
      const costUsd = repo.costForTake(req.takeId);
      const steps = conformed.steps.steps;
      log.info('remote take done', { takeId: req.takeId, remoteId: job.remoteId, costUsd, conform: steps.join('; ') || 'exact' });
      return {
        path: conformed.path,
        provider: m.provider,
        model: sent.id,
        seedReturned: job.seedReturned,
        remoteId: job.remoteId,
        costUsd,
        costEstimated: repo.costIsEstimate(req.takeId),
        previz: false,
        parameters: {
          width: req.width, height: req.height, seconds: req.seconds, fps: req.fps, frames: conformed.steps.frames,
          jobId, seedSent: request.seed ?? null, ...record,
          generate: plan.generate,
          providerOutput: { sha256: job.output.sha256, ...conformed.received },
          conform: { planned: plan.steps, applied: steps, copied: conformed.steps.copy, scaleMode: conformed.steps.scale, extraCostUsd: plan.extraCostUsd, policy },
          ...(notes.length ? { requestNotes: notes } : {}),
        },
        note: `${remix ? `remix of anchor take ${remix.facts.anchorTakeId} (${notes.join('; ')}), ` : ''}generated by ${m.provider}:${sent.id} (${job.remoteId})${steps.length ? `; conformed: ${steps.join('; ')}` : ''}${plan.extraCostUsd > 0 ? `; extra cost for the longer generation, estimated at list price: $${plan.extraCostUsd.toFixed(2)}` : ''}`,
        ...(remix ? { remix: remix.facts } : {}),
      };
    },

    async close(): Promise<void> {
      waiter.abortAll('the renderer closed; unfinished jobs stay resumable');
      await runner.close();
    },
  };
}
