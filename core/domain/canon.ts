/**
 * The visual canon: the structured description every prompt is compiled from
 * (DESIGN.md §3). Versioned: each edit is a new version; takes record the version they used.
 */
import { z } from 'zod';

export const FRAMINGS = ['wide', 'medium', 'close', 'detail'] as const;
export const FramingSchema = z.enum(FRAMINGS);
export type Framing = z.infer<typeof FramingSchema>;

export const CAMERA_MOTIONS = ['push-in', 'pull-out', 'pan-left', 'pan-right', 'tilt-up', 'tilt-down', 'drift', 'static'] as const;
export const CameraMotionSchema = z.enum(CAMERA_MOTIONS);
export type CameraMotion = z.infer<typeof CameraMotionSchema>;

export const CanonSchema = z.object({
  style: z.object({
    era: z.string(),
    texture: z.string(),
    grade: z.string(),
    filmEmulation: z.string(),
  }),
  camera: z.object({
    framing: FramingSchema,
    lens: z.string(),
    motion: CameraMotionSchema,
  }),
  lighting: z.object({
    keyDirection: z.string(),
    /** Hex colours the whole look is anchored to, most important first. */
    paletteAnchors: z.array(z.string().regex(/^#[0-9a-fA-F]{6}$/)).min(1).max(8),
    fillRim: z.string(),
  }),
  wardrobe: z.object({
    items: z.array(z.string()),
    materials: z.array(z.string()),
    colorConstraints: z.string(),
  }),
  setDressing: z.object({
    backgroundObjects: z.array(z.string()),
    props: z.array(z.string()),
  }),
  /** 1–3 timed beats within the clip. */
  action: z.array(z.object({ atSeconds: z.number().min(0), beat: z.string().min(1) })).min(1).max(3),
  /** Diegetic cues only (no score, no voice-over). */
  audio: z.array(z.string()),
  negatives: z.array(z.string()),
});
export type Canon = z.infer<typeof CanonSchema>;

export interface CanonVersion {
  version: number;
  canon: Canon;
  source: 'offline' | 'openai' | 'edited' | 'file';
  createdAt: string;
}
