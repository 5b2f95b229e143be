/**
 * A variant on a remote provider (issue 11): the provider's own video edit of the anchor take
 * where the model can edit and the anchor was made there (OpenAI-protocol `POST /v1/videos/{id}/remix`),
 * else image-to-video from the anchor take's frame with the declared change applied to that frame
 * first (rendered locally on the anchor's pixels). Either way one durable paid job per take.
 */
import { rm } from 'node:fs/promises';
import { WorkError } from '../domain/errors.ts';
import { extractFrame } from '../media/extract-frame.ts';
import type { GenerationRequest } from '../providers/adapter.ts';
import type { ConformPlan } from '../providers/conform-plan.ts';
import { renderRemix } from '../providers/local/render-remix.ts';
import type { ModelCapability } from '../providers/registry.ts';
import type { RemixSource } from './remix-source.ts';
import { buildGenerationRequest, type BuiltRequest } from './remote-request.ts';
import type { RemixFacts, RenderRequest } from './shot-renderer.ts';

/**
 * How each provider's adapter is asked for an edit of an earlier video, by provider. Only the
 * protocols an adapter implements are listed: a model marked `edit` on another provider falls
 * back to image-to-video rather than sending a request its adapter would read as a fresh create.
 */
const EDIT_FIELD: Partial<Record<string, string>> = { openai: 'remixFrom' };

/** True when this model can edit the anchor take itself (same provider, remote id known). */
export function canEditAnchor(m: ModelCapability, src: RemixSource): boolean {
  return m.inputs.edit && EDIT_FIELD[m.provider] !== undefined && src.anchorProvider === m.provider && src.anchorRemoteId !== null;
}

export interface RemoteRemixRequest { request: GenerationRequest; notes: string[]; record: BuiltRequest['record']; facts: RemixFacts; cleanup: () => Promise<void> }

/** Build the job's request for a remix attempt. */
export async function buildRemixRequest(req: RenderRequest & { remix: RemixSource }, m: ModelCapability, plan: ConformPlan): Promise<RemoteRemixRequest> {
  const src = req.remix;
  const base = { anchorShotId: src.anchorShotId, anchorTakeId: src.anchorTakeId, instruction: src.instruction };
  if (canEditAnchor(m, src)) {
    const notes: string[] = [`${m.provider} edit of the anchor's video ${src.anchorRemoteId}`];
    let prompt = src.instruction;
    if (prompt.length > m.maxPromptChars) { prompt = prompt.slice(0, m.maxPromptChars); notes.push(`instruction cut to the model's ${m.maxPromptChars} characters`); }
    return {
      request: {
        model: m.id, prompt, negativePrompt: '',
        width: plan.generate.width, height: plan.generate.height, seconds: plan.generate.seconds, fps: plan.generate.fps,
        extra: { [EDIT_FIELD[m.provider]!]: src.anchorRemoteId },
      },
      notes, record: {}, facts: { ...base, via: 'provider-edit', anchorRemoteId: src.anchorRemoteId }, cleanup: async () => {},
    };
  }
  // The model cannot edit this take: apply the change to the anchor's own pixels locally, then
  // start the generation from that frame, so the subject and set are the anchor's.
  const clip = `${req.out}.anchor-delta.mp4`;
  const frame = `${req.out}.anchor-delta.png`;
  const cleanup = async () => { await rm(clip, { force: true }); await rm(frame, { force: true }); };
  const local = await renderRemix({
    anchorClip: src.anchorClip, plate: src.anchorPlate ?? undefined, plateLut: src.anchorLut ?? undefined, anchorCamera: src.anchorCamera,
    anchorFraming: src.anchorFraming, deltas: req.deltas, productImages: req.layers.productImages,
    width: req.width, height: req.height, seconds: req.seconds, fps: req.fps, seed: req.seed ?? 1, out: clip, signal: req.signal,
  });
  if (!local.path) {
    await cleanup();
    throw new WorkError(`shot ${req.shot.id} is not delivered as a variant: ${local.notRendered.join('; ')} (applied to the anchor's frame before image-to-video)`, 'delta_not_rendered');
  }
  await extractFrame(local.path, 'first', frame, { signal: req.signal });
  const why = !m.inputs.edit ? `${m.id} cannot edit video` : src.anchorRemoteId === null || src.anchorProvider !== m.provider ? `the anchor take was made on ${src.anchorProvider}, not ${m.provider}` : `the ${m.provider} adapter has no edit call`;
  const built = buildGenerationRequest({ ...req, startImage: frame, startIsBridge: false, prompt: `${req.prompt} ${src.instruction}` }, m, plan);
  return {
    request: built.request,
    notes: [...built.notes, `image-to-video from the anchor take's first frame with the change applied first (${why})`, ...local.notes],
    record: built.record,
    facts: { ...base, via: 'image-to-video-from-anchor-frame', anchorRemoteId: null },
    cleanup,
  };
}
