/**
 * THE contract between the UI and the engine (STYLE.md "The IPC contract"): one table of
 * commands (name → zod input schema + result type). Electron IPC (main/), the HTTP test host
 * (web-host/) and the preload / browser shim are all derived from this table; nothing is
 * written twice. Events live in events.ts. Pure zod: safe to bundle into preload and renderer.
 */
import { z } from 'zod';
import { BatchSettingsSchema, BrandKitSchema, ReferenceRoleSchema } from '../domain/look.ts';
import { CameraMotionSchema, CanonSchema, FramingSchema } from '../domain/canon.ts';
import { ContinuityModeSchema, DELTA_KINDS } from '../domain/shot.ts';
import type * as V from './types.ts';

/** A command's definition: its input schema, and its result type carried as a phantom. */
export interface CommandDef<I extends z.ZodType, R> { input: I; readonly __result?: R }
function cmd<I extends z.ZodType>(input: I) {
  return { returns: <R>(): CommandDef<I, R> => ({ input }) };
}

const none = z.object({}).strict();
const id = z.string().min(1).max(200);
const lookId = z.object({ lookId: id }).strict();
const path = z.string().min(1).max(4096);
/** The declared changes a variant can carry (core/domain/shot.ts DeltaSchema kinds), for the delta editor. */
export { DELTA_KINDS };
/** One declared change from the delta editor, as the CLI writes it: kind + value (core/api/shot-deltas.ts). */
const deltaInput = z.object({ kind: z.enum(DELTA_KINDS), value: z.string().max(400) }).strict();
export const FORMATS = ['fcpxml', 'edl', 'otio', 'mlt'] as const;
/** Domain constants the UI needs, re-exported so the renderer depends on the contract only. */
export { REFERENCE_ROLES, BATCH_SIZES, HEX } from '../domain/look.ts';
export { FRAMINGS, CAMERA_MOTIONS } from '../domain/canon.ts';
export { STRENGTH_PRESETS } from '../domain/shot.ts';
/** Pure words and colour helpers the UI shares with the engine, so both say the same thing. */
export { normaliseHex } from '../color/hex.ts';
export { deltaText } from '../plan/delta-words.ts';
export const PROVIDERS_WITH_KEYS = ['fal', 'replicate', 'openai', 'runway', 'luma', 'google'] as const;

