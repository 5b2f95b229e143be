/**
 * `continuity session run | regenerate`: render a session (or one shot of it) through the gate
 * and print, per shot, the mechanism actually used, the score and the bridge SSIM.
 */
import type { CliIO } from '../command.ts';
import { numberOption, parseCommandArgs } from '../command.ts';
import { createShotRenderer } from '../../core/pipeline/create-renderer.ts';
import { createLookQualityStep } from '../../core/pipeline/look-quality.ts';
import { loadProjectLook } from '../../core/pipeline/project-look.ts';
import { regenerateShot, runSession, type RunSessionOptions, type SessionEvent } from '../../core/pipeline/run-session.ts';
import { findSessionShot } from '../../core/pipeline/session-store.ts';
import { InputError } from '../../core/domain/errors.ts';
import { lockProject, thisCommand } from '../../core/store/project-lock.ts';
import type { ContinuitySession } from '../../core/continuity/session.ts';
import { noExtra, openSession } from './args.ts';
import { formatSessionRun } from './format.ts';

type Sub = (argv: string[], io: CliIO) => Promise<number>;

const RUN_OPTIONS = {
  provider: { type: 'string' }, model: { type: 'string' }, budget: { type: 'string' }, 'max-retries': { type: 'string' },
  size: { type: 'string' }, json: { type: 'boolean' }, wait: { type: 'boolean' },
} as const;

/** --size WxH (a quick previz draft below the look's batch size). */
export function parseSize(raw: string | undefined): { width: number; height: number } | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d+)x(\d+)$/.exec(raw);
  const [w, h] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!m || w < 16 || h < 16 || w > 8192 || h > 8192 || w % 2 || h % 2) throw new InputError(`--size must be WIDTHxHEIGHT with even numbers from 16 to 8192 (e.g. 640x360), got ${JSON.stringify(raw)}`, 'size', raw);
  return { width: w, height: h };
}

/** Progress lines on stderr: one per finished attempt, retries, and what went stale. */
function progress(io: CliIO, positions: Map<string, number>): (e: SessionEvent) => void {
  return (e) => {
    switch (e.type) {
      case 'shot-updated':
        if (e.status === 'passed' || e.status === 'failed-gate' || e.status === 'review') io.err(`shot ${positions.get(e.shotId) ?? '?'}: ${e.status}${e.score !== undefined ? ` (score ${e.score.toFixed(2)})` : ''}`);
        break;
      case 'log': io.err(e.message.replace(/shot [0-9a-f-]{36}/g, (m) => `shot ${positions.get(m.slice(5)) ?? m.slice(5)}`)); break;
      case 'budget-warning': io.err(`budget: ${e.message}`); break;
      case 'session-stale': io.err(`stale: shots ${e.shotIds.map((id) => positions.get(id)).join(', ')} — ${e.reason}`); break;
      case 'job-progress': break;
    }
  };
}

async function withRunDeps(argv: string[], io: CliIO, sub: 'run' | 'regenerate', extraOptions: Record<string, { type: 'string' | 'boolean' }>,
  body: (o: RunSessionOptions, rest: string[], values: Record<string, string | boolean | undefined>, session: ContinuitySession) => Promise<number>): Promise<number> {
  const { values, positionals } = parseCommandArgs(`session ${sub}`, argv, { ...RUN_OPTIONS, ...extraOptions });
  const { project, stored, rest } = openSession(positionals, sub);
  let lock;
  try {
    // One writer per project (paid jobs): refuse, naming the holder, or --wait for it.
    lock = await lockProject(project.dir, { command: thisCommand(`continuity session ${sub}`), wait: Boolean(values.wait), signal: io.signal, onWaiting: (m) => io.err(m) });
  } catch (err) { project.close(); throw err; }
  try {
    const loaded = await loadProjectLook(project, stored.lookId);
    const batch = loaded.look.batch;
    const renderer = createShotRenderer({
      // --model alone: the registry knows which provider offers it.
      provider: (values.provider as string | undefined) ?? (values.model ? undefined : batch.provider), model: (values.model as string | undefined) ?? batch.model,
      purpose: 'session', commercialOnly: batch.commercialOnly, project, budgetUsd: numberOption('budget', values.budget as string | undefined, { min: 0 }) ?? batch.budgetUsd ?? null,
      batchId: `session-${stored.session.id}`,
    });
    try {
      const positions = new Map(stored.session.shots.map((s, i) => [s.id, i + 1]));
      return await body({
        project, sessionId: stored.session.id, loaded, renderer, quality: createLookQualityStep(),
        maxRetries: numberOption('max-retries', values['max-retries'] as string | undefined, { min: 0, max: 10, integer: true }),
        budgetUsd: numberOption('budget', values.budget as string | undefined, { min: 0 }) ?? batch.budgetUsd ?? null,
        size: parseSize(values.size as string | undefined), signal: io.signal, onEvent: progress(io, positions),
      }, rest, values, stored.session);
    } finally {
      await renderer.close?.();
    }
  } finally {
    project.close();
    lock.release();
  }
}

const run: Sub = (argv, io) => withRunDeps(argv, io, 'run', { 'only-stale': { type: 'boolean' } }, async (o, rest, values, session) => {
  noExtra('run', rest);
  const result = await runSession({ ...o, onlyStale: Boolean(values['only-stale']) });
  io.out(values.json ? JSON.stringify(result, null, 2) : formatSessionRun(session.name, result));
  return 0;
});

const regenerate: Sub = (argv, io) => withRunDeps(argv, io, 'regenerate', { seed: { type: 'string' } }, async (o, rest, values, session) => {
  const [shotRef, ...extra] = rest;
  noExtra('regenerate', extra);
  if (!shotRef) throw new InputError('session regenerate: missing SHOT (its number, id or label)', 'SHOT');
  const shot = findSessionShot(session, shotRef);
  const seed = numberOption('seed', values.seed as string | undefined, { min: 0, max: 2 ** 31 - 1, integer: true });
  const result = await regenerateShot({ ...o, shotId: shot.id, seed });
  io.out(values.json ? JSON.stringify(result, null, 2) : formatSessionRun(session.name, result));
  return 0;
});

export const runCommands: Record<string, Sub> = { run, regenerate };
