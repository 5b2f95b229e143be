/**
 * `continuity session export PROJECT --session NAME --out DIR [--formats …] [--all] [--json]`
 * (also `session export PROJECT SESSION --out DIR`): a session's current takes, in session
 * order, as a clip pack — core/pipeline exportSession over the same writer as `continuity export`.
 */
import type { CliIO } from '../command.ts';
import { parseCommandArgs } from '../command.ts';
import { InputError } from '../../core/domain/errors.ts';
import { exportSession } from '../../core/pipeline/export-session.ts';
import { findSession } from '../../core/pipeline/session-store.ts';
import { formatSkipped, parseFormats } from '../commands/export.ts';
import { noExtra, openExistingProject } from './args.ts';
import { exportProgressPrinter } from '../shared/export-progress.ts';

export async function exportCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('session export', argv, {
    session: { type: 'string' }, out: { type: 'string' }, formats: { type: 'string' }, all: { type: 'boolean' }, json: { type: 'boolean' },
  });
  const [dir, positionalSession, ...extra] = positionals;
  noExtra('export', extra);
  if (values.session && positionalSession) throw new InputError(`session export: give the session once (--session ${JSON.stringify(values.session)} or ${JSON.stringify(positionalSession)}, not both)`, 'session', positionalSession);
  const sessionRef = values.session ?? positionalSession;
  if (!values.out) throw new InputError('session export: --out DIR is required (where the clip pack goes)', 'out', values.out);
  const formats = parseFormats(values.formats);
  const project = openExistingProject(dir, 'export');
  try {
    if (!sessionRef) throw new InputError(`session export: missing --session NAME. Run "continuity session list ${dir}" to see the sessions.`, 'session');
    const session = findSession(project, sessionRef);
    const result = await exportSession({
      project, sessionId: session.id, outDir: values.out, formats, includeAll: Boolean(values.all), signal: io.signal,
      onProgress: exportProgressPrinter(io, Boolean(values.json)),
    });
    if (values.json) {
      io.out(JSON.stringify({ root: result.root, manifest: result.manifestPath, clips: result.clips, skipped: result.skipped, files: result.files.length }, null, 2));
      return 0;
    }
    io.out([
      `Clip pack of session "${session.name}" (session order): ${result.root}`,
      `  ${result.clips.length} clip${result.clips.length === 1 ? '' : 's'}, ${result.files.length} files, timelines: ${formats.join(', ')}`,
      `  manifest: ${result.manifestPath}`,
      ...formatSkipped(result.skipped),
    ].join('\n'));
    return 0;
  } finally {
    project.close();
  }
}
