/**
 * Remote identity / style keyframes (DESIGN.md §4 mechanisms 3–4): identity → PuLID on fal,
 * style → IP-Adapter on Replicate. Each keyframe is ONE durable paid job keyed `${takeKey}-kf`
 * (core/jobs: submit is idempotent per take id), so a retry or a resumed run picks the job up
 * instead of paying again. The output is cropped to exactly width×height: it becomes the start
 * image, and the batch's frame is exact.
 *
 * A provider without a key, or a model the look may not use (PuLID is non-commercial), falls back
 * to the local maker — and the note says so and why: never a silent swap.
 */
import { randomUUID } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import sharp from 'sharp';
import { CanceledError, InputError } from '../domain/errors.ts';
import { createJobRunner } from '../jobs/job-runner.ts';
import { isReopenable, isTerminal } from '../jobs/job-state.ts';
import { createJobsRepo } from '../jobs/jobs-repo.ts';
import type { JobRunner } from '../jobs/runner-types.ts';
import { createLogger } from '../log/logger.ts';
import type { ProviderAdapter } from '../providers/adapter.ts';
import { gateOptionsFromEnv, gateModel, PROVIDER_ENV } from '../providers/gating.ts';
import { resolveKey, type KeyStore } from '../providers/keys.ts';
import { KEYFRAME_MODELS, keyframeModelFor } from '../providers/keyframe-models.ts';
import { estimateCostUsd, type ModelCapability } from '../providers/registry.ts';
import type { Project } from '../store/open-project.ts';
import { createJobWaiter } from './job-waiter.ts';
import { createLocalKeyframeMaker, type KeyframeMaker, type KeyframeRequest, type KeyframeResult } from './keyframe-maker.ts';
import { remoteAdapterFor } from './remote-adapter-for.ts';

const log = createLogger('pipeline');

export { KEYFRAME_MODELS };

export interface RemoteKeyframeOptions {
  project: Project;
  env?: NodeJS.ProcessEnv;
  keyStore?: KeyStore;
  /** The look is restricted to commercially cleared models. */
  commercialOnly?: boolean;
  /** The run's batch: keyframe costs land in the same ledger and budget as its clips. */
  batchId: string;
  budgetUsd?: number | null;
  pollIntervalMs?: number;
  /** The look's keyframe model pick ("runway:gen4_image"); absent: KEYFRAME_MODELS. */
  keyframeModel?: string;
  onJobEvent?: (e: { takeId: string; state: string; progress: number; costSoFarUsd: number }) => void;
}

/** The model size whose aspect is nearest the target's (the crop afterwards then loses least). */
export function nearestSize(m: ModelCapability, width: number, height: number): { width: number; height: number } {
  const target = Math.log(width / height);
  const sizes = m.sizes.map((s) => s.split('x').map(Number) as [number, number]);
  const best = sizes.sort((a, b) => Math.abs(Math.log(a[0] / a[1]) - target) - Math.abs(Math.log(b[0] / b[1]) - target))[0];
  return best ? { width: best[0], height: best[1] } : { width, height };
}

/** Crop-to-fill to exactly width×height, written atomically as PNG. */
async function fitExactly(src: string, width: number, height: number, out: string): Promise<void> {
  const tmp = `${out}.${randomUUID().slice(0, 8)}.part.png`;
  try {
    await sharp(src).rotate().resize(width, height, { fit: 'cover', position: 'centre' }).png().toFile(tmp);
    await rename(tmp, out);
  } finally { await rm(tmp, { force: true }); }
}

/**
 * Build the remote keyframe maker. Adapters are created only for providers that have a key; the
 * job runner only when at least one does. Nothing is sent until `make` is called.
 */
