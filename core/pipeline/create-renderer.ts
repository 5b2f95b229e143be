/**
 * The generator for a run: gate the model first (an image-less or retired model is refused with
 * the eligible ones named, never silently swapped), then build the local or remote renderer.
 */
import { gateModel, gateOptionsFromEnv, type GatePurpose } from '../providers/gating.ts';
import type { Project } from '../store/open-project.ts';
import { createLocalShotRenderer } from './local-shot-renderer.ts';
import { createRemoteShotRenderer } from './remote-shot-renderer.ts';
import { createRemoteKeyframeMaker } from './remote-keyframe-maker.ts';
import type { ShotRenderer } from './shot-renderer.ts';
import type { KeyStore } from '../providers/keys.ts';
import type { ConformPolicy } from '../providers/conform-plan.ts';

export interface CreateRendererOptions {
  /** Omitted: whichever provider offers `model`. */
  provider?: string;
  model: string;
  purpose: GatePurpose;
  commercialOnly?: boolean;
  project: Project;
  env?: NodeJS.ProcessEnv;
  keyStore?: KeyStore;
  concurrency?: number;
  budgetUsd?: number | null;
  /** Identifies the batch in the job runner so a resumed run continues its jobs and ledger. */
  batchId: string;
  onJobEvent?: (e: { takeId: string; state: string; progress: number; costSoFarUsd: number }) => void;
  /** A model that cannot make the batch exactly: generate larger and conform locally (default), or refuse up front. */
  conformPolicy?: ConformPolicy;
  /** The look's keyframe model pick ("runway:gen4_image"); default CONTINUITY_KEYFRAME_MODEL, else PuLID / IP-Adapter. */
  keyframeModel?: string;
}

export function createShotRenderer(o: CreateRendererOptions): ShotRenderer {
  const env = o.env ?? process.env;
  const model = gateModel(o.model, { purpose: o.purpose, provider: o.provider, commercialOnly: o.commercialOnly, ...gateOptionsFromEnv(env, o.keyStore) });
  if (model.provider === 'local') return createLocalShotRenderer();
  const renderer = createRemoteShotRenderer({ ...o, capability: model, env });
  // Remote runs generate identity/style keyframes remotely where a key allows (local otherwise, said in the note).
  const keyframeMaker = createRemoteKeyframeMaker({
    project: o.project, env, keyStore: o.keyStore, commercialOnly: o.commercialOnly, batchId: o.batchId,
    budgetUsd: o.budgetUsd, onJobEvent: o.onJobEvent, keyframeModel: o.keyframeModel ?? (env.CONTINUITY_KEYFRAME_MODEL?.trim() || undefined),
  });
  return {
    ...renderer,
    keyframeMaker,
    async close() {
      await keyframeMaker.close?.();
      await renderer.close?.();
    },
  };
}
