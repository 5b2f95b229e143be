/**
 * A continuity session's current takes, in session order, as an NLE-ready clip pack (issue 12
 * item 9; DESIGN.md §8): the same writer as a look's pack (core/export writeClipPack), so the
 * timelines, prompt packs and manifest are the same kind of files. The timeline order is the
 * session's shot order; the pack is named after the look and the session so it never replaces
 * the look's own matrix pack.
 */
import { InputError } from '../domain/errors.ts';
import type { ExportFormat, ExportProgress } from '../export/types.ts';
import { writeClipPack } from '../export/write-clip-pack.ts';
import { probe } from '../media/probe.ts';
import { getLook } from '../store/looks-repo.ts';
import type { Project } from '../store/open-project.ts';
import { listSessionShots } from '../store/shots-repo.ts';
import { APP_VERSION } from './app-version.ts';
import { clipsForExport, withPosterFrames, type ExportLookResult } from './export-look.ts';
import { loadSession } from './session-store.ts';

export interface ExportSessionOptions {
  project: Project;
  sessionId: string;
  outDir: string;
  formats?: ExportFormat[];
  /** Deliver takes not approved in review too (marked in the manifest). */
  includeAll?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
}

/** The pack's title: look and session, so the folder says which sequence it holds. */
export function sessionPackTitle(lookName: string, sessionName: string): string {
  return `${lookName} — ${sessionName}`;
}

export async function exportSession(o: ExportSessionOptions): Promise<ExportLookResult> {
  const { session, lookId } = loadSession(o.project, o.sessionId);
  const look = getLook(o.project.db, lookId);
  if (!look) throw new InputError(`session "${session.name}" belongs to a look that is no longer in this project`, 'sessionId', o.sessionId);
  const rows = listSessionShots(o.project.db, o.sessionId);
  const clips = clipsForExport(o.project, lookId, rows);
  if (clips.length === 0) throw new InputError(`session "${session.name}" has no rendered shots to export yet: render it first`, 'session', session.name);
  const unrendered = rows.filter((r) => !r.currentTakeId).map((r) => `shot ${r.position + 1} ("${r.plan.label}")`);
  if (unrendered.length) throw new InputError(`session "${session.name}" has shots without a take (${unrendered.join(', ')}): render them first, a sequence with a gap does not cut together`, 'session', session.name);
  // A session may have been rendered at a draft size: the pack states what its clips are.
  const first = await probe(clips[0]!.gradedPath, { signal: o.signal });
  const fps = Math.round(first.fps * 1000) / 1000;
  return withPosterFrames(clips, o.signal, () => writeClipPack({
    appVersion: APP_VERSION,
    look: { name: sessionPackTitle(look.name, session.name) },
    settings: {
      width: first.width, height: first.height, seconds: look.look.batch.seconds, fps, session: session.name,
      provider: clips[0]!.pack.model.provider, model: clips[0]!.pack.model.model, canonVersion: clips[0]!.pack.canonVersion,
    },
    clips,
  }, { outDir: o.outDir, formats: o.formats, includeAll: o.includeAll, signal: o.signal, onProgress: o.onProgress }));
}
