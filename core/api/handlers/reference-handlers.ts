/**
 * references.*: the reference board. Dropped paths may be files or folders; every file is
 * decoded before it is accepted, and each refused one is reported by name with the reason.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError } from '../../domain/errors.ts';
import { deleteReference, listReferences, setReferenceApproved, setReferenceRole } from '../../store/looks-repo.ts';
import type { Handlers } from '../dispatch.ts';
import { requireProject, type StudioContext } from '../studio-context.ts';
import type { RejectedFile } from '../types.ts';
import { lookView, requireLook } from '../views.ts';
import { storeReference } from './store-reference.ts';
import { syncLookJson } from '../loaded-look.ts';

type Group = Pick<Handlers, 'references.add' | 'references.setRole' | 'references.setApproved' | 'references.remove'>;

const MAX_FILES = 64;

/** Files named by the drop: folders expand to their files (one level, sorted, hidden skipped). */
function expand(paths: string[], rejected: RejectedFile[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try { st = statSync(p); } catch { rejected.push({ name: basename(p), reason: 'file not found' }); continue; }
    if (st.isDirectory()) {
      for (const f of readdirSync(p).filter((n) => !n.startsWith('.')).sort()) if (statSync(join(p, f)).isFile()) out.push(join(p, f));
    } else out.push(p);
  }
  return out.slice(0, MAX_FILES);
}

export function referenceHandlers(ctx: StudioContext): Group {
  const findRef = (lookId: string, referenceId: string) => {
    const { project } = requireProject(ctx);
    requireLook(project, lookId);
    const ref = listReferences(project.db, lookId).find((r) => r.id === referenceId);
    if (!ref) throw new InputError(`reference not found: ${referenceId}`, 'referenceId', referenceId);
    return { project, ref };
  };
  return {
    'references.add': async ({ lookId, paths, role }) => {
      const { project } = requireProject(ctx);
      requireLook(project, lookId);
      const rejected: RejectedFile[] = [];
      for (const file of expand(paths, rejected)) {
        try { await storeReference(project, lookId, file, role); } catch (err) {
          if (!(err instanceof InputError)) throw err;
          // The person dropped a file, not a staging path: name the file, never where it was staged.
          rejected.push({ name: basename(file), reason: err.message.split(file).join(basename(file)).replace(/ \(\S*\/[^)]*\)/g, '') });
        }
      }
      syncLookJson(project, lookId);
      return { look: lookView(project, lookId), rejected };
    },
    'references.setRole': async ({ lookId, referenceId, role }) => {
      const { project } = findRef(lookId, referenceId);
      setReferenceRole(project.db, referenceId, role);
      syncLookJson(project, lookId);
      return lookView(project, lookId);
    },
    'references.setApproved': async ({ lookId, referenceId, approved }) => {
      const { project } = findRef(lookId, referenceId);
      setReferenceApproved(project.db, referenceId, approved);
      syncLookJson(project, lookId);
      return lookView(project, lookId);
    },
    'references.remove': async ({ lookId, referenceId }) => {
      const { project } = findRef(lookId, referenceId);
      deleteReference(project.db, referenceId);
      syncLookJson(project, lookId);
      return lookView(project, lookId);
    },
  };
}
