/**
 * Loads a portable LOOK.json: parse, validate against the schema, resolve every image path
 * relative to the file, decode and analyse each image once (cached by sha256). Every failure is
 * an InputError naming the file, the field path and the value (DESIGN.md §9: exit 2).
 */
import { dirname, resolve } from 'node:path';
import { findCharacterReference } from './character-reference.ts';
import { LookFileSchema, type LookFile, type ReferenceRole } from '../domain/look.ts';
import { InputError } from '../domain/errors.ts';
import { jsonDepth, MAX_JSON_DEPTH } from '../domain/json-depth.ts';
import { readUntrustedFile } from '../media/read-untrusted.ts';
import { assertInsideFolder } from './inside-folder.ts';
import { createLogger } from '../log/logger.ts';
import { describeIssues, formatPath } from './describe-zod-issue.ts';
import { analyseImageFile, readImageFile, sha256Buffer, type ReferenceAnalysis } from './analyse-reference.ts';
import { createAnalysisCache, type AnalysisCache } from './analysis-cache.ts';
import { applyCanonOverrides } from '../canon/apply-canon-overrides.ts';
import { draftCanonOffline } from '../canon/draft-canon-offline.ts';

const log = createLogger('look');

/** The 3–5 references per look the product is tuned for (issue 3); outside it is a warning. */
export const EXPECTED_REFERENCES = { min: 3, max: 5 } as const;
/** A LOOK.json is a few kilobytes; 4 MiB leaves room for long briefs and never reads a disk image. */
const MAX_LOOK_BYTES = 4 * 1024 * 1024;

export interface ResolvedReference {
  /** Position in `references` (or `productShots` for products). */
  index: number;
  source: 'reference' | 'product';
  role: ReferenceRole;
  label: string;
  approved: boolean;
  /** Absolute path on disk. */
  path: string;
  /** The path as written in LOOK.json (relative to the file). */
  relPath: string;
  sha256: string;
  analysis: ReferenceAnalysis;
  /** The project's reference id, when the look comes from a project's reference board (the app). */
  id?: string;
}

export interface LoadedLook {
  look: LookFile;
  /** Folder of the LOOK.json; every relative path resolves against it. */
  dir: string;
  file: string;
  references: ResolvedReference[];
  productShots: ResolvedReference[];
  /** Non-fatal findings (reference count outside 3–5, unapproved references). */
  warnings: string[];
}

export interface LoadLookOptions {
  /** Where analyses are remembered; in-memory when omitted. */
  cache?: AnalysisCache;
  /** The user allowed images outside the look's folder (`../`, absolute, symlinks out). */
  allowOutside?: boolean;
}

/** Parse and validate LOOK.json content that is already in memory. */
export function parseLookJson(text: string, file: string): LookFile {
  // Bounded before parsing: 10 000 nested arrays would overflow the stack in zod or the error text.
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) throw new InputError(`${file}: JSON nested ${depth} levels deep; the limit is ${MAX_JSON_DEPTH}`, 'LOOK.json', file);
  let raw: unknown;
  try { raw = JSON.parse(text); } catch (err) {
    throw new InputError(`${file}: not valid JSON (${(err as Error).message})`, 'LOOK.json', file);
  }
  const parsed = LookFileSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new InputError(`${file}: ${describeIssues(parsed.error.issues, raw)}`, first ? formatPath(first.path) : undefined);
  }
  return parsed.data;
}

async function resolveImage(dir: string, rel: string, field: string, cache: AnalysisCache, file: string, allowOutside?: boolean): Promise<{ path: string; sha256: string; analysis: ReferenceAnalysis }> {
  const path = resolve(dir, rel);
  await assertInsideFolder(path, dir, { field, shown: rel, file, allowOutside });
  try {
    const buf = await readImageFile(path, field, rel);
    const sha256 = sha256Buffer(buf);
    let analysis = cache.get(sha256);
    if (!analysis) {
      analysis = await analyseImageFile(path, field, rel, sha256);
      cache.set(analysis);
    }
    return { path, sha256, analysis };
  } catch (err) {
    if (err instanceof InputError) throw new InputError(`${file}: ${err.message}`, err.field, err.value);
    throw err;
  }
}

/**
 * Load, validate and analyse a LOOK.json.
 * @throws InputError naming the file, field and value (`batch.seconds must be 4 or 8, got 9`,
 *   `references[1].path "x.txt" is not an image`)
 */
export async function loadLookFile(path: string, opts: LoadLookOptions = {}): Promise<LoadedLook> {
  const file = resolve(path);
  const text = (await readUntrustedFile(file, { what: 'look', field: 'look file', shown: path, maxBytes: MAX_LOOK_BYTES })).toString('utf8');
  return resolveLook(parseLookJson(text, file), dirname(file), file, opts);
}

/**
 * Resolve and analyse an already-parsed look whose paths are relative to `dir` (a LOOK.json's
 * folder, or a project folder for a look stored in a project). `file` names it in errors.
 */
export async function resolveLook(look: LookFile, dir: string, file: string, opts: LoadLookOptions = {}): Promise<LoadedLook> {
  const cache = opts.cache ?? createAnalysisCache();

  const references: ResolvedReference[] = [];
  for (const [index, ref] of look.references.entries()) {
    const img = await resolveImage(dir, ref.path, `references[${index}].path`, cache, file, opts.allowOutside);
    references.push({ index, source: 'reference', role: ref.role, label: ref.label ?? ref.role, approved: ref.approved, relPath: ref.path, ...img });
  }
  const productShots: ResolvedReference[] = [];
  for (const [index, shot] of look.productShots.entries()) {
    const img = await resolveImage(dir, shot.path, `productShots[${index}].path`, cache, file, opts.allowOutside);
    productShots.push({ index, source: 'product', role: 'product', label: shot.name ?? `product ${index + 1}`, approved: true, relPath: shot.path, ...img });
  }

  // Overrides are checked now so a typo fails at load time, not halfway through a batch.
  try { applyCanonOverrides(draftCanonOffline(look, []), look.canonOverrides); } catch (err) {
    if (err instanceof InputError) throw new InputError(`${file}: ${err.message}`, err.field, err.value);
    throw err;
  }

  const character = look.batch.characterReference;
  if (character !== undefined && !findCharacterReference(references.filter((r) => r.approved), character)) {
    throw new InputError(`${file}: batch.characterReference ${JSON.stringify(character)} names no approved reference (use a reference's path, label or sha256; references: ${references.filter((r) => r.approved).map((r) => JSON.stringify(r.relPath)).join(', ')})`, 'batch.characterReference', character);
  }

  const warnings: string[] = [];
  const n = look.references.length;
  if (n < EXPECTED_REFERENCES.min || n > EXPECTED_REFERENCES.max) {
    warnings.push(`references has ${n} image${n === 1 ? '' : 's'}; looks hold together best with ${EXPECTED_REFERENCES.min}–${EXPECTED_REFERENCES.max}`);
  }
  if (!references.some((r) => r.approved)) warnings.push('no reference is approved; every reference will be used anyway until one is');
  for (const w of warnings) log.warn(w, { file });
  return { look, dir, file, references, productShots, warnings };
}
