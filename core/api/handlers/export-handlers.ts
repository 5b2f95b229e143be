/** export.* and system.*: write the clip pack (core/pipeline exportLook), relink a moved one, reveal it, pick folders. */
import { resolve } from 'node:path';
import { exportLook } from '../../pipeline/export-look.ts';
import { relinkPack } from '../../export/relink-pack.ts';
import type { Handlers } from '../dispatch.ts';
import { requireProject, type StudioContext } from '../studio-context.ts';
import { requireLook } from '../views.ts';

type Group = Pick<Handlers, 'export.start' | 'export.relink' | 'system.reveal' | 'system.pickDirectory'>;

export function exportHandlers(ctx: StudioContext): Group {
  return {
    'export.start': async ({ lookId, outDir, formats, includeAll }) => {
      const { project } = requireProject(ctx);
      requireLook(project, lookId);
      const result = await exportLook({
        project, lookId, outDir: resolve(outDir), formats, includeAll,
        onProgress: (p) => ctx.emit('export-progress', { lookId, progress: Math.max(0, Math.min(1, p.fraction)), message: p.step }),
      });
      ctx.emit('export-progress', { lookId, progress: 1, message: 'done' });
      return { root: result.root, files: result.files.length + 1, skipped: result.skipped.map((s) => ({ name: s.label, reason: s.reason })) };
    },
    // Needs no open project: a pack is self-describing (its manifest.json).
    'export.relink': async ({ packDir }) => relinkPack(resolve(packDir)),
    'system.reveal': async ({ path }) => ({ shown: ctx.host.revealPath ? await ctx.host.revealPath(resolve(path)) : false }),
    'system.pickDirectory': async ({ title }) => (ctx.host.pickDirectory ? ctx.host.pickDirectory(title ?? 'Choose a folder') : null),
  };
}
