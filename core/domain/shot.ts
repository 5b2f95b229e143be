/**
 * Shots and their typed deltas (DESIGN.md §3). A variant carries exactly 1–2 deltas; a seasonal
 * swap carries only motif and prop deltas; anchors carry none.
 */
import { z } from 'zod';
import { CameraMotionSchema, FramingSchema } from './canon.ts';

export const SHOT_KINDS = ['anchor', 'variant', 'seasonal', 'sequence'] as const;
export const ShotKindSchema = z.enum(SHOT_KINDS);
export type ShotKind = z.infer<typeof ShotKindSchema>;

/** The kinds of declared change, one per DeltaSchema member (the contract, the parsers and the UI list them from here). */
export const DELTA_KINDS = ['palette', 'prop', 'scene', 'camera', 'motif'] as const;
/** The seasons a motif delta names. */
export const SEASONS = ['spring', 'summer', 'autumn', 'winter', 'holiday'] as const;

export const DeltaSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('palette'),
    label: z.string().min(1),
    /** Colour transform the local renderer applies; remote models get the label in the prompt. */
    hueShiftDeg: z.number().min(-180).max(180),
    saturation: z.number().min(0).max(3),
    brightness: z.number().min(-1).max(1),
    /** The palette the shot swaps to (from the brand kit or derived from it). */
    targetHex: z.array(z.string().regex(/^#[0-9a-fA-F]{6}$/)).min(1),
  }),
  z.object({
    kind: z.literal('prop'),
    label: z.string().min(1),
    prop: z.string().min(1),
    /** Which layer the local renderer composites: a product shot (by index) or a reference. */
    layer: z.object({ source: z.enum(['product', 'reference']), index: z.number().int().min(0) }).optional(),
  }),
  z.object({ kind: z.literal('scene'), label: z.string().min(1), change: z.string().min(1) }),
  z.object({
    kind: z.literal('camera'),
    label: z.string().min(1),
    motion: CameraMotionSchema,
    framing: FramingSchema.optional(),
  }),
  z.object({
    kind: z.literal('motif'),
    label: z.string().min(1),
    motif: z.string().min(1),
    season: z.enum(SEASONS),
  }),
]);
export type Delta = z.infer<typeof DeltaSchema>;
export type DeltaKind = Delta['kind'];
// DELTA_KINDS names exactly DeltaSchema's kinds: a kind added to one and not the other fails typechecking here.
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const deltaKindsMatch: SameSet<DeltaKind, (typeof DELTA_KINDS)[number]> = true;
void deltaKindsMatch;

export const CONTINUITY_MODES = ['frame-bridge', 'style-match', 'native', 'none'] as const;
export const ContinuityModeSchema = z.enum(CONTINUITY_MODES);
export type ContinuityMode = z.infer<typeof ContinuityModeSchema>;

export const STRENGTH_PRESETS = { loose: 0.4, balanced: 0.6, strict: 0.8, exact: 0.95 } as const;
export type StrengthPreset = keyof typeof STRENGTH_PRESETS;

/** A shot as planned: the matrix (look batch) or a session (sequence). */
export const PlannedShotSchema = z.object({
  id: z.string().min(1),
  index: z.number().int().min(0),
  kind: ShotKindSchema,
  parentId: z.string().nullable(),
  framing: FramingSchema,
  motion: CameraMotionSchema,
  deltas: z.array(DeltaSchema).max(2),
  continuityMode: ContinuityModeSchema.default('native'),
  styleStrength: z.number().min(0).max(1).default(STRENGTH_PRESETS.balanced),
  /** Inherit style from this earlier shot instead of the previous one (flashback, cutaway). */
  styleReferenceId: z.string().nullable().default(null),
  characterReference: z.string().nullable().default(null),
  label: z.string(),
  /**
   * A person's own prompt for this shot (the shot editor, issue 16 item 7): sent instead of the
   * canon-built one, which the prompt pack keeps beside it as `canonPrompt`. Absent: the canon's.
   */
  prompt: z.string().min(1).max(4000).optional(),
});
export type PlannedShot = z.infer<typeof PlannedShotSchema>;

/**
 * `remix` (variants and seasonal swaps, DESIGN.md §4 item 6): the shot is its parent anchor's take
 * with the declared change — a provider video edit, the delta rendered locally on the anchor's own
 * pixels, or image-to-video from the anchor take's frame with the delta applied first.
 */
export const MECHANISMS = ['native-reference', 'frame-bridge', 'identity-keyframe', 'style-keyframe', 'seed-persistence', 'remix'] as const;
export const MechanismSchema = z.enum(MECHANISMS);
export type Mechanism = z.infer<typeof MechanismSchema>;
