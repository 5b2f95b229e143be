/** `continuity jobs list|abandon|resubmit PROJECT [JOB]`: paid jobs waiting for a person's decision. */
import type { CliCommand } from '../command.ts';
import { parseCommandArgs } from '../command.ts';
import { InputError } from '../../core/domain/errors.ts';
import { decideStuckJob, listStuckJobs, type StuckJob } from '../../core/jobs/stuck-jobs.ts';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DB_FILE, openProject } from '../../core/store/open-project.ts';

const help = `Usage: continuity jobs list PROJECT [--json]
       continuity jobs abandon PROJECT JOB
       continuity jobs resubmit PROJECT JOB

Paid jobs whose create may or may not have reached the provider (the app stopped, or the
connection dropped, before the provider's answer was saved) wait for a person: they are never
sent again on their own, because a second create can be billed twice. Check the provider's
dashboard, then:
  abandon    the take is given up; nothing new is sent for it.
  resubmit   the take is set aside and the shot's next run (continuity run … --resume, or
             continuity session run) submits it again as a NEW take.
JOB is the job id or its take id, as "list" shows them.

Exit codes: 0 ok, 1 failed work, 2 bad input.`;

function line(j: StuckJob): string {
  return `${j.id}  take ${j.takeId}${j.keyframe ? ' (keyframe)' : ''}  ${j.provider}:${j.model}  est. $${j.estimatedCostUsd.toFixed(2)}\n    ${j.reason}`;
}

export const command: CliCommand = {
  name: 'jobs',
  summary: 'list, abandon or resubmit paid jobs waiting for your decision',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('jobs', argv, { json: { type: 'boolean' } });
    const [sub, dir, ref, ...extra] = positionals;
    if (extra.length) throw new InputError(`jobs: unexpected argument ${JSON.stringify(extra[0])}`, 'argument', extra[0]);
    if (sub !== 'list' && sub !== 'abandon' && sub !== 'resubmit') throw new InputError(`jobs: the first argument must be list, abandon or resubmit, got ${JSON.stringify(sub ?? '')}`, 'subcommand', sub);
    if (!dir) throw new InputError(`jobs ${sub}: missing PROJECT folder (the --project of a run, or DIR/.continuity-project)`, 'PROJECT');
    if (!existsSync(join(resolve(dir), DB_FILE))) throw new InputError(`not a project folder (no ${DB_FILE}): ${resolve(dir)}`, 'PROJECT', dir);
    const project = openProject(dir);
    try {
      if (sub === 'list') {
        if (ref) throw new InputError(`jobs list: unexpected argument ${JSON.stringify(ref)}`, 'argument', ref);
        const stuck = listStuckJobs(project.db);
        io.out(values.json ? JSON.stringify(stuck, null, 2) : stuck.length ? stuck.map(line).join('\n') : 'No paid job is waiting for a decision.');
        return 0;
      }
      if (!ref) throw new InputError(`jobs ${sub}: missing JOB (the job id or take id from "continuity jobs list ${dir}")`, 'JOB');
      const done = decideStuckJob(project.db, ref, sub, `continuity jobs ${sub}`);
      io.out(`${sub === 'abandon' ? 'abandoned' : 'set aside for resubmission'}: ${done.id} (take ${done.takeId})\n${done.reason}` +
        (sub === 'resubmit' ? '\nRun the look again with --resume (or the session) to submit the shot as a new take.' : ''));
      return 0;
    } finally { project.close(); }
  },
};
