/**
 * projects.*: create / open a project folder (core/store) and remember recent ones in the
 * user-data folder. One project is open at a time; it stays open across renderer reloads.
 */
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { InputError } from '../../domain/errors.ts';
import { DB_FILE, openProject } from '../../store/open-project.ts';
import { tryLockProject, ProjectLockedError, readHolder } from '../../store/project-lock.ts';
import { getSetting, setSetting } from '../../store/settings-repo.ts';
import { listLooks } from '../../store/looks-repo.ts';
import type { Handlers } from '../dispatch.ts';
import { readJson, writeJsonAtomic } from '../settings-store.ts';
import type { StudioContext } from '../studio-context.ts';
import { thumbnailsSettled } from '../take-thumbnails.ts';
import type { ProjectSummary } from '../types.ts';

type Group = Pick<Handlers, 'projects.list' | 'projects.recent' | 'projects.current' | 'projects.create' | 'projects.open' | 'projects.close'>;

const MAX_RECENT = 12;

/** A folder name from a project name: readable, and safe on every OS. */
export function folderNameFor(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const s = name.normalize('NFC').replace(/[<>:"/\\|?*\u0000-\u001f]/g, '-').replace(/[. ]+$/, '').trim().slice(0, 60);
  return /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(s) || !s ? `project-${s || 'untitled'}` : s;
}

export function projectHandlers(ctx: StudioContext, stopRuns: () => Promise<void>): Group {
  const recentFile = join(ctx.userDataDir, 'recent-projects.json');
  const readRecent = () => readJson<ProjectSummary[]>(recentFile, []).filter((p) => existsSync(join(p.dir, DB_FILE)));

  const summary = (): ProjectSummary | null => {
    const o = ctx.open;
    if (!o) return null;
    return { dir: o.dir, name: o.name, openedAt: new Date().toISOString(), lookCount: listLooks(o.project.db).length };
  };

  const openAt = async (dir: string, create: boolean, name?: string): Promise<ProjectSummary> => {
    await stopRuns();
    await thumbnailsSettled();
    ctx.open?.close();
    ctx.open = null;
    const project = openProject(dir, { create });
    if (project.readOnly) {
      project.close();
      throw new InputError(`${project.readOnlyReason ?? 'project is read-only'}. Open it with a newer Continuity Studio.`, 'dir', dir);
    }
    // One writer per project: the app drives paid jobs on the open project, so it holds the
    // project's writer lock while it is open (a CLI run on it then waits or refuses, naming us).
    const lock = tryLockProject(project.dir, `Continuity Studio app (pid ${process.pid})`);
    if (!lock) {
      project.close();
      throw new ProjectLockedError(project.dir, readHolder(project.dir), 'Let it finish (or stop it), then open the project again.');
    }
    if (name) setSetting(project.db, 'project.name', name);
    const shown = getSetting<string>(project.db, 'project.name') ?? basename(project.dir);
    ctx.open = { dir: project.dir, name: shown, project, assetRoot: project.assets.root, close: () => { project.close(); lock.release(); } };
    const s = summary()!;
    writeJsonAtomic(recentFile, [s, ...readRecent().filter((p) => p.dir !== s.dir)].slice(0, MAX_RECENT));
    return s;
  };

  return {
    'projects.list': async () => readRecent(),
    'projects.recent': async () => readRecent().slice(0, 8),
    'projects.current': async () => summary(),
    'projects.create': async ({ name, dir }) => {
      const target = resolve(dir ?? join(ctx.userDataDir, 'projects', folderNameFor(name)));
      if (existsSync(join(target, DB_FILE))) throw new InputError(`a project already exists in ${target}; open it instead, or choose another folder`, 'dir', target);
      return openAt(target, true, name);
    },
    'projects.open': async ({ dir }) => openAt(resolve(dir), false),
    'projects.close': async () => {
      await stopRuns();
      await thumbnailsSettled();
      ctx.open?.close();
      ctx.open = null;
      return null;
    },
  };
}
