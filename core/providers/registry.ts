/**
 * The model capability registry (DESIGN.md §5, issue 7 item 1): one entry per MODEL, not per
 * vendor. The entries themselves are data in models.ts (easy to correct when a provider changes
 * something); this file holds the shape, validates the data once at load and answers look-ups.
 * Gating (what may be used for what) lives in gating.ts; conforming durations in conform-plan.ts.
 */
import { z } from 'zod';
import { InputError } from '../domain/errors.ts';
import { MODELS } from './models.ts';

export const PROVIDER_IDS = ['local', 'fal', 'replicate', 'openai', 'runway', 'luma', 'google'] as const;
export const ProviderIdSchema = z.enum(PROVIDER_IDS);
export type ProviderId = z.infer<typeof ProviderIdSchema>;

/**
 * Kinds of reference image a model takes: `subject` (Veo reference-to-video, Kling elements),
 * `style` (IP-Adapter image prompt), `face` (PuLID identity), `layer` (the local renderer's
 * product/reference composites).
 */
export const REFERENCE_KINDS = ['subject', 'style', 'face', 'layer'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export const SEED_SUPPORT = ['none', 'accepted', 'returned'] as const;
/** `accepted`: a seed we send is honoured; `returned`: also reported back (record it on the take). */
export type SeedSupport = (typeof SEED_SUPPORT)[number];

const positive = z.number().positive();

export const ModelCapabilitySchema = z.object({
  provider: ProviderIdSchema,
  /** The id exactly as the provider names it (endpoint id, model slug or model name). */
  id: z.string().min(1),
  label: z.string().min(1),
  kind: z.enum(['video', 'image']),
  inputs: z.object({
    /** Takes a first frame / source image. */
    startImage: z.boolean(),
    /** Takes a last frame (first-last-frame, tail image, keyframes.frame1). */
    endImage: z.boolean(),
    referenceImages: z.object({
      max: z.number().int().min(1),
      kinds: z.array(z.enum(REFERENCE_KINDS)).min(1),
      /** Kling O1/O3 `elements`: a frontal image + 1–3 angle refs per element, named `@Element1` in the prompt. */
      elements: z.boolean().optional(),
      /** Limits that depend on other inputs (Kling O1: ≤4 with a video; Veo on Replicate: 16:9 and 8 s only). */
      note: z.string().optional(),
    }).nullable(),
    seed: z.enum(SEED_SUPPORT),
    extend: z.boolean(),
    edit: z.boolean(),
    /**
     * An edit-only model (Runway aleph2, Kling O1 video edit): it needs a source video, so it
     * makes variants of another model's takes (see `editWith`) and never a shot from images.
     */
    sourceVideo: z.boolean().optional(),
    negativePrompt: z.boolean(),
    /** Face identity conditioning (PuLID, FaceID). */
    identity: z.boolean(),
    /** Image-prompt style conditioning (IP-Adapter, style_ref). */
    style: z.boolean(),
  }),
  /** Discrete durations the model can make, seconds. Empty for image models. */
  durations: z.array(positive),
  /** A continuous integer range instead of (or besides) the list (Runway gen4.5: 2–10 s). */
  durationRange: z.object({ min: positive, max: positive }).nullable(),
  /** Output sizes "WxH" the model produces. */
  sizes: z.array(z.string().regex(/^\d+x\d+$/)),
  /** True when any size is rendered exactly (only the local renderer). */
  anySize: z.boolean(),
  aspectRatios: z.array(z.string().regex(/^\d+:\d+$/)),
  /** Frame rates the model outputs natively; others are retimed locally. Empty for images. */
  fps: z.array(positive),
  inputLimits: z.object({
    maxBytes: z.number().int().positive(),
    maxPixels: z.number().int().positive(),
    /** Accepted width/height ratio of input images, [min, max]. */
    aspectRange: z.tuple([positive, positive]),
  }),
  price: z.object({
    perSecondUsd: z.number().min(0).optional(),
    perImageUsd: z.number().min(0).optional(),
    /** Billing granularity: Kling bills whole 5 s units. */
    billingUnitSeconds: positive.optional(),
    /** What the price assumes (audio on, resolution, source); shown with the estimate. */
    note: z.string().optional(),
  }),
  maxPromptChars: z.number().int().positive(),
  commercialUse: z.boolean(),
  licenceNote: z.string(),
  retired: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), reason: z.string().min(1) }).nullable(),
  /** Free text: caveats and where a fact came from. */
  notes: z.string().optional(),
  /** Why no seed is sent to this model (recorded on every take that had a seed to give). Only for seed 'none'. */
  seedNote: z.string().optional(),
  /**
   * How the API takes input images: `upload` (the provider's own storage), `data-uri`, `inline`
   * bytes in the request, or `public-url` (fetched by the provider: needs an image host).
   */
  imageInput: z.enum(['upload', 'data-uri', 'inline', 'public-url']).optional(),
  /**
   * The model (same provider) that edits this model's takes for variants and seasonal swaps
   * (issue 11: gen4.5 → aleph2). Absent: the model itself when it edits, else no provider edit.
   */
  editWith: z.string().min(1).optional(),
});
export type ModelCapability = z.infer<typeof ModelCapabilitySchema>;
/** The input shape (models.ts is typed with this so defaults/optionals stay optional there). */
export type ModelCapabilityInput = z.input<typeof ModelCapabilitySchema>;

