/**
 * The clip pack writer's input and output (DESIGN.md §8, issue 5 items 1–4). Callers (the
 * pipeline's exportLook, the `export` CLI, tests) assemble a ClipPackInput from the store; the
 * writer never reads the database itself, so it can be tested with plain files.
 */
import { z } from 'zod';
import type { PromptPack } from '../domain/prompt-pack.ts';

import { EXPORT_FORMATS, type ExportFormat } from './export-formats.ts';

export { EXPORT_FORMATS, type ExportFormat };
export const ExportFormatSchema = z.enum(EXPORT_FORMATS);

export const STILL_KINDS = ['keyframe', 'bridge-frame', 'representative'] as const;
export type StillKind = (typeof STILL_KINDS)[number];

export const REVIEW_STATES = ['approved', 'rejected', 'pending'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export interface ExportStill {
  path: string;
  kind: StillKind;
}

/** One take to deliver. The pack order of `ClipPackInput.clips` is the timeline order. */
export interface ExportClip {
  pack: PromptPack;
  /** The graded clip (what goes on the timeline). */
  gradedPath: string;
  /** The ungraded take, delivered under Clips/Original/. */
  originalPath: string;
  /** The per-clip grade LUT (.cube). */
  lutPath?: string;
  stills: ExportStill[];
  review: ReviewState;
  /** Continuity score in [0, 1]; falls back to pack.quality.score. */
  score?: number;
  /**
   * Exact frame count of the graded clip when the caller probed it. Defaults to
   * round(settings.seconds × settings.fps): batches are rendered to exact durations.
   */
  frames?: number;
}

export interface ExportSettings {
  width: number;
  height: number;
  seconds: number;
  fps: number;
  [extra: string]: unknown;
}

export interface ClipPackInput {
  appVersion: string;
  look: { name: string };
  settings: ExportSettings;
  /** The look's LUT (.cube), delivered as LUTs/<look>_look.cube. */
  lookLutPath?: string;
  clips: ExportClip[];
  /** ISO timestamp for the manifest's one time field; defaults to now. */
  createdAt?: string;
}

export interface ExportProgress {
  /** 0..1 over the whole export. */
  fraction: number;
  /** What is being written, for a status line ("clips", "contact sheet", "timelines"…). */
  step: string;
}

export interface WriteClipPackOptions {
  /** The export root: the pack lands in <outDir>/<Look>/. Created when missing. */
  outDir: string;
  formats?: ExportFormat[];
  /** Deliver pending and rejected takes too (marked as such in the manifest). */
  includeAll?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
}

/** A take that was not delivered, and why (rejected takes are never dropped silently). */
export interface SkippedClip {
  shotId: string;
  takeId: string | null;
  label: string;
  review: ReviewState;
  reason: string;
}

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
}

export interface ClipPackResult {
  /** Absolute path of <outDir>/<Look>. */
  root: string;
  manifestPath: string;
  /** Every file of the pack except manifest.json, sorted by path. */
  files: ManifestFile[];
  skipped: SkippedClip[];
  /** Delivered clips in timeline order, with their review state (non-approved only with includeAll). */
  clips: { name: string; review: ReviewState }[];
}
