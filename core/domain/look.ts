/**
 * The look: brand kit, references, brief and batch settings. `LookFileSchema` is the portable
 * LOOK.json (paths relative to the file); the JSON Schema in resources/schemas/ mirrors it.
 */
import { z } from 'zod';
import { BATCH_SIZES } from './batch-sizes.ts';

export const HEX = /^#[0-9a-fA-F]{6}$/;

export const PaletteColorSchema = z.object({
  hex: z.string().regex(HEX, 'must be a hex colour like "#1a2b3c"'),
  name: z.string().min(1).optional(),
});
export type PaletteColor = z.infer<typeof PaletteColorSchema>;

export const BrandKitSchema = z.object({
  palette: z.array(PaletteColorSchema).min(1).max(16),
  toneWords: z.array(z.string().min(1)).max(20).default([]),
  lighting: z.string().min(1),
  camera: z.string().min(1),
  doNotUse: z.array(z.string().min(1)).max(100).default([]),
});
export type BrandKit = z.infer<typeof BrandKitSchema>;

export const REFERENCE_ROLES = ['wardrobe', 'set', 'lighting', 'product', 'character', 'style'] as const;
export const ReferenceRoleSchema = z.enum(REFERENCE_ROLES);
export type ReferenceRole = z.infer<typeof ReferenceRoleSchema>;

export const LookReferenceSchema = z.object({
  path: z.string().min(1),
  role: ReferenceRoleSchema,
  approved: z.boolean().default(true),
  label: z.string().optional(),
});
export type LookReference = z.infer<typeof LookReferenceSchema>;

export const ProductShotSchema = z.object({ path: z.string().min(1), name: z.string().min(1).optional() });
export type ProductShot = z.infer<typeof ProductShotSchema>;

export { BATCH_SIZES };

export const BatchSettingsSchema = z.object({
  size: z.enum(BATCH_SIZES).default('1280x720'),
  seconds: z.union([z.literal(4), z.literal(8)]).default(4),
  fps: z.union([z.literal(24), z.literal(25), z.literal(30)]).default(24),
  clips: z.number().int().min(8).max(20).default(12),
  anchors: z.number().int().min(2).max(4).default(3),
  provider: z.string().default('local'),
  model: z.string().default('local-animatic'),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  budgetUsd: z.number().min(0).optional(),
  /** Restrict the look to models whose outputs are cleared for commercial use. */
  commercialOnly: z.boolean().default(false),
  /**
   * The person in the batch: one of the look's approved references (its path as written here, its
   * label or its sha256). Matrix shots other than detail framings carry it and get identity
   * keyframes from it. Absent: no shot is an identity shot.
   */
  characterReference: z.string().min(1).max(4096).optional(),
  /**
   * The image model for identity/style keyframes on remote runs, as "provider:model"
   * (e.g. "runway:gen4_image": tagged references). Absent: PuLID on fal for identity, IP-Adapter
   * on Replicate for style. A model that does only one kind leaves the other at its default.
   */
  keyframeModel: z.string().min(3).max(200).optional(),
});
export type BatchSettings = z.infer<typeof BatchSettingsSchema>;

export function parseSize(size: string): { width: number; height: number } {
  const [w, h] = size.split('x').map(Number);
  return { width: w!, height: h! };
}

export const LOOK_FILE_VERSION = 1;

export const LookFileSchema = z.object({
  schemaVersion: z.literal(LOOK_FILE_VERSION).default(LOOK_FILE_VERSION),
  name: z.string().min(1).max(80),
  brandKit: BrandKitSchema,
  references: z.array(LookReferenceSchema).min(1).max(12),
  productShots: z.array(ProductShotSchema).max(8).default([]),
  brief: z.string().min(1).max(4000),
  batch: BatchSettingsSchema.default(BatchSettingsSchema.parse({})),
  /** Partial canon fields that win over the drafted canon (see canon.ts). */
  canonOverrides: z.record(z.string(), z.unknown()).optional(),
});
export type LookFile = z.infer<typeof LookFileSchema>;