let cache: readonly ModelCapability[] | undefined;

function load(): readonly ModelCapability[] {
  if (cache) return cache;
  const parsed = MODELS.map((m, i) => {
    const r = ModelCapabilitySchema.safeParse(m);
    if (!r.success) throw new Error(`core/providers/models.ts entry ${i} (${m.id}) is invalid: ${r.error.message}`);
    return r.data;
  });
  const seen = new Set<string>();
  for (const m of parsed) {
    const key = `${m.provider}/${m.id}`;
    if (seen.has(key)) throw new Error(`core/providers/models.ts: duplicate model ${key}`);
    seen.add(key);
  }
  for (const m of parsed) {
    if (!m.editWith) continue;
    const e = parsed.find((x) => x.provider === m.provider && x.id === m.editWith);
    if (!e?.inputs.edit) throw new Error(`core/providers/models.ts: ${m.provider}/${m.id} edits with ${m.editWith}, which is not an edit model of ${m.provider}`);
  }
  cache = Object.freeze(parsed);
  return cache;
}

/** Every registered model, in registry order (local first). */
export function listModels(): readonly ModelCapability[] {
  return load();
}

/** The models one provider offers. */
export function modelsFor(provider: ProviderId): ModelCapability[] {
  return load().filter((m) => m.provider === provider);
}

/**
 * Look a model up by its provider-given id (optionally narrowed by provider), or undefined.
 * Also accepts "provider/id" ("fal/fal-ai/veo3.1/image-to-video").
 */
export function findModel(id: string, provider?: string): ModelCapability | undefined {
  const all = load();
  const exact = all.find((m) => m.id === id && (provider === undefined || m.provider === provider));
  if (exact) return exact;
  const slash = id.indexOf('/');
  if (provider === undefined && slash > 0) {
    const p = id.slice(0, slash);
    return all.find((m) => m.provider === p && m.id === id.slice(slash + 1));
  }
  return undefined;
}

/**
 * A model by id; throws InputError naming the value and the known models when unknown.
 * @param provider when given, the model must belong to it.
 */
export function getModel(id: string, provider?: string): ModelCapability {
  const found = findModel(id, provider);
  if (found) return found;
  const pool = provider ? load().filter((m) => m.provider === provider) : load();
  const known = pool.map((m) => `${m.provider}:${m.id}`).join(', ');
  const where = provider ? ` for provider ${JSON.stringify(provider)}` : '';
  throw new InputError(`unknown model ${JSON.stringify(id)}${where}. Known models: ${known || '(none)'}`, 'model', id);
}

/**
 * The model that edits `m`'s takes (its `editWith`, or `m` itself when it edits and is not
 * edit-only), or null when variants of its takes cannot be made by a provider edit.
 */
export function editModelFor(m: ModelCapability): ModelCapability | null {
  if (m.editWith) return findModel(m.editWith, m.provider) ?? null;
  return m.inputs.edit && !m.inputs.sourceVideo ? m : null;
}

/** True when the model can carry a visual anchor (a start frame or reference images). */
export function takesImageInput(m: ModelCapability): boolean {
  return m.inputs.startImage || m.inputs.endImage || m.inputs.referenceImages !== null;
}

/**
 * Estimated cost of one output, USD: per-second prices rounded up to the billing unit, or the
 * per-image price. 0 for the local renderer.
 */
export function estimateCostUsd(m: ModelCapability, seconds: number, images = 1): number {
  if (m.price.perImageUsd !== undefined) return round4(m.price.perImageUsd * images);
  const perSecond = m.price.perSecondUsd ?? 0;
  const unit = m.price.billingUnitSeconds;
  const billed = unit ? Math.ceil(seconds / unit - 1e-9) * unit : seconds;
  return round4(perSecond * billed);
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