export function createRemoteKeyframeMaker(o: RemoteKeyframeOptions): KeyframeMaker {
  const env = o.env ?? process.env;
  const local = createLocalKeyframeMaker();
  const adapters: Record<string, ProviderAdapter> = {};
  // Checked here, so a bad pick is an InputError before any shot starts.
  const chosen = { identity: keyframeModelFor('identity', o.keyframeModel), style: keyframeModelFor('style', o.keyframeModel) };
  for (const { provider } of Object.values(chosen)) {
    if (adapters[provider]) continue;
    if (resolveKey(provider, { env, store: o.keyStore })) adapters[provider] = remoteAdapterFor(provider, env, o.keyStore);
  }
  const waiter = createJobWaiter();
  let runner: JobRunner | null = null;
  const runnerFor = (): JobRunner => runner ??= createJobRunner({
    db: o.project.db, assets: o.project.assets, adapters, budgetUsd: o.budgetUsd ?? null, batchId: o.batchId,
    pollIntervalMs: o.pollIntervalMs,
    onEvent: (e) => {
      waiter.onEvent(e);
      o.onJobEvent?.({ takeId: e.takeId, state: e.state, progress: e.progress, costSoFarUsd: e.costSoFarUsd });
    },
  });
  const repo = createJobsRepo(o.project.db, () => new Date().toISOString());
  // `${takeKey}-kf`, unless that job died (failed, canceled, expired): then a replacement id, so a
  // resumed attempt is not stuck on a dead keyframe — as the renderer's takeIdFor does for clips.
  const keyframeTakeId = (takeKey: string): string => {
    for (let n = 1; ; n++) {
      const id = n === 1 ? `${takeKey}-kf` : `${takeKey}-kf-r${n}`;
      const job = repo.byTake(id);
      if (!job || !isTerminal(job.state) || job.state === 'succeeded' || job.state === 'needs_user_decision' || isReopenable(job)) return id;
    }
  };

  const fallback = async (req: KeyframeRequest, why: string): Promise<KeyframeResult> => {
    log.info('keyframe made locally', { kind: req.kind, why });
    const r = await local.make(req);
    return { ...r, note: `${why}; made locally instead (previz reframe): ${r.note}` };
  };

  return {
    async make(req) {
      const { provider, model: modelId } = chosen[req.kind];
      if (!adapters[provider]) {
        return fallback(req, `no ${provider} key (${PROVIDER_ENV[provider].keyVar ?? 'key'} not set) for the ${req.kind} keyframe model ${provider}:${modelId}`);
      }
      let m: ModelCapability;
      try {
        m = gateModel(modelId, { purpose: 'keyframe', provider, commercialOnly: o.commercialOnly, ...gateOptionsFromEnv(env) });
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        return fallback(req, `${provider}:${modelId} may not be used here: ${refusalReason(err.message)}`);
      }
      if (req.signal?.aborted) throw new CanceledError(`keyframe for take ${req.takeKey} canceled before it was submitted`);
      const size = nearestSize(m, req.width, req.height);
      const takeId = keyframeTakeId(req.takeKey);
      const jobRunner = runnerFor();
      const jobId = jobRunner.submit({
        takeId, provider, estimatedCostUsd: estimateCostUsd(m, 0),
        request: {
          model: m.id, prompt: req.prompt.slice(0, m.maxPromptChars), negativePrompt: '',
          referenceImages: provider === 'runway' && req.colourAnchor ? [req.source, req.colourAnchor] : [req.source],
          seed: req.seed, width: size.width, height: size.height, seconds: 0, fps: 0,
          // Runway tags its references by kind; IP-Adapter's scale is the shot's style strength;
          // PuLID's input has no such field (fal merges `extra` into its input, so none is sent).
          ...(provider === 'runway' ? { extra: { keyframeKind: req.kind } } : req.kind === 'style' ? { extra: { styleStrength: req.styleStrength } } : {}),
        },
      });
      const job = await waiter.wait(jobRunner, jobId, { signal: req.signal });
      await fitExactly(job.output.path, req.width, req.height, req.out);
      const costUsd = repo.costForTake(takeId);
      return {
        path: req.out, seedReturned: job.seedReturned, costUsd, costEstimated: repo.costIsEstimate(takeId), provider, model: m.id, remoteId: job.remoteId,
        note: `generated by ${provider}:${m.id} (${job.remoteId}) at ${size.width}x${size.height}, cropped to ${req.width}x${req.height}`
          + `${job.seedReturned !== null ? `; seed ${job.seedReturned}` : ''}${req.kind === 'style' ? `; style strength ${req.styleStrength}` : ''}`,
      };
    },

    async close() {
      waiter.abortAll('the keyframe maker closed; unfinished keyframe jobs stay resumable');
      await runner?.close();
    },
  };
}

/** The gate's refusal already names the licence (whyIneligible); keep it whole, minus the eligible list. */
function refusalReason(message: string): string {
  return message.replace(/\s*(Eligible models:.*|No registered model is eligible.*)$/s, '');
}
