/** export.* and system.*: write the clip pack (core/pipeline exportLook), relink a moved one, reveal it, pick folders. */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { InputError } from '../../domain/errors.ts';
import { exportLook } from '../../pipeline/export-look.ts';
import { relinkPack } from '../../export/relink-pack.ts';
import type { Handlers } from '../dispatch.ts';
import { requireProject, type StudioContext } from '../studio-context.ts';
import { requireLook } from '../views.ts';

type Group = Pick<Handlers, 'export.start' | 'export.relink' | 'system.reveal' | 'system.pickDirectory'>;

function real(p: string): string { try { return realpathSync(p); } catch { return resolve(p); } }
const within = (root: string, p: string) => { const r = relative(real(root), real(p)); return r === '' || (!r.startsWith('..') && !isAbsolute(r)); };

export function exportHandlers(ctx: StudioContext): Group {
  // Packs this app wrote (this session): the only places outside the project we reveal.
  const exported = new Set<string>();
  return {
    'export.start': async ({ lookId, outDir, formats, includeAll }) => {
      const { project } = requireProject(ctx);
      requireLook(project, lookId);
      const result = await exportLook({
        project, lookId, outDir: resolve(outDir), formats, includeAll,
        onProgress: (p) => ctx.emit('export-progress', { lookId, progress: Math.max(0, Math.min(1, p.fraction)), message: p.step }),
      });
      ctx.emit('export-progress', { lookId, progress: 1, message: 'done' });
      exported.add(result.root);
      return { root: result.root, files: result.files.length + 1, skipped: result.skipped.map((s) => ({ name: s.label, reason: s.reason })) };
    },
    // Needs no open project: a pack is self-describing (its manifest.json). A relinked pack may be revealed.
    'export.relink': async ({ packDir }) => {
      const result = await relinkPack(resolve(packDir));
      exported.add(resolve(packDir));
      return result;
    },
    'system.reveal': async ({ path }) => {
      // The page may only point at the open project or a pack the app exported, never anywhere on disk.
      const target = resolve(path);
      const roots = [...(ctx.open ? [ctx.open.dir] : []), ...exported];
      if (!roots.some((r) => within(r, target))) throw new InputError(`cannot reveal ${JSON.stringify(path)}: only the open project and packs exported by the app can be shown`, 'path', path);
      return { shown: ctx.host.revealPath ? await ctx.host.revealPath(target) : false };
    },
    'system.pickDirectory': async ({ title }) => (ctx.host.pickDirectory ? ctx.host.pickDirectory(title ?? 'Choose a folder') : null),
  };
}
