/**
 * One pipeline attempt (RenderRequest) → the provider-neutral GenerationRequest a durable job
 * sends. Only what the model accepts is passed (its registry entry says so); size, duration and
 * fps are what conformPlan chose to GENERATE (the nearest larger setting), not the batch's.
 */
import { InputError } from '../domain/errors.ts';
import type { GenerationRequest } from '../providers/adapter.ts';
import type { ConformPlan } from '../providers/conform-plan.ts';
import type { ModelCapability } from '../providers/registry.ts';
import type { RenderRequest } from './shot-renderer.ts';

export interface BuiltRequest {
  request: GenerationRequest;
  notes: string[];
  /** What the take records beside the request: why no seed went, which references went (role + sha256). */
  record: { seedNotSent?: string; referencesSent?: Array<{ role: string; sha256: string }>; referencesLeftOut?: Array<{ role: string; sha256: string }>; imageHost?: string };
}

/** Build the request. Pure. Every request carries a visual anchor (start image or references). */
export function buildGenerationRequest(req: RenderRequest, m: ModelCapability, plan: ConformPlan): BuiltRequest {
  const notes: string[] = [];
  let prompt = req.prompt;
  if (prompt.length > m.maxPromptChars) {
    prompt = prompt.slice(0, m.maxPromptChars);
    notes.push(`prompt cut to the model's ${m.maxPromptChars} characters`);
  }
  const refsMax = m.inputs.referenceImages?.max ?? 0;
  // A reference-only model (Veo reference-to-video) still gets the shot's anchor: as its first reference.
  const refs = refsMax > 0 ? (req.referenceImages.length > 0 ? req.referenceImages : m.inputs.startImage ? [] : [req.startImage]).slice(0, refsMax) : [];
  const record: BuiltRequest['record'] = {};
  if (req.referenceImages.length > refsMax && refsMax > 0) {
    // The pipeline orders references by role priority (reference-budget.ts): the first ones are the ones that matter most.
    notes.push(`${req.referenceImages.length - refsMax} reference image(s) over the model's limit of ${refsMax} left out (lowest role priority first)`);
  }
  // refs are the look's references (not the anchor standing in for one): record which went by role.
  if (refs.length > 0 && req.referenceImages.length > 0 && req.referenceInfo) {
    record.referencesSent = req.referenceInfo.slice(0, refs.length);
    if (req.referenceInfo.length > refs.length) record.referencesLeftOut = req.referenceInfo.slice(refs.length);
  }
  if (!m.inputs.startImage && refs.length === 0) {
    throw new InputError(`model ${m.provider}:${m.id} takes no start image and no reference image: it cannot carry the shot's visual anchor`, 'model', m.id);
  }
  const seed = m.inputs.seed !== 'none' && req.seed !== null ? req.seed : undefined;
  if (req.seed !== null && seed === undefined) {
    record.seedNotSent = `seed ${req.seed} not sent: ${m.seedNote ?? `${m.provider}:${m.id} takes no seed`}`;
    notes.push(record.seedNotSent);
  }
  if (m.imageInput === 'public-url') {
    record.imageHost = `start/end images uploaded to a public URL for ${m.provider} to fetch (the chosen image host; the URLs are in the job's payload)`;
    notes.push(record.imageHost);
  }
  const request: GenerationRequest = {
    model: m.id,
    prompt,
    negativePrompt: m.inputs.negativePrompt ? req.negativePrompt : '',
    ...(m.inputs.startImage ? { startImage: req.startImage } : {}),
    ...(m.inputs.endImage && req.endImage ? { endImage: req.endImage } : {}),
    ...(refs.length > 0 ? { referenceImages: refs } : {}),
    ...(record.referencesSent ? { referenceRoles: record.referencesSent.map((r) => r.role) } : {}),
    ...(seed !== undefined ? { seed } : {}),
    width: plan.generate.width,
    height: plan.generate.height,
    seconds: plan.generate.seconds,
    fps: plan.generate.fps,
  };
  return { request, notes, record };
}
