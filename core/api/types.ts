/**
 * What the UI sees: plain, serialisable views of engine state. Every command result in
 * contract.ts is one of these. No provider key ever appears here; keys are shown only as
 * `KeyStatus.hint` ("set · …last4").
 */
import type { BatchSettings, BrandKit, ReferenceRole } from '../domain/look.ts';
import type { Canon } from '../domain/canon.ts';
import type { CameraMotion, Framing } from '../domain/canon.ts';
import type { ContinuityMode, Delta, ShotKind } from '../domain/shot.ts';

export type { BatchSettings, BrandKit, ReferenceRole } from '../domain/look.ts';
export type { Canon } from '../domain/canon.ts';
export type { StrengthPreset } from '../domain/shot.ts';

export interface ProjectSummary { dir: string; name: string; openedAt: string; lookCount: number }

export interface LookSummary { id: string; name: string; referenceCount: number; shotCount: number; updatedAt: string }

export interface PaletteChip { hex: string; weight: number }

export interface ReferenceView {
  id: string;
  name: string;
  sha256: string;
  ext: string;
  role: ReferenceRole;
  approved: boolean;
  width: number;
  height: number;
  palette: PaletteChip[];
}

export interface CanonView {
  version: number; canon: Canon; source: 'offline' | 'openai' | 'edited' | 'file' | 'restored'; createdAt: string;
  /** For a restore: the version it copies. */
  restoredFrom?: number | null;
}

export interface LookView {
  id: string;
  name: string;
  brief: string;
  brandKit: BrandKit;
  batch: BatchSettings;
  references: ReferenceView[];
  canon: CanonView | null;
  updatedAt: string;
}

export type ShotStatus = 'planned' | 'queued' | 'running' | 'done' | 'review' | 'failed' | 'canceled';

export interface ShotView {
  id: string;
  lookId: string;
  sessionId: string | null;
  index: number;
  kind: ShotKind;
  parentId: string | null;
  label: string;
  framing: Framing;
  motion: CameraMotion;
  deltas: Delta[];
  continuityMode: ContinuityMode;
  styleStrength: number;
  styleReferenceId: string | null;
  characterReference: string | null;
  /** A session shot's extra action for the prompt ('' for none; absent on matrix shots). */
  action?: string;
  /** Who last edited the planned shot (the shot editor, a remix); null: as planned. */
  editedBy?: string | null;
  status: ShotStatus;
  stale: boolean;
  currentTakeId: string | null;
  score: number | null;
  pass: boolean | null;
  review: ReviewVerdict | null;
  thumbSha256: string | null;
}

export interface ShotDetail {
  shot: ShotView;
  /** The prompt that is sent: the person's own text when `promptBy` is 'person', else the canon-built one. */
  prompt: string;
  promptBy: 'canon' | 'person';
  /** The canon-built prompt, kept for reference beside a person's prompt (absent when it is the one sent). */
  canonPrompt?: string;
  negativePrompt: string;
  model: { provider: string; model: string };
  gating: { ok: boolean; message: string };
}

export type ReviewVerdict = 'pending' | 'approved' | 'rejected';

export interface TakeView {
  id: string;
  shotId: string;
  attempt: number;
  state: string;
  provider: string;
  model: string;
  mechanism: string;
  previz: boolean;
  costUsd: number;
  /** costUsd is an estimate at list price (no provider reported a charge); false for local takes, which cost nothing. */
  costEstimated: boolean;
  score: number | null;
  pass: boolean | null;
  reasons: string[];
  /** Each measured figure beside the threshold the gate held it to (null: not judged for this shot). */
  metrics?: MetricView[];
  /** The lowest overall score that passes the gate. */
  minScore?: number | null;
  /** What the gate does not judge for this shot, and why (a declared palette change…). */
  gateNotes?: string[];
  /** The seed sent with this take (null: the model takes none). */
  seed?: number | null;
  /** The renderer's own account of what it did (prompt pack take.renderNote); null for takes recorded before it was kept. */
  renderNote?: string | null;
  review: ReviewVerdict;
  /** Who gave the verdict: the quality gate (a headless run) or a person; null while pending or unrecorded. */
  reviewBy: 'gate' | 'person' | null;
  reviewAt: string | null;
  /** Ungraded output (the "before" of the grade toggle). */
  original: AssetRef | null;
  /** Graded output ("after"). */
  graded: AssetRef | null;
  thumb: AssetRef | null;
  createdAt: string;
}

export interface AssetRef { sha256: string; ext: string }

export interface MetricView {
  key: string;
  /** A person's name for it: "Palette difference (ΔE2000)". */
  label: string;
  value: number | null;
  threshold: number | null;
  /** true: the value must stay at or below the threshold; false: at or above. */
  lowerIsBetter: boolean;
  pass: boolean | null;
}

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled' | 'needs_user_decision';

