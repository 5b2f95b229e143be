/**
 * Look → plan in one call (what `continuity plan`, the batch runner and the app use): canon
 * (offline or OpenAI, then overrides), the matrix, each clip's compiled prompt and prompt pack,
 * and the cost estimate. Size, seconds and fps come from the look's batch and are the same for
 * every clip by construction.
 */
import type { Canon } from '../domain/canon.ts';
import { parseSize } from '../domain/look.ts';
import type { PlannedShot } from '../domain/shot.ts';
import type { PromptPack } from '../domain/prompt-pack.ts';
import { applyCanonOverrides } from '../canon/apply-canon-overrides.ts';
import { compilePrompt, type CompiledPrompt } from '../canon/compile-prompt.ts';
import { draftCanonOffline, type ReferencePalette } from '../canon/draft-canon-offline.ts';
import { draftCanonOpenAI, type OpenAICanonOptions } from '../canon/draft-canon-openai.ts';
import { promptProfileFor, type PromptModelProfile } from '../canon/prompt-model-profile.ts';
import { loadLookFile, type LoadedLook, type LoadLookOptions } from '../look/load-look-file.ts';
import { buildPromptPack, type PackReference } from './build-prompt-pack.ts';
import { estimateCost, loadPriceTable, type CostEstimate, type PriceTable } from './estimate-cost.ts';
import { billingFacts } from './billing-facts.ts';
import { planMatrix } from './plan-matrix.ts';

export interface PlanLookOptions {
  clips?: number;
  anchors?: number;
  seed?: number;
  provider?: string;
  model?: string;
  /** Prompt limits for the model; defaults from promptProfileFor(model). */
  profile?: PromptModelProfile;
  /** Use this canon (an edited version) instead of drafting one. */
  canon?: { canon: Canon; version: number; source: 'offline' | 'openai' | 'edited' | 'file' };
  /** Draft with OpenAI instead of offline. */
  openai?: OpenAICanonOptions;
  prices?: PriceTable;
  /** Replace a planned shot by its stored edit (core/plan/shot-edits.ts storedEdits). */
  shotEdits?: (shot: PlannedShot) => PlannedShot;
}

export interface LookPlan {
  loaded: LoadedLook;
  canon: Canon;
  canonVersion: number;
  canonSource: 'offline' | 'openai' | 'edited' | 'file';
  shots: PlannedShot[];
  compiled: CompiledPrompt[];
  packs: PromptPack[];
  cost: CostEstimate;
  warnings: string[];
}

/** Measured palettes of a loaded look's references, for the canon drafters. */
export function referencePalettesOf(loaded: LoadedLook): ReferencePalette[] {
  return loaded.references.map((r) => ({ role: r.role, palette: r.analysis.palette }));
}

/** Pack references (roles + sha256 + paths relative to the look) of a loaded look. */
export function packReferencesOf(loaded: LoadedLook): PackReference[] {
  return [...loaded.references, ...loaded.productShots].map((r) => ({
    role: r.role, sha256: r.sha256, path: r.relPath, source: r.source, index: r.index, approved: r.approved,
  }));
}

/** Plan a look already loaded (no I/O except the OpenAI call when asked). */
export async function planLoadedLook(loaded: LoadedLook, opts: PlanLookOptions = {}): Promise<LookPlan> {
  const { look } = loaded;
  const palettes = referencePalettesOf(loaded);
  let canon: Canon, canonVersion: number, canonSource: LookPlan['canonSource'];
  if (opts.canon) {
    ({ canon, version: canonVersion, source: canonSource } = opts.canon);
  } else {
    const drafted = opts.openai ? await draftCanonOpenAI(look, palettes, opts.openai) : draftCanonOffline(look, palettes);
    canon = applyCanonOverrides(drafted, look.canonOverrides);
    canonVersion = 1;
    canonSource = opts.openai ? 'openai' : 'offline';
  }
  const provider = opts.provider ?? look.batch.provider;
  const model = opts.model ?? look.batch.model;
  const profile = opts.profile ?? promptProfileFor(model);
  const { width, height } = parseSize(look.batch.size);
  const { seconds, fps } = look.batch;
  const seed = opts.seed ?? look.batch.seed;
  const planned = planMatrix({ look, canon, clips: opts.clips ?? look.batch.clips, anchors: opts.anchors ?? look.batch.anchors, seed });
  const shots = opts.shotEdits ? planned.map(opts.shotEdits) : planned;
  const cost = estimateCost({ provider, model, seconds, clips: shots.length, ...billingFacts(provider, model, shots, { width, height, seconds, fps }, look.batch.keyframeModel) }, opts.prices ?? loadPriceTable());
  const refs = packReferencesOf(loaded);
  const compiled = shots.map((shot) => compilePrompt({ canon, shot, brandKit: look.brandKit, model: profile, batch: { width, height, seconds, fps, seed } }));
  const packs = shots.map((shot, i) => buildPromptPack({
    lookName: look.name, canonVersion, shot, compiled: compiled[i]!, references: refs,
    provider, model, size: { width, height }, seconds, fps, estimatedCostUsd: cost.perClipUsd,
  }));
  const warnings = [...loaded.warnings];
  if (!cost.known) warnings.push(...cost.notes.slice(0, 1));
  return { loaded, canon, canonVersion, canonSource, shots, compiled, packs, cost, warnings };
}

/** Load LOOK.json and plan it. */
export async function planLook(path: string, opts: PlanLookOptions & LoadLookOptions = {}): Promise<LookPlan> {
  return planLoadedLook(await loadLookFile(path, { cache: opts.cache, allowOutside: opts.allowOutside }), opts);
}