export const commands = {
  'projects.list': cmd(none).returns<V.ProjectSummary[]>(),
  'projects.recent': cmd(none).returns<V.ProjectSummary[]>(),
  'projects.current': cmd(none).returns<V.ProjectSummary | null>(),
  'projects.create': cmd(z.object({ name: z.string().min(1).max(80), dir: path.optional() }).strict()).returns<V.ProjectSummary>(),
  'projects.open': cmd(z.object({ dir: path }).strict()).returns<V.ProjectSummary>(),
  'projects.close': cmd(none).returns<null>(),

  'looks.list': cmd(none).returns<V.LookSummary[]>(),
  'looks.create': cmd(z.object({ name: z.string().min(1).max(80), brief: z.string().max(4000).optional() }).strict()).returns<V.LookView>(),
  'looks.importFile': cmd(z.object({ path, allowOutside: z.boolean().optional() }).strict()).returns<V.LookView>(),
  'looks.get': cmd(lookId).returns<V.LookView>(),
  'looks.updateBrandKit': cmd(z.object({ lookId: id, brandKit: BrandKitSchema }).strict()).returns<V.LookView>(),
  'looks.updateBrief': cmd(z.object({ lookId: id, brief: z.string().min(1).max(4000) }).strict()).returns<V.LookView>(),
  'looks.updateBatch': cmd(z.object({ lookId: id, batch: BatchSettingsSchema.partial() }).strict()).returns<V.LookView>(),

  'references.add': cmd(z.object({ lookId: id, paths: z.array(path).min(1).max(64), role: ReferenceRoleSchema }).strict()).returns<V.AddReferencesView>(),
  'references.setRole': cmd(z.object({ lookId: id, referenceId: id, role: ReferenceRoleSchema }).strict()).returns<V.LookView>(),
  'references.setApproved': cmd(z.object({ lookId: id, referenceId: id, approved: z.boolean() }).strict()).returns<V.LookView>(),
  'references.remove': cmd(z.object({ lookId: id, referenceId: id }).strict()).returns<V.LookView>(),

  'canon.draft': cmd(z.object({ lookId: id, mode: z.enum(['offline', 'openai']) }).strict()).returns<V.CanonView>(),
  'canon.update': cmd(z.object({ lookId: id, canon: CanonSchema }).strict()).returns<V.CanonView>(),
  /** Every saved canon version of the look, newest first (drafts, edits, restores). */
  'canon.versions': cmd(lookId).returns<V.CanonView[]>(),
  /** Make an earlier version current again: saved as a new version that says which one it restores. */
  'canon.restore': cmd(z.object({ lookId: id, version: z.number().int().min(1) }).strict()).returns<V.CanonView>(),

  'plan.create': cmd(z.object({ lookId: id, clips: z.number().int().min(8).max(20), seed: z.number().int().min(0).max(2 ** 31 - 1) }).strict()).returns<V.PlanView>(),
  'shots.list': cmd(lookId).returns<V.ShotView[]>(),
  'shots.get': cmd(z.object({ shotId: id }).strict()).returns<V.ShotDetail>(),
  /** The shot editor: framing, camera motion and declared changes of a matrix shot (kept through re-plans of the same plan; a rendered shot becomes stale). */
  /** `prompt`: the person's own prompt text, sent instead of the canon-built one; '' goes back to the canon's. */
  'shots.update': cmd(z.object({ shotId: id, framing: FramingSchema.optional(), motion: CameraMotionSchema.optional(), deltas: z.array(deltaInput).max(2).optional(), prompt: z.string().max(4000).optional() }).strict()).returns<V.ShotDetail>(),

  /** shotIds: render only these clips (retry / regenerate); reroll: with a new seed, a different take. */
  'runs.start': cmd(z.object({ lookId: id, shotIds: z.array(id).min(1).optional(), reroll: z.boolean().optional(), provider: z.string().optional(), model: z.string().optional(), budgetUsd: z.number().min(0).optional() }).strict()).returns<V.RunView>(),
  'runs.session': cmd(z.object({ sessionId: id, onlyStale: z.boolean().optional() }).strict()).returns<V.RunView>(),
  /** One session shot again with a new seed (earlier takes kept; later shots marked stale). */
  'runs.regenerateSessionShot': cmd(z.object({ sessionId: id, shotId: id }).strict()).returns<V.RunView>(),
  'jobs.list': cmd(z.object({ lookId: id.optional() }).strict()).returns<V.JobView[]>(),
  'jobs.cancel': cmd(z.object({ jobId: id }).strict()).returns<V.JobView>(),
  'jobs.retry': cmd(z.object({ jobId: id }).strict()).returns<V.RunView>(),
  /** Paid jobs whose create may or may not have reached the provider: never re-sent on their own (issue 12 item 5). */
  'jobs.stuck': cmd(none).returns<V.StuckJobView[]>(),
  /** A person's decision on a stuck job: abandon the take, or set it aside so the shot's next run makes a new take. */
  'jobs.decide': cmd(z.object({ jobId: id, decision: z.enum(['abandon', 'resubmit']) }).strict()).returns<V.StuckJobView>(),
  /**
   * Remix from anchor (issue 11): a variant or seasonal swap made again from its anchor's current
   * take with 1–2 declared changes, each written as the CLI's \`KIND:VALUE\` (core/plan/parse-delta).
   */
  'shots.remix': cmd(z.object({ shotId: id, deltas: z.array(deltaInput).min(1).max(2) }).strict()).returns<V.RunView>(),

  'takes.list': cmd(z.object({ shotId: id }).strict()).returns<V.TakeView[]>(),
  'review.setVerdict': cmd(z.object({ takeId: id, verdict: z.enum(['approved', 'rejected', 'pending']) }).strict()).returns<V.TakeView>(),
  'review.stats': cmd(lookId).returns<V.ReviewStats>(),

  /** sessionId: the session's clip pack, in session order, instead of the look's matrix. */
  'export.start': cmd(z.object({ lookId: id, sessionId: id.optional(), outDir: path, formats: z.array(z.enum(FORMATS)).min(1), includeAll: z.boolean() }).strict()).returns<V.ExportView>(),
  // After a pack folder is moved or copied: relink its .otio/.fcpxml/.edl media, hashes verified (issue 15 item 4).
  'export.relink': cmd(z.object({ packDir: path }).strict()).returns<V.RelinkView>(),
  'system.reveal': cmd(z.object({ path }).strict()).returns<{ shown: boolean }>(),
  'system.pickDirectory': cmd(z.object({ title: z.string().max(200).optional() }).strict()).returns<string | null>(),

  'settings.get': cmd(none).returns<V.AppSettings>(),
  'settings.set': cmd(z.object({
    defaultProvider: z.string().min(1).optional(),
    defaultModel: z.string().min(1).optional(),
    budgetUsd: z.number().min(0).nullable().optional(),
    commercialOnly: z.boolean().optional(),
    concurrency: z.number().int().min(1).max(16).optional(),
    lumaImageHost: z.enum(['fal']).nullable().optional(),
    semanticCheck: z.boolean().optional(),
  }).strict()).returns<V.AppSettings>(),
  // The page never names a program to run: main opens its own file picker and checks the choice
  // (a regular executable answering -version as ffmpeg). `reset` goes back to the default search.
  'settings.chooseFfmpeg': cmd(z.object({ reset: z.boolean().optional() }).strict()).returns<V.AppSettings>(),

  'keys.status': cmd(none).returns<V.KeysView>(),
  'keys.set': cmd(z.object({ provider: z.enum(PROVIDERS_WITH_KEYS), key: z.string().min(8).max(512) }).strict()).returns<V.KeysView>(),
  'keys.remove': cmd(z.object({ provider: z.enum(PROVIDERS_WITH_KEYS) }).strict()).returns<V.KeysView>(),
  'keys.test': cmd(z.object({ provider: z.enum(PROVIDERS_WITH_KEYS) }).strict()).returns<{ ok: boolean; message: string }>(),

  'providers.list': cmd(none).returns<V.ModelView[]>(),

  'sessions.list': cmd(lookId).returns<V.SessionView[]>(),
  'sessions.create': cmd(z.object({ lookId: id, name: z.string().min(1).max(80) }).strict()).returns<V.SessionView>(),
  'sessions.delete': cmd(z.object({ sessionId: id }).strict()).returns<null>(),
  'sessions.addShot': cmd(z.object({ sessionId: id, label: z.string().max(200).optional(), continuityMode: ContinuityModeSchema.optional() }).strict()).returns<V.SessionView>(),
  'sessions.removeShot': cmd(z.object({ sessionId: id, shotId: id }).strict()).returns<V.SessionView>(),
  'sessions.reorder': cmd(z.object({ sessionId: id, shotIds: z.array(id).min(1) }).strict()).returns<V.SessionView>(),
  'sessions.setStyleReference': cmd(z.object({ sessionId: id, shotId: id, styleReferenceId: id.nullable() }).strict()).returns<V.SessionView>(),
  'sessions.setPrimaryReference': cmd(z.object({ sessionId: id, reference: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('reference'), referenceId: id }).strict(),
    z.object({ kind: z.literal('take-frame'), shotId: id, at: z.enum(['first', 'last']) }).strict(),
  ]) }).strict()).returns<V.SessionView>(),
  'sessions.setStrength': cmd(z.object({ sessionId: id, shotId: id, styleStrength: z.number().min(0).max(1) }).strict()).returns<V.SessionView>(),
  'sessions.setMode': cmd(z.object({ sessionId: id, shotId: id, continuityMode: ContinuityModeSchema }).strict()).returns<V.SessionView>(),
  /** Per-shot settings of a session shot: name, framing, camera motion, extra action for the prompt. */
  'sessions.updateShot': cmd(z.object({ sessionId: id, shotId: id, label: z.string().min(1).max(200).optional(), framing: FramingSchema.optional(), motion: CameraMotionSchema.optional(), action: z.string().max(600).optional() }).strict()).returns<V.SessionView>(),
  'sessions.setCharacterReference': cmd(z.object({ sessionId: id, shotId: id, referenceId: id.nullable() }).strict()).returns<V.SessionView>(),
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
export type ParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;
export type CommandResult<N extends CommandName> = Commands[N] extends CommandDef<z.ZodType, infer R> ? R : never;

export interface ApiError { code: string; message: string; field?: string }
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function isCommandName(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(commands, name);
}
