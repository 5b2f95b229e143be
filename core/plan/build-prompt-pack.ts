/**
 * One clip's prompt pack at plan time (issue 3 §5): look, canon version, shot, deltas, compiled
 * prompts, references with roles and sha256, model and parameters, size, seconds, fps. Takes,
 * grades and scores are added by later stages.
 */
import { PROMPT_PACK_VERSION, type PromptPack } from '../domain/prompt-pack.ts';
import type { PlannedShot } from '../domain/shot.ts';
import type { ReferenceRole } from '../domain/look.ts';
import type { CompiledPrompt } from '../canon/compile-prompt.ts';
import { validatePromptPack } from './validate-prompt-pack.ts';

export interface PackReference { role: ReferenceRole; sha256: string; path?: string; source?: 'reference' | 'product'; index?: number; approved?: boolean }

export interface BuildPromptPackInput {
  lookName: string;
  canonVersion: number;
  shot: PlannedShot;
  compiled: Pick<CompiledPrompt, 'prompt' | 'negativePrompt' | 'parameters' | 'canonPrompt'>;
  /** The look's references and product shots; the pack keeps the ones this shot uses. */
  references: readonly PackReference[];
  provider: string;
  model: string;
  size: { width: number; height: number };
  seconds: number;
  fps: number;
  estimatedCostUsd: number;
}

/**
 * Which images condition a shot: every approved look reference (all unapproved if none is
 * approved), plus the product shot a prop delta composites in.
 */
export function referencesForShot(shot: PlannedShot, all: readonly PackReference[]): { role: ReferenceRole; sha256: string; path?: string }[] {
  const refs = all.filter((r) => r.source !== 'product');
  const approved = refs.filter((r) => r.approved !== false);
  const chosen = [...(approved.length ? approved : refs)];
  for (const d of shot.deltas) {
    if (d.kind === 'prop' && d.layer?.source === 'product') {
      const p = all.find((r) => r.source === 'product' && r.index === d.layer!.index);
      if (p) chosen.push(p);
    }
  }
  const seen = new Set<string>();
  return chosen.filter((r) => (seen.has(r.sha256 + r.role) ? false : (seen.add(r.sha256 + r.role), true)))
    .map((r) => ({ role: r.role, sha256: r.sha256, ...(r.path ? { path: r.path } : {}) }));
}

/** Build and validate one pack. */
export function buildPromptPack(input: BuildPromptPackInput): PromptPack {
  const { shot } = input;
  return validatePromptPack({
    schemaVersion: PROMPT_PACK_VERSION,
    look: { name: input.lookName },
    canonVersion: input.canonVersion,
    shot: { id: shot.id, index: shot.index, kind: shot.kind, parentId: shot.parentId, framing: shot.framing, motion: shot.motion, label: shot.label },
    deltas: shot.deltas,
    prompt: input.compiled.prompt,
    ...(input.compiled.canonPrompt !== undefined ? { canonPrompt: input.compiled.canonPrompt } : {}),
    negativePrompt: input.compiled.negativePrompt,
    references: referencesForShot(shot, input.references),
    model: { provider: input.provider, model: input.model },
    parameters: input.compiled.parameters,
    size: input.size,
    seconds: input.seconds,
    fps: input.fps,
    estimatedCostUsd: input.estimatedCostUsd,
  }, `prompt pack for clip ${shot.index} (${shot.id})`);
}
