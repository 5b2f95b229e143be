/**
 * export.* and system.*: write the clip pack (core/pipeline exportLook, or exportSession for a
 * session in session order), reveal it, pick folders.
 */
import { isAbsolute, resolve } from 'node:path';
import { InputError } from '../../domain/errors.ts';
import { exportLook } from '../../pipeline/export-look.ts';
import { exportSession } from '../../pipeline/export-session.ts';
import { loadSession } from '../../pipeline/session-store.ts';
import type { Handlers } from '../dispatch.ts';
import { requireProject, type StudioContext } from '../studio-context.ts';
import { requireLook } from '../views.ts';

type Group = Pick<Handlers, 'export.start' | 'system.reveal' | 'system.pickDirectory'>;

export function exportHandlers(ctx: StudioContext): Group {
  return {
    'export.start': async ({ lookId, sessionId, outDir, formats, includeAll }) => {
      const { project } = requireProject(ctx);
      requireLook(project, lookId);
      // A relative folder would land wherever the app happens to run from (its install folder).
      if (!isAbsolute(outDir)) throw new InputError(`Choose a full folder path for the export (one starting with / or a drive letter), got "${outDir}"`, 'outDir', outDir);
      if (sessionId && loadSession(project, sessionId).lookId !== lookId) throw new InputError('this session belongs to another look', 'sessionId', sessionId);
      ctx.emit('export-progress', { lookId, progress: 0, message: 'reading the takes' });
      const onProgress = (p: { fraction: number; step: string }) => ctx.emit('export-progress', { lookId, progress: Math.max(0, Math.min(1, p.fraction)), message: p.step });
      const result = sessionId
        ? await exportSession({ project, sessionId, outDir: resolve(outDir), formats, includeAll, onProgress })
        : await exportLook({ project, lookId, outDir: resolve(outDir), formats, includeAll, onProgress });
      ctx.emit('export-progress', { lookId, progress: 1, message: 'done' });
      return { root: result.root, files: result.files.length + 1, skipped: result.skipped.map((s) => ({ name: s.label, reason: s.reason })) };
    },
    'system.reveal': async ({ path }) => ({ shown: ctx.host.revealPath ? await ctx.host.revealPath(resolve(path)) : false }),
    'system.pickDirectory': async ({ title }) => (ctx.host.pickDirectory ? ctx.host.pickDirectory(title ?? 'Choose a folder') : null),
  };
}
