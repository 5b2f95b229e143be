/**
 * Looks inside a project. A LOOK.json is imported by copying every image into the project's
 * content-addressed asset store and keeping the look with its paths rewritten to those assets
 * (relative to the project folder), so a project never depends on files elsewhere on disk. The
 * look_references table mirrors the references for queries and the UI.
 */
import { relative } from 'node:path';
import { LookFileSchema, type LookFile } from '../domain/look.ts';
import { InputError } from '../domain/errors.ts';
import { findCharacterReference } from '../look/character-reference.ts';
import { loadLookFile, resolveLook, type LoadedLook, type ResolvedReference } from '../look/load-look-file.ts';
import { recordAsset } from '../store/assets-repo.ts';
import { getLook, getLookByName, saveLook, setReferences } from '../store/looks-repo.ts';
import type { Project } from '../store/open-project.ts';

export interface ImportedLook { lookId: string; loaded: LoadedLook; replaced: boolean }

/**
 * Import LOOK.json into the project. A look of the same name is updated in place (same id, its
 * shots and takes kept) unless `asNew` asks for a fresh one. Images outside the LOOK.json's
 * folder are refused unless `allowOutside` (the user said yes).
 */
export async function importLookFile(project: Project, lookPath: string, opts: { allowOutside?: boolean } = {}): Promise<ImportedLook> {
  const source = await loadLookFile(lookPath, { allowOutside: opts.allowOutside });
  const rewrite = async (r: ResolvedReference) => {
    const ref = await project.assets.putFile(r.path);
    recordAsset(project.db, ref, 'image');
    return relative(project.dir, ref.path).split('\\').join('/');
  };
  const look: LookFile = {
    ...source.look,
    references: await Promise.all(source.look.references.map(async (ref, i) => ({ ...ref, path: await rewrite(source.references[i]!) }))),
    productShots: await Promise.all(source.look.productShots.map(async (p, i) => ({ ...p, path: await rewrite(source.productShots[i]!) }))),
  };
  // Paths are rewritten to the asset store, so the chosen character is kept by content (sha256).
  const character = findCharacterReference(source.references.filter((r) => r.approved), source.look.batch.characterReference);
  if (character) look.batch = { ...look.batch, characterReference: character.sha256 };
  // Look-up and insert in one IMMEDIATE transaction: two imports of the same look at once (two
  // runs started together) update one row instead of racing into "already exists".
  const { existing, row } = project.db.transaction(() => {
    const found = getLookByName(project.db, look.name);
    return { existing: found, row: saveLook(project.db, { id: found?.id, look, dir: source.dir }) };
  }).immediate();
  const loaded = await resolveLook(look, project.dir, `${look.name} (project look)`);
  syncReferenceRows(project, row.id, loaded);
  return { lookId: row.id, loaded, replaced: Boolean(existing) };
}

/** Save an edited look (brand kit, references, batch) and refresh its reference rows. */
export async function saveProjectLook(project: Project, lookId: string, look: LookFile): Promise<LoadedLook> {
  const parsed = LookFileSchema.parse(look);
  const row = getLook(project.db, lookId);
  if (!row) throw new InputError(`no look with id ${JSON.stringify(lookId)} in this project`, 'lookId', lookId);
  saveLook(project.db, { id: lookId, look: parsed, dir: row.dir });
  const loaded = await resolveLook(parsed, project.dir, `${parsed.name} (project look)`);
  syncReferenceRows(project, lookId, loaded);
  return loaded;
}

/** The look as the engine works on it: resolved, with every image analysed (analyses cached). */
export async function loadProjectLook(project: Project, lookId: string): Promise<LoadedLook> {
  const row = getLook(project.db, lookId);
  if (!row) throw new InputError(`no look with id ${JSON.stringify(lookId)} in this project`, 'lookId', lookId);
  return resolveLook(row.look, project.dir, `${row.name} (project look)`);
}

function syncReferenceRows(project: Project, lookId: string, loaded: LoadedLook): void {
  setReferences(project.db, lookId, [...loaded.references, ...loaded.productShots].map((r) => ({
    assetSha256: r.sha256, role: r.role, approved: r.approved, label: r.label,
    analysis: { source: r.source, index: r.index, ...r.analysis },
  })));
}
