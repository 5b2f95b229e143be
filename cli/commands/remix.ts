/**
 * `continuity remix PROJECT --look NAME --shot ID [--delta KIND[:VALUE]]… [--out DIR]` — make one
 * shot again from its anchor's current take with a declared change (issue 11). A thin shell over
 * core/pipeline/remix-shot.ts; `--out` also writes the look's clip pack afterwards.
 */
import type { CliCommand } from '../command.ts';
import { exactlyOnePositional, numberOption, parseCommandArgs } from '../command.ts';
import { InputError } from '../../core/domain/errors.ts';

const help = `Usage: continuity remix PROJECT --look NAME --shot ID [--delta KIND[:VALUE]]… [options]

Make one shot again from its parent anchor's current take with the declared change: the
provider's video edit where the model can edit (OpenAI-protocol remix), the change rendered on the
anchor's own pixels by the local renderer, or image-to-video from the anchor's frame with the
change applied first. A variant or seasonal swap keeps its own changes unless --delta replaces
them; an anchor given --delta gets a new variant shot (ID-x1, ID-x2, …) beside it.

Options:
  --look NAME         the look in the project
  --shot ID           the shot (as "continuity run" lists it: a2, a2-v1, a1-s1, …)
  --delta KIND[:VALUE] up to two declared changes:
                        palette:#rrggbb,#rrggbb,…  or palette:NAME (a palette of the look)
                        prop:TEXT | prop:product[N]   scene:TEXT   camera:MOTION[@FRAMING]
                        motif:SEASON[:TEXT]
  --provider ID       default: the look's
  --model ID          default: the look's
  --max-retries N     automatic retries when the take fails the gate (default 2)
  --out DIR           also write the look's clip pack to DIR/<Look>/
  --json              print the result as JSON on stdout
Exit codes: 0 ok, 1 failed work, 2 bad input, 130 canceled.`;

export const command: CliCommand = {
  name: 'remix',
  summary: 'make one shot again from its anchor\'s take with a declared change (variant / seasonal swap)',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('remix', argv, {
      look: { type: 'string' }, shot: { type: 'string' }, delta: { type: 'string', multiple: true },
      provider: { type: 'string' }, model: { type: 'string' }, 'max-retries': { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' },
    });
    if (values.help) { io.out(help); return 0; }
    const projectDir = exactlyOnePositional('remix', positionals, 'PROJECT', 'PROJECT folder');
    if (!values.look) throw new InputError('--look NAME is required (the look the shot belongs to)', 'look', values.look);
    if (!values.shot) throw new InputError('--shot ID is required (the shot to remix)', 'shot', values.shot);
    if ((values.delta?.length ?? 0) > 2) throw new InputError(`--delta: at most two declared changes, got ${values.delta!.length}`, 'delta', values.delta);
    const maxRetries = numberOption('max-retries', values['max-retries'], { min: 0, max: 10, integer: true });
    // The engine loads only once the arguments are known good: a bad-input rejection stays cheap.
    const [{ openProject }, { getLookByName, listLooks }, { createShotRenderer }, { remixShot }, { createLookQualityStep }, { exportLook }] = await Promise.all([
      import('../../core/store/open-project.ts'), import('../../core/store/looks-repo.ts'), import('../../core/pipeline/create-renderer.ts'),
      import('../../core/pipeline/remix-shot.ts'), import('../../core/pipeline/look-quality.ts'), import('../../core/pipeline/export-look.ts'),
    ]);
    const project = openProject(projectDir);
    try {
      const look = getLookByName(project.db, values.look);
      if (!look) throw new InputError(`--look: no look named ${JSON.stringify(values.look)} in ${project.dir}; looks: ${listLooks(project.db).map((l) => JSON.stringify(l.name)).join(', ') || '(none)'}`, 'look', values.look);
      const batch = look.look.batch;
      const renderer = createShotRenderer({
        provider: values.provider ?? (values.model ? undefined : batch.provider), model: values.model ?? batch.model,
        purpose: 'look-batch', commercialOnly: batch.commercialOnly, project, budgetUsd: batch.budgetUsd ?? null, batchId: `look-${look.id}`,
      });
      try {
        const r = await remixShot({
          project, lookId: look.id, shotId: values.shot, deltas: values.delta, renderer, quality: createLookQualityStep(),
          maxRetries, autoApprove: { action: 'gate pass in a headless run (continuity remix): no person reviewed it' }, signal: io.signal,
        });
        const pack = values.out ? await exportLook({ project, lookId: look.id, outDir: values.out, signal: io.signal }) : undefined;
        if (values.json) io.out(JSON.stringify({ ...r, pack: pack ? { root: pack.root, manifest: pack.manifestPath } : null }, null, 2));
        else {
          io.out([
            `${r.shotId}${r.created ? ' (new variant)' : ''}: ${r.status} (score ${r.score.toFixed(2)}), take ${r.takeId} from anchor take ${r.anchorTakeId}`,
            `  changes: ${r.deltas.map((d) => d.label).join(' + ')}`,
            `  ${r.note}`,
            ...(r.status === 'review' ? [`  held for review: ${r.reasons.join('; ')}`] : []),
            ...(pack ? [`Clip pack: ${pack.root}`] : []),
          ].join('\n'));
        }
        return 0;
      } finally {
        await renderer.close?.();
      }
    } finally {
      project.close();
    }
  },
};