export interface JobView {
  id: string;
  lookId: string;
  shotId: string;
  label: string;
  state: JobState;
  /** 0..1 */
  progress: number;
  /**
   * This clip's cost: 0 until its take is made (a create that never reached the provider costs
   * nothing), then the take's cost — an estimate until the provider reports a charge (`costEstimated`).
   */
  costSoFarUsd: number;
  costEstimated?: boolean;
  /** What the clip's run has committed so far (accepted creates at list price, charges reported). */
  runSpentUsd?: number;
  /** The local renderer makes this clip: nothing is paid. */
  local?: boolean;
  error: string | null;
  updatedAt: string;
  /** The run this clip belongs to (rows are grouped by it). */
  runId?: string;
  /** The continuity session of a session shot, else null (a look batch clip). */
  sessionId?: string | null;
  /** What the queue groups rows under: "Look batch · NAME" or "Session · NAME". */
  group?: string;
  /** What is happening now: render, grade, score, "retry 1 of 2 · render"… */
  phase?: string | null;
  /** Seconds left, estimated from the time spent so far; null when unknown. */
  etaSeconds?: number | null;
  /** The quality gate's verdict on the finished take: a rendered clip can still fail it. */
  gate?: 'passed' | 'failed' | null;
}

/** A paid job waiting for a person's decision (core/jobs/stuck-jobs.ts), with its shot's name. */
export interface StuckJobView {
  id: string;
  takeId: string;
  shotId: string | null;
  lookId: string | null;
  /** "#3 a1-v1: palette …" or why the shot is unknown. */
  shotLabel: string;
  keyframe: boolean;
  provider: string;
  model: string;
  /** List price the job was estimated at; whether it was charged is unknown (the provider's dashboard says). */
  estimatedCostUsd: number;
  reason: string;
  updatedAt: string;
}

export interface RunView { runId: string; lookId: string; shotCount: number; estimateUsd: number }

export interface ReviewStats { lookId: string; approved: number; rejected: number; pending: number; total: number; acceptanceRate: number | null }

export interface ExportView { root: string; files: number; skipped: { name: string; reason: string }[] }

/** A relinked pack: its resolved root, the timelines rewritten (links each), clips verified by sha256. */
export interface RelinkView { root: string; timelines: { path: string; references: number }[]; verified: number }

export interface AppSettings {
  defaultProvider: string;
  defaultModel: string;
  budgetUsd: number | null;
  commercialOnly: boolean;
  ffmpegPath: string | null;
  concurrency: number;
  /**
   * Where Luma's input images (and clips to edit) are uploaded so Luma can fetch them: its API
   * takes public URLs only. `fal`: the user's own fal storage (CONTINUITY_LUMA_IMAGE_HOST=fal).
   * null: none chosen (Luma stays gated and says so). Optional: older settings files lack it.
   */
  lumaImageHost?: 'fal' | null;
  /** Judge takes also by CLIP similarity on Replicate (paid, needs a Replicate key); off unless turned on. */
  semanticCheck?: boolean;
}

export interface KeyStatus {
  provider: string;
  envVar: string;
  set: boolean;
  /** "set · …abcd" or "not set" — the only form a key ever takes outside the key store. */
  hint: string;
  /** The host this provider's key is sent to (a base-URL override's host when one is set). */
  host?: string | null;
  /** Set when the base-URL override is refused (not https, not loopback): says why. */
  baseUrlProblem?: string | null;
}

export interface KeysView { keys: KeyStatus[]; storage: { encrypted: boolean; backend: string; warning: string | null } }

export interface ModelView {
  provider: string;
  id: string;
  kind: 'video' | 'image';
  commercialUse: boolean;
  licenceNote: string | null;
  retired: string | null;
  eligible: boolean;
  why: string | null;
  pricePerSecondUsd: number | null;
}

export type PrimaryReferenceView =
  | { kind: 'reference'; referenceId: string | null; label: string }
  | { kind: 'take-frame'; shotId: string; at: 'first' | 'last' | number; label: string };

export interface SessionView {
  id: string;
  lookId: string;
  name: string;
  /** The session's style anchor: a look reference or a frame of a take. */
  primaryReference: PrimaryReferenceView;
  shots: ShotView[];
}

export interface PlanView {
  shots: ShotView[];
  estimateUsd: number;
  budgetUsd: number | null;
  /**
   * What `estimateUsd` rests on: 'free' (the local renderer runs here, no charge), 'list-price'
   * (the price table), 'unknown' (no price for the model: the 0 is no estimate).
   */
  costBasis?: 'free' | 'list-price' | 'unknown';
}

export interface RejectedFile { name: string; reason: string }

export interface AddReferencesView { look: LookView; rejected: RejectedFile[] }
