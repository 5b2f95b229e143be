/**
 * A person picks the character reference for a shot or a batch (issue 12 item 3): `--character
 * REF` on the command line, the batch setting in the app. What is stored is the image's sha256,
 * which survives re-imports (reference rows are rebuilt on every import; content is not).
 */
import { InputError } from '../domain/errors.ts';
import { findCharacterReference } from '../look/character-reference.ts';
import { listReferences } from '../store/looks-repo.ts';
import type { Project } from '../store/open-project.ts';

/**
 * Resolve `raw` among the look's approved, non-product references: `ref:N` (1-based, board
 * order), the project reference id, the sha256 (or an 8+ digit prefix) or the label.
 * @returns the chosen image's sha256
 * @throws InputError naming the value and listing the choices
 */
export function chooseCharacterReference(project: Project, lookId: string, raw: string, field = 'character'): string {
  const refs = listReferences(project.db, lookId).filter((r) => r.approved && r.role !== 'product')
    .map((r) => ({ id: r.id, sha256: r.assetSha256, path: '', label: r.label ?? undefined, role: r.role }));
  const byIndex = /^ref:(\d+)$/.exec(raw);
  const hit = byIndex ? refs[Number(byIndex[1]) - 1] ?? null : findCharacterReference(refs, raw);
  if (!hit) {
    const choices = refs.map((r, i) => `ref:${i + 1} ${JSON.stringify(r.label ?? r.sha256.slice(0, 12))} (${r.role})`).join(', ');
    throw new InputError(`${field} ${JSON.stringify(raw)} names no approved reference of this look; choose one of: ${choices || '(the look has no approved references)'}`, field, raw);
  }
  return hit.sha256;
}
