/**
 * Put one reference image on a look's board: decode and measure it (untrusted media: pixel
 * limit, failOn warning — core/look), copy it into the asset store, record the row.
 */
import { basename } from 'node:path';
import { InputError } from '../../domain/errors.ts';
import type { ReferenceRole } from '../../domain/look.ts';
import { analyseImageFile, type ReferenceAnalysis } from '../../look/analyse-reference.ts';
import { recordAsset } from '../../store/assets-repo.ts';
import { addReference, listReferences } from '../../store/looks-repo.ts';
import type { Project } from '../../store/open-project.ts';
import type { StoredAnalysis } from '../views.ts';

const EXT: Record<string, string> = { png: 'png', jpeg: 'jpg', jpg: 'jpg', webp: 'webp' };

export async function storeReference(project: Project, lookId: string, path: string, role: ReferenceRole, opts: { approved?: boolean; label?: string; analysis?: ReferenceAnalysis } = {}): Promise<void> {
  const name = opts.label ?? basename(path);
  const a = opts.analysis ?? await analyseImageFile(path, 'file', name);
  const ext = EXT[a.format];
  if (!ext) throw new InputError(`file ${JSON.stringify(name)} is a ${a.format} image; use PNG, JPEG or WebP`, 'file', name);
  if (listReferences(project.db, lookId).some((r) => r.assetSha256 === a.sha256)) {
    throw new InputError(`file ${JSON.stringify(name)} is already on the board`, 'file', name);
  }
  const ref = await project.assets.putFile(path, { ext });
  recordAsset(project.db, ref, 'image');
  const analysis: StoredAnalysis = { ext, width: a.width, height: a.height, palette: a.palette, sharpness: a.sharpness };
  addReference(project.db, lookId, { assetSha256: ref.sha256, role, approved: opts.approved ?? true, label: name, analysis });
}
