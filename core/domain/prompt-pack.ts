/**
 * A clip's prompt pack: the take serialised, enough to re-run it on the same or another
 * provider. Mirrored by resources/schemas/prompt-pack.schema.json (validated before writing).
 * Plan-time fields come from core/plan + core/canon; `take` is filled by generation (core/jobs,
 * core/providers), `grade`/`quality` by core/quality, `review` by the review step.
 */
import { z } from 'zod';
import { CameraMotionSchema, FramingSchema } from './canon.ts';
import { DeltaSchema, MechanismSchema, ShotKindSchema } from './shot.ts';
import { ReferenceRoleSchema } from './look.ts';

export const PROMPT_PACK_VERSION = 1;
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const TakeRecordSchema = z.object({
  id: z.string(),
  attempt: z.number().int().min(1),
  provider: z.string(),
  model: z.string(),
  mechanism: MechanismSchema,
  /** Extra mechanisms that also applied (seed persistence rides along with an image anchor). */
  alsoUsed: z.array(MechanismSchema).default([]),
  parameters: z.record(z.string(), z.unknown()),
  inputs: z.array(z.object({ role: z.string(), sha256 })),
  seedSent: z.number().int().nullable(),
  seedReturned: z.number().int().nullable(),
  remoteId: z.string().nullable(),
  /** The take's cost: the clip plus any paid keyframe it was generated from, plus any paid measurement (quality.spend). */
  costUsd: z.number().min(0),
  /** costUsd is an estimate at list price (no provider reported a charge). Absent in packs written before this was recorded. */
  costEstimated: z.boolean().optional(),
  timings: z.object({ startedAt: z.string(), finishedAt: z.string().nullable(), seconds: z.number().nullable() }),
  output: z.object({ sha256, bytes: z.number().int() }).nullable(),
  previz: z.boolean(),
  /**
   * The renderer's own account of what it did, written when the clip was made: for the local
   * renderer the camera, the deltas it applied and what it could not show (a remix adds its
   * palette's ΔE before → after); for a provider, the job that made the clip and how it was
   * conformed. Absent in packs written before this was recorded.
   */
  renderNote: z.string().optional(),
  /** Present when the take was made from its parent anchor's take (mechanism `remix`). */
  remix: z.object({
    anchorShotId: z.string(),
    /** The anchor take this take was made from. */
    anchorTakeId: z.string(),
    /** The one-change instruction sent (to the provider's edit, or recorded for a local render). */
    instruction: z.string(),
    /** How the change was made: the provider's video edit, the local renderer on the anchor's pixels, or image-to-video from the anchor's frame with the change applied to that frame first. */
    via: z.enum(['provider-edit', 'local-delta', 'image-to-video-from-anchor-frame']),
    /** The anchor's remote video id when the provider edited it. */
    anchorRemoteId: z.string().nullable().optional(),
    /** Declared changes that could not be rendered (such a take is never delivered as the variant). */
    notRendered: z.array(z.string()).optional(),
  }).optional(),
});
export type TakeRecord = z.infer<typeof TakeRecordSchema>;

/**
 * The review verdict and who gave it (STYLE.md "Records"): a take the quality gate passed in a
 * headless run is `approvedBy: 'gate'`, never a person's approval; a person's verdict names the
 * review action. An approval always says by whom and when — or, for verdicts stored before the
 * app recorded it, says in `note` that it is not known.
 */
export const ReviewRecordSchema = z.object({
  verdict: z.enum(['pending', 'approved', 'rejected']),
  at: z.string().nullable(),
  /** Who approved: the quality gate (headless run, no person looked) or a person. */
  approvedBy: z.enum(['gate', 'person']).optional(),
  /** Who rejected (only a person rejects: a gate failure leaves the take pending review). */
  rejectedBy: z.enum(['person']).optional(),
  /** What was done: the review screen's action, or the headless run whose gate approved it. */
  action: z.string().optional(),
  note: z.string().optional(),
}).refine((r) => r.verdict !== 'approved' || (r.approvedBy !== undefined && r.at !== null) || r.note !== undefined, {
  message: 'an approved verdict must say who approved it (approvedBy) and when (at), or say in note why that is unknown',
});
export type ReviewRecord = z.infer<typeof ReviewRecordSchema>;

export const PromptPackSchema = z.object({
  schemaVersion: z.literal(PROMPT_PACK_VERSION),
  look: z.object({ name: z.string() }),
  canonVersion: z.number().int().min(1),
  shot: z.object({
    id: z.string(),
    index: z.number().int().min(0),
    kind: ShotKindSchema,
    parentId: z.string().nullable(),
    framing: FramingSchema,
    motion: CameraMotionSchema,
    label: z.string(),
  }),
  deltas: z.array(DeltaSchema).max(2),
  prompt: z.string().min(1),
  /** Present when `prompt` is a person's text (shot editor): the canon-built prompt, for reference. */
  canonPrompt: z.string().optional(),
  negativePrompt: z.string(),
  references: z.array(z.object({ role: ReferenceRoleSchema.or(z.literal('bridge-frame')).or(z.literal('keyframe')), sha256, path: z.string().optional() })),
  model: z.object({ provider: z.string(), model: z.string() }),
  parameters: z.record(z.string(), z.unknown()),
  size: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }),
  seconds: z.number().positive(),
  fps: z.number().positive(),
  estimatedCostUsd: z.number().min(0),
  take: TakeRecordSchema.optional(),
  grade: z.object({
    method: z.string(), strength: z.number(), lutSha256: sha256,
    /** The approved look images the clip was graded toward and scored against (its colour target). */
    toward: z.array(z.object({ role: z.string(), sha256 })).optional(),
  }).optional(),
  quality: z.object({
    score: z.number().min(0).max(1),
    pass: z.boolean(),
    metrics: z.record(z.string(), z.number().nullable()),
    reasons: z.array(z.string()),
    attempts: z.number().int().min(1),
    /** The limit each metric was judged against (null = not judged), beside its value in `metrics`. */
    thresholds: z.record(z.string(), z.number().nullable()).optional(),
    /** Which checks were not judged and why. */
    notes: z.array(z.string()).optional(),
    /** Money spent measuring the take (the semantic metric's provider calls), each an estimate unless a charge was reported. */
    spend: z.array(z.object({ what: z.string(), usd: z.number().min(0), estimated: z.boolean(), basis: z.string() })).optional(),
  }).optional(),
  review: ReviewRecordSchema.optional(),
});
export type PromptPack = z.infer<typeof PromptPackSchema>;
