/**
 * Everything about a ClipPackInput that can be wrong is found before the first byte is written:
 * settings, review states, duplicate takes, prompt packs (schema-validated: a pack that does not
 * validate is never delivered), and every source file. Errors are InputErrors naming the field
 * (`clips[3].gradedPath`) and the value.
 */
import { readFile, stat } from 'node:fs/promises';
import { InputError, showValue } from '../domain/errors.ts';
import type { PromptPack } from '../domain/prompt-pack.ts';
import { validatePromptPack } from '../plan/validate-prompt-pack.ts';
import { frameRate } from './timeline-model.ts';
import { EXPORT_FORMATS, REVIEW_STATES, STILL_KINDS, type ClipPackInput, type ExportFormat } from './types.ts';

/**
 * Validate one prompt pack with the look system's validator (the shipped JSON Schema is generated
 * from the same zod schema, strict: unknown fields are refused too). Returns the parsed pack.
 */
export function validateExportPromptPack(pack: unknown, field: string): PromptPack {
  return validatePromptPack(pack, field);
}

async function assertFile(path: unknown, field: string): Promise<void> {
  if (typeof path !== 'string' || !path) throw new InputError(`${field} must be a file path, got ${showValue(path)}`, field, path);
  let ok: boolean;
  try { ok = (await stat(path)).isFile(); } catch { ok = false; }
  if (!ok) throw new InputError(`${field}: file not found: ${path}`, field, path);
}

function positiveInt(v: unknown, field: string): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw new InputError(`${field} must be a positive whole number, got ${showValue(v)}`, field, v);
}

/** Check and de-duplicate timeline formats (InputError naming a bad one). */
export function validateFormats(formats: readonly unknown[]): ExportFormat[] {
  const out: ExportFormat[] = [];
  for (const f of formats) {
    if (!EXPORT_FORMATS.includes(f as ExportFormat)) throw new InputError(`formats: unknown timeline format ${showValue(f)}; use ${EXPORT_FORMATS.join(', ')}`, 'formats', f);
    if (!out.includes(f as ExportFormat)) out.push(f as ExportFormat);
  }
  return out;
}

/** Throw an InputError for the first problem; returns the input with prompt packs parsed. */
export async function validateClipPackInput(input: ClipPackInput): Promise<ClipPackInput> {
  if (typeof input.appVersion !== 'string' || !input.appVersion) throw new InputError(`appVersion must be a non-empty string, got ${showValue(input.appVersion)}`, 'appVersion', input.appVersion);
  if (typeof input.look?.name !== 'string' || !input.look.name.trim()) throw new InputError(`look.name must be a non-empty string, got ${showValue(input.look?.name)}`, 'look.name', input.look?.name);
  positiveInt(input.settings?.width, 'settings.width');
  positiveInt(input.settings?.height, 'settings.height');
  if (!(typeof input.settings.seconds === 'number' && input.settings.seconds > 0)) throw new InputError(`settings.seconds must be a positive number, got ${showValue(input.settings.seconds)}`, 'settings.seconds', input.settings.seconds);
  frameRate(input.settings.fps);
  if (input.createdAt !== undefined && Number.isNaN(Date.parse(input.createdAt))) throw new InputError(`createdAt must be an ISO date, got ${showValue(input.createdAt)}`, 'createdAt', input.createdAt);
  if (input.lookLutPath !== undefined) await assertFile(input.lookLutPath, 'lookLutPath');
  if (!Array.isArray(input.clips)) throw new InputError(`clips must be a list, got ${showValue(input.clips)}`, 'clips', input.clips);

  const takes = new Set<string>();
  const clips = [];
  for (const [i, clip] of input.clips.entries()) {
    const at = `clips[${i}]`;
    const pack = validateExportPromptPack(clip.pack, `${at}.pack`);
    if (!REVIEW_STATES.includes(clip.review)) throw new InputError(`${at}.review must be one of ${REVIEW_STATES.join(', ')}, got ${showValue(clip.review)}`, `${at}.review`, clip.review);
    const takeKey = `${pack.shot.id}\u0000${pack.take?.id ?? pack.take?.attempt ?? 1}`;
    if (takes.has(takeKey)) throw new InputError(`${at}: take ${showValue(pack.take?.id ?? `v${pack.take?.attempt ?? 1}`)} of shot ${showValue(pack.shot.id)} is listed twice`, at, pack.shot.id);
    takes.add(takeKey);
    if (clip.score !== undefined && !(clip.score >= 0 && clip.score <= 1)) throw new InputError(`${at}.score must be between 0 and 1, got ${showValue(clip.score)}`, `${at}.score`, clip.score);
    if (clip.frames !== undefined) positiveInt(clip.frames, `${at}.frames`);
    await assertFile(clip.gradedPath, `${at}.gradedPath`);
    await assertFile(clip.originalPath, `${at}.originalPath`);
    if (clip.lutPath !== undefined) await assertFile(clip.lutPath, `${at}.lutPath`);
    if (!Array.isArray(clip.stills)) throw new InputError(`${at}.stills must be a list, got ${showValue(clip.stills)}`, `${at}.stills`, clip.stills);
    for (const [j, s] of clip.stills.entries()) {
      if (!STILL_KINDS.includes(s.kind)) throw new InputError(`${at}.stills[${j}].kind must be one of ${STILL_KINDS.join(', ')}, got ${showValue(s.kind)}`, `${at}.stills[${j}].kind`, s.kind);
      await assertFile(s.path, `${at}.stills[${j}].path`);
    }
    clips.push({ ...clip, pack });
  }
  if (input.lookLutPath !== undefined) await assertNotAClipLut(input.lookLutPath, clips.flatMap((c, i) => (c.lutPath ? [{ path: c.lutPath, field: `clips[${i}].lutPath` }] : [])));
  return { ...input, clips };
}

/**
 * A look LUT is a transform made for the look as a whole. A clip's own grade delivered under that
 * name claims the batch was matched to it, which it was not (issue 12 item 1): refused.
 */
async function assertNotAClipLut(lookLut: string, clipLuts: { path: string; field: string }[]): Promise<void> {
  const look = await readFile(lookLut);
  for (const c of clipLuts) {
    if (look.equals(await readFile(c.path))) {
      throw new InputError(`lookLutPath is byte-identical to ${c.field} (${c.path}): a clip's grade is not the look's LUT`, 'lookLutPath', lookLut);
    }
  }
}
