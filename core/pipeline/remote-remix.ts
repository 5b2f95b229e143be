/**
 * A variant on a remote provider (issue 11): the provider's own video edit of the anchor take
 * where the batch model has one (registry `editWith` / `edit`): the OpenAI-protocol
 * `POST /v1/videos/{id}/remix` of the anchor's remote video, or an upload of the anchor's clip to
 * Runway aleph2 video_to_video, Luma modify or the fal Kling O1 video edit, with the anchor frame
 * (the change applied locally) as guidance. Else image-to-video from that changed frame. Either
 * way one durable paid job per take.
 */
import { rm } from 'node:fs/promises';
import { WorkError } from '../domain/errors.ts';
import type { GenerationRequest } from '../providers/adapter.ts';
import { hasAdapter } from '../providers/adapter-coverage.ts';
import type { ConformPlan } from '../providers/conform-plan.ts';
import { renderRemixFirstFrame } from '../providers/local/render-remix.ts';
import { editModelFor, estimateCostUsd, type ModelCapability } from '../providers/registry.ts';
import type { RemixSource } from './remix-source.ts';
import { buildGenerationRequest, type BuiltRequest } from './remote-request.ts';
import type { RemixFacts, RenderRequest } from './shot-renderer.ts';

/**
 * Providers whose edit names the anchor by its remote id (the field the adapter reads); every
 * other provider's edit uploads the anchor's clip, so the anchor may have been made anywhere.
 */
const EDIT_BY_REMOTE_ID: Partial<Record<string, string>> = { openai: 'remixFrom' };

export type EditChoice = { model: ModelCapability; by: 'remote-id' | 'source-video' } | { model: null; why: string };

/** Whether (and with which model) this batch model can edit the anchor take, or why not. Pure. */
export function chooseEdit(m: ModelCapability, src: Pick<RemixSource, 'anchorProvider' | 'anchorRemoteId'>): EditChoice {
  const e = editModelFor(m);
  if (!e) return { model: null, why: `${m.id} cannot edit video` };
  if (!hasAdapter(e)) return { model: null, why: `the ${e.provider} adapter has no edit call for ${e.id}` };
  if (EDIT_BY_REMOTE_ID[m.provider] === undefined) return { model: e, by: 'source-video' };
  if (src.anchorProvider !== m.provider || src.anchorRemoteId === null) return { model: null, why: `the anchor take was made on ${src.anchorProvider}, not ${m.provider}` };
  return { model: e, by: 'remote-id' };
}

export interface RemoteRemixRequest {
  request: GenerationRequest; notes: string[]; record: BuiltRequest['record']; facts: RemixFacts; cleanup: () => Promise<void>;
  /** The model the job runs (the edit model may differ from the batch's: gen4.5 → aleph2). */
  model: ModelCapability;
  /** The estimate for this job at the model actually sent. */
  costUsd: number;
}

/** Build the job's request for a remix attempt. */
export async function buildRemixRequest(req: RenderRequest & { remix: RemixSource }, m: ModelCapability, plan: ConformPlan): Promise<RemoteRemixRequest> {
  const src = req.remix;
  const base = { anchorShotId: src.anchorShotId, anchorTakeId: src.anchorTakeId, instruction: src.instruction };
  const edit = chooseEdit(m, src);
  // The change applied to the anchor's own pixels locally: the start frame of an image-to-video
  // fallback, or the guidance keyframe of an upload edit. Not needed for a remix by remote id.
  // Only its first frame is rendered: no clip is encoded to be thrown away.
  const frame = `${req.out}.anchor-delta.png`;
  const cleanup = async () => { await rm(frame, { force: true }); };
  const changedFrame = () => renderRemixFirstFrame({
    anchorClip: src.anchorClip, plate: src.anchorPlate ?? undefined, plateLut: src.anchorLut ?? undefined, anchorCamera: src.anchorCamera,
    anchorFraming: src.anchorFraming, deltas: req.deltas, productImages: req.layers.productImages,
    width: req.width, height: req.height, seconds: req.seconds, fps: req.fps, seed: req.seed ?? 1, out: frame, signal: req.signal,
  });

  if (edit.model) {
    const e = edit.model;
    const notes: string[] = [];
    let prompt = src.instruction;
    if (prompt.length > e.maxPromptChars) { prompt = prompt.slice(0, e.maxPromptChars); notes.push(`instruction cut to the model's ${e.maxPromptChars} characters`); }
    const record: BuiltRequest['record'] = {};
    const seed = e.inputs.seed !== 'none' && req.seed !== null ? req.seed : undefined;
    if (req.seed !== null && seed === undefined) { record.seedNotSent = `seed ${req.seed} not sent: ${e.seedNote ?? `${e.provider}:${e.id} takes no seed`}`; notes.push(record.seedNotSent); }
    const size = { width: plan.generate.width, height: plan.generate.height, seconds: req.seconds, fps: plan.generate.fps };
    if (edit.by === 'remote-id') {
      notes.unshift(`${m.provider} edit of the anchor's video ${src.anchorRemoteId}`);
      return {
        request: { model: e.id, prompt, negativePrompt: '', ...size, seconds: plan.generate.seconds, extra: { [EDIT_BY_REMOTE_ID[m.provider]!]: src.anchorRemoteId } },
        notes, record, facts: { ...base, via: 'provider-edit', anchorRemoteId: src.anchorRemoteId }, cleanup, model: e, costUsd: estimateCostUsd(e, plan.generate.seconds),
      };
    }
    const guide = await changedFrame();
    notes.unshift(`${e.provider}:${e.id} edit of the anchor take's clip (uploaded)${guide.path ? ', guided by the anchor frame with the change applied' : ''}`);
    if (!guide.path) notes.push(`no guidance frame: ${guide.notRendered.join('; ')} (the instruction alone asks for the change)`);
    notes.push(...guide.notes);
    if (e.imageInput === 'public-url') { record.imageHost = `the anchor clip and guidance frame uploaded to a public URL for ${e.provider} to fetch (the chosen image host; the URLs are in the job's payload)`; notes.push(record.imageHost); }
    return {
      request: { model: e.id, prompt, negativePrompt: '', ...size, sourceVideo: src.anchorClip, ...(guide.path ? { startImage: guide.path } : {}), ...(seed !== undefined ? { seed } : {}) },
      // The clip's bytes were uploaded: the anchor's remote id (made on any provider) was not what was edited.
      notes, record, facts: { ...base, via: 'provider-edit', anchorRemoteId: null }, cleanup, model: e,
      // An edit bills the source's length (the anchor clip is the batch's seconds).
      costUsd: estimateCostUsd(e, req.seconds),
    };
  }
  // The model cannot edit this take: apply the change to the anchor's own pixels locally, then
  // start the generation from that frame, so the subject and set are the anchor's.
  const local = await changedFrame();
  if (!local.path) {
    await cleanup();
    throw new WorkError(`shot ${req.shot.id} is not delivered as a variant: ${local.notRendered.join('; ')} (applied to the anchor's frame before image-to-video)`, 'delta_not_rendered');
  }
  const built = buildGenerationRequest({ ...req, startImage: local.path, startIsBridge: false, prompt: `${req.prompt} ${src.instruction}` }, m, plan);
  return {
    request: built.request,
    notes: [...built.notes, `image-to-video from the anchor take's first frame with the change applied first (${edit.why})`, ...local.notes],
    record: built.record,
    facts: { ...base, via: 'image-to-video-from-anchor-frame', anchorRemoteId: null },
    cleanup, model: m, costUsd: plan.costUsd,
  };
}
