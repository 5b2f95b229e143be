/**
 * The prompt blueprint compiler (issue 3): canon + shot (kind, deltas) + brand kit → prompt,
 * negative prompt and parameters for one model. Continuity-critical fields come first (palette
 * anchors, lighting, wardrobe, set), then the declared changes, style, framing, motion, action,
 * so a model-length truncation cuts the least important words. Pure and deterministic: the same
 * inputs give byte-identical output.
 */
import type { Canon } from '../domain/canon.ts';
import type { BrandKit } from '../domain/look.ts';
import type { Delta, PlannedShot } from '../domain/shot.ts';
import { colourName } from './colour-words.ts';
import { compileBannedTerms, containsBanned, removeBannedTerms } from './do-not-use.ts';
import type { PromptModelProfile } from './prompt-model-profile.ts';
import { truncateAtWord } from './truncate-at-word.ts';

export interface CompilePromptInput {
  canon: Canon;
  shot: PlannedShot;
  brandKit: BrandKit;
  model: PromptModelProfile;
  /** Batch settings copied into the parameters when given. */
  batch?: { width: number; height: number; seconds: number; fps: number; seed: number };
}

export interface CompiledPrompt {
  prompt: string;
  negativePrompt: string;
  parameters: Record<string, unknown>;
  /** Banned terms that had to be removed from the positive prompt (for the UI to explain). */
  removedTerms: string[];
  truncated: boolean;
  /** Set when `prompt` is the shot's own text (a person's): what the canon would have sent. */
  canonPrompt?: string;
}

function named(hex: string, kit: BrandKit): string {
  const brand = kit.palette.find((c) => c.hex.toLowerCase() === hex.toLowerCase());
  return `${brand?.name ?? colourName(hex)} ${hex.toLowerCase()}`;
}

const list = (items: readonly string[]) => items.filter(Boolean).join(', ');
const sentence = (s: string) => (s.trim() ? s.trim().replace(/[.;,\s]+$/, '') + '.' : '');

function deltaPhrase(d: Delta): string {
  switch (d.kind) {
    case 'palette': return `palette swap to ${d.label}`;
    case 'prop': return `prop swap: ${d.prop}`;
    case 'scene': return `scene change: ${d.change}`;
    case 'camera': return `camera change: ${d.motion}${d.framing ? ` at ${d.framing} framing` : ''}`;
    case 'motif': return `${d.season} motif: ${d.motif}`;
  }
}

/** The positive prompt's sentences in priority order. */
function sections({ canon, shot, brandKit }: CompilePromptInput): string[] {
  const byKind = <K extends Delta['kind']>(k: K) => shot.deltas.find((d): d is Extract<Delta, { kind: K }> => d.kind === k);
  const palette = byKind('palette'), prop = byKind('prop'), scene = byKind('scene'), camera = byKind('camera'), motif = byKind('motif');
  const out: string[] = [];
  out.push(palette
    ? `Palette changed for this shot (${palette.label}): ${list(palette.targetHex.map((h) => named(h, brandKit)))}; same lighting and contrast as the anchor.`
    : `Palette locked to ${list(canon.lighting.paletteAnchors.map((h) => named(h, brandKit)))}.`);
  out.push(sentence(`Lighting: ${canon.lighting.keyDirection}; ${canon.lighting.fillRim}`));
  out.push(sentence(`Wardrobe: ${list(canon.wardrobe.items)} in ${list(canon.wardrobe.materials)}; ${canon.wardrobe.colorConstraints}`));
  const props = prop ? [...canon.setDressing.props.filter((p) => p !== prop.prop), `${prop.prop} (swapped in for this shot)`] : canon.setDressing.props;
  out.push(sentence(`Set: ${list(canon.setDressing.backgroundObjects)}; props: ${list(props)}`));
  if (scene) out.push(sentence(`Scene micro-change: ${scene.change}`));
  if (motif) out.push(sentence(`Seasonal motif (${motif.season}): ${motif.motif}`));
  if (shot.parentId && shot.deltas.length) {
    out.push(sentence(`Only change from anchor ${shot.parentId}: ${shot.deltas.map(deltaPhrase).join(' and ')}; everything else identical to the anchor`));
  } else if (shot.kind === 'anchor') {
    out.push('Anchor shot: establishes the look every other clip matches.');
  }
  out.push(sentence(`Style: ${canon.style.era}, ${canon.style.texture}, ${canon.style.grade}, ${canon.style.filmEmulation}`));
  out.push(sentence(`Framing: ${shot.framing} shot, ${canon.camera.lens}`));
  out.push(sentence(`Camera: ${shot.motion}${camera ? ' (changed for this shot)' : ''}, smooth and slow`));
  out.push(sentence(`Action: ${canon.action.map((b) => `at ${b.atSeconds}s ${b.beat}`).join('; ')}`));
  if (canon.audio.length) out.push(sentence(`Sound, diegetic only: ${list(canon.audio)}`));
  return out.filter(Boolean);
}

/**
 * Compile one shot's prompt for one model.
 * The do-not-use list (and the canon's negatives) never reach the positive prompt; they go to the
 * negative prompt when the model has one.
 */
export function compilePrompt(input: CompilePromptInput): CompiledPrompt {
  const { canon, shot, brandKit, model } = input;
  const bannedTerms = [...new Set([...brandKit.doNotUse, ...canon.negatives])];
  const banned = compileBannedTerms(bannedTerms);
  const clean = (text: string) => {
    const cleaned = removeBannedTerms(text, banned);
    const cut = truncateAtWord(cleaned.text, model.maxPromptChars);
    // Truncation only removes words, but check again: this guarantee must not rest on reasoning.
    const out = removeBannedTerms(cut.text, banned).text;
    if (containsBanned(out, banned)) throw new Error('internal: banned term survived prompt compilation');
    return { text: out, removed: cleaned.removed, truncated: cut.truncated };
  };
  const canonBuilt = clean(sections(input).join(' '));
  // A person's prompt is sent as written, but the do-not-use list still holds for it.
  const own = shot.prompt?.trim() ? clean(shot.prompt.trim()) : undefined;
  const chosen = own ?? canonBuilt;
  const prompt = chosen.text;

  const negatives = model.negativePrompt ? truncateAtWord(list(bannedTerms), model.maxPromptChars, ',').text : '';
  const parameters: Record<string, unknown> = {
    framing: shot.framing,
    motion: shot.motion,
    continuityMode: shot.continuityMode,
    styleStrength: shot.styleStrength,
    ...(input.batch ? { width: input.batch.width, height: input.batch.height, seconds: input.batch.seconds, fps: input.batch.fps, seed: input.batch.seed } : {}),
  };
  return { prompt, negativePrompt: negatives, parameters, removedTerms: chosen.removed, truncated: chosen.truncated, ...(own ? { canonPrompt: canonBuilt.text } : {}) };
}
