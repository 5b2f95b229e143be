/**
 * The project's look as the engine's `LoadedLook` (what core/look makes from a LOOK.json), so the
 * planner and the pipeline run on board references exactly as they run on a file: references
 * are the approved images in the asset store, product-role images are the product shots.
 */
import { relative } from 'node:path';
import type { LoadedLook, ResolvedReference } from '../look/load-look-file.ts';
import { getAsset } from '../store/assets-repo.ts';
import { listReferences } from '../store/looks-repo.ts';
import type { Project } from '../store/open-project.ts';
import { InputError } from '../domain/errors.ts';
import { saveLook } from '../store/looks-repo.ts';
import { assetExt, requireLook, type StoredAnalysis } from './views.ts';

export function loadedLookFromProject(project: Project, lookId: string, opts: { requireReferences?: boolean } = {}): LoadedLook {
  const row = requireLook(project, lookId);
  const refs = listReferences(project.db, lookId).filter((r) => r.approved);
  const resolved = refs.map((r, i): ResolvedReference & { product: boolean } => {
    const a = (r.analysis ?? {}) as Partial<StoredAnalysis>;
    const ext = assetExt(project, r.assetSha256, r.analysis);
    const path = project.assets.pathOf(r.assetSha256, ext);
    return {
      index: i, id: r.id, source: r.role === 'product' ? 'product' : 'reference', role: r.role, label: r.label ?? '', approved: r.approved,
      path, relPath: relative(project.dir, path).split('\\').join('/'), sha256: r.assetSha256, product: r.role === 'product',
      analysis: {
        sha256: r.assetSha256, bytes: getAsset(project.db, r.assetSha256)?.bytes ?? 0, format: ext === 'jpg' ? 'jpeg' : ext,
        width: a.width ?? 0, height: a.height ?? 0, palette: a.palette ?? [], sharpness: a.sharpness ?? 0,
      },
    };
  });
  const references = resolved.filter((r) => !r.product).map((r, index) => ({ ...r, index }));
  const productShots = resolved.filter((r) => r.product).map((r, index) => ({ ...r, index }));
  if (opts.requireReferences && references.length === 0) {
    throw new InputError(`look ${JSON.stringify(row.name)} has no approved reference images: drop 3–5 images on the reference board first`, 'references', 0);
  }
  const warnings = references.length < 3 || references.length > 5 ? [`the look has ${references.length} approved references; 3–5 work best`] : [];
  return {
    look: {
      ...row.look,
      references: references.map((r) => ({ path: r.path, role: r.role, approved: true, label: r.label || undefined })),
      productShots: productShots.map((r) => ({ path: r.path, name: r.label || undefined })),
    },
    dir: project.dir, file: `${project.dir}/LOOK.json`, references, productShots, warnings,
  };
}

/**
 * Mirror the board (look_references rows) into the look's JSON with project-relative asset paths,
 * the shape core/pipeline's project looks use, so the CLI (`run --project`) sees what the app sees.
 */
export function syncLookJson(project: Project, lookId: string): void {
  const row = requireLook(project, lookId);
  const refs = listReferences(project.db, lookId);
  const rel = (sha: string, analysis: unknown) => relative(project.dir, project.assets.pathOf(sha, assetExt(project, sha, analysis))).split('\\').join('/');
  const look = {
    ...row.look,
    references: refs.filter((r) => r.role !== 'product').map((r) => ({ path: rel(r.assetSha256, r.analysis), role: r.role, approved: r.approved, ...(r.label ? { label: r.label } : {}) })),
    productShots: refs.filter((r) => r.role === 'product').map((r) => ({ path: rel(r.assetSha256, r.analysis), ...(r.label ? { name: r.label } : {}) })),
  };
  saveLook(project.db, { id: row.id, look, dir: row.dir });
}
