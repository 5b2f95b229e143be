/**
 * `continuity session SUBCOMMAND …`: continuity sessions (DESIGN.md §1) from the command line —
 * an ordered list of shots where each one continues the previous by a frame bridge or a style
 * match, or inherits its style from an earlier shot (flashbacks, cutaways). The subcommands live
 * in cli/session/; this file routes and holds the help.
 */
import type { CliCommand, CliIO } from '../command.ts';
import { InputError } from '../../core/domain/errors.ts';

const SHOT = 'SHOT is a shot\'s number in the session (1, 2, …), its id or its label.';
const SHOT_FIELDS = `  --framing F         wide, medium, close, detail
  --motion M          push-in, pull-out, pan-left, pan-right, tilt-up, tilt-down, drift, static
  --mode M            frame-bridge: continue from the previous take's exact last frame (same angle)
                      style-match: a new angle, keyframed from the previous shot's style
  --style-ref SHOT    inherit the style of this earlier shot instead (flashback, cutaway); "none" clears
  --strength S        loose (0.4), balanced (0.6, default), strict (0.8), exact (0.95) or 0..1
  --label TEXT        a short name shown in lists
  --action TEXT       what happens in this shot (added to the canon's beats in the prompt)
  --character REF     the person in this shot: a look reference (ref:N, its label or sha256);
                      the shot gets an identity keyframe from that image. "none" clears`;

const HELP: Record<string, string> = {
  create: `Usage: continuity session create PROJECT --look LOOK.json|NAME --name NAME [--primary REF] [--allow-outside] [--json]

Create an empty session in PROJECT (the folder is created when missing). --look imports a
LOOK.json into the project, or names a look already in it.
  --primary REF       the style the first shot is anchored on: ref:N (the look's reference N,
                      default ref:1) or SHOT@first|last|SECONDS (a frame of that shot's take)
  --allow-outside     accept LOOK.json images outside its folder (../, absolute, symlinks out)`,
  add: `Usage: continuity session add PROJECT SESSION --framing F --motion M [--mode M] [options]

Add a shot (at the end, or at --at POSITION). SESSION is the session's name or id.
${SHOT_FIELDS}
  --at POSITION       insert at this position (1 = first); later rendered shots become stale
  --json              print the session as JSON`,
  set: `Usage: continuity session set PROJECT SESSION [SHOT] [shot options] [--primary REF] [--json]

Change a shot's settings (a rendered shot and the shots continuing from it become stale), or
the session's primary style reference with --primary ref:N | SHOT@first|last|SECONDS.
${SHOT_FIELDS}
${SHOT}`,
  move: `Usage: continuity session move PROJECT SESSION SHOT --to POSITION [--json]

Move a shot. Rendered shots whose predecessor changed become stale (their bridge no longer matches).
${SHOT}`,
  delete: `Usage: continuity session delete PROJECT SESSION SHOT [--json]
       continuity session delete PROJECT SESSION --session

Delete a shot and its takes (shots that inherited its style fall back to the previous shot and
are marked stale), or with --session the whole session.
${SHOT}`,
  list: `Usage: continuity session list PROJECT [SESSION] [--json]

Without SESSION: the project's sessions. With SESSION: its shots in order, how each continues,
its strength, and whether it is rendered or stale (and why).`,
  run: `Usage: continuity session run PROJECT SESSION [--only-stale] [options]

Render the session's shots in order, each on its visual anchor: shot 1 on the primary style
reference, a frame-bridge shot on the previous take's exact last frame, a style-match shot on a
style keyframe from its style source at its strength. Every take is graded onto the look, scored
and retried when it fails the gate. Prints per shot: mechanism used, score, bridge SSIM.
  --only-stale        render only stale shots and shots never rendered; keep the rest
  --provider ID       provider (default: the look's)
  --model ID          model (default: the look's; see "continuity providers")
  --budget USD        refuse to start attempts past this spend
  --max-retries N     automatic retries per shot when a take fails the gate (default 2)
  --size WxH          quick previz draft at this size instead of the look's (e.g. 640x360)
  --wait              when another run or the app is writing to the project, wait for it
  --json              print the result as JSON on stdout
Progress goes to stderr. Exit codes: 0 ok, 1 failed work, 2 bad input, 130 canceled.`,
  regenerate: `Usage: continuity session regenerate PROJECT SESSION SHOT [--seed S] [run options]

Render a new take of one shot (earlier takes are kept). Later shots that continue from it are
marked stale and listed; re-render them with "continuity session run PROJECT SESSION --only-stale".
  --seed S            render with this seed (default: the inherited one; the local renderer
                      is deterministic, so a new seed gives a different take)
Run options as for "session run". ${SHOT}`,
  export: `Usage: continuity session export PROJECT --session NAME --out DIR [--formats LIST] [--all] [--json]

Write the session's current takes, in session order, as a clip pack an editor can drop into
Resolve, Premiere, Final Cut or Kdenlive: <DIR>/<Look — Session>/ with Clips/, PromptPacks/,
Stills/, Timelines/ (the timeline follows the session order) and manifest.json.
  --session NAME      the session (its name or id; may also be given after PROJECT)
  --out DIR           export root
  --formats LIST      fcpxml, edl, otio, mlt (default: all)
  --all               also deliver takes not approved in review (marked in the manifest)
  --json              machine-readable result
Every shot needs a take: a sequence with a gap does not cut together.`,
};

const help = `Usage: continuity session SUBCOMMAND PROJECT … (run "continuity session SUBCOMMAND --help")

A continuity session is an ordered list of shots that cut together: each shot continues the
previous one by a frame bridge (same angle, from its exact last frame) or a style match (new
angle), or inherits its style from an earlier shot (--style-ref: flashbacks, cutaways).

Subcommands:
  create PROJECT --look LOOK.json|NAME --name NAME     new session
  add PROJECT SESSION --framing F --motion M [--mode M] [--style-ref SHOT] [--strength S] [--character REF]
  set PROJECT SESSION [SHOT] [options] [--primary REF] change a shot or the primary reference
  move PROJECT SESSION SHOT --to POSITION              reorder
  delete PROJECT SESSION SHOT | --session              delete a shot or the session
  list PROJECT [SESSION]                               sessions, or a session's shots
  run PROJECT SESSION [--only-stale] [--json]          render; per shot mechanism, score, bridge SSIM
  regenerate PROJECT SESSION SHOT [--seed S]           new take of one shot; marks dependants stale
  export PROJECT --session NAME --out DIR [--all]      clip pack in session order

Example:
  continuity session create proj --look resources/sample-look/look.json --name morning
  continuity session add proj morning --framing wide --motion push-in
  continuity session add proj morning --framing wide --motion static --mode frame-bridge
  continuity session add proj morning --framing close --motion pan-left --mode style-match --strength strict
  continuity session add proj morning --framing medium --motion drift --mode style-match --style-ref 1
  continuity session run proj morning
Exit codes: 0 ok, 1 failed work, 2 bad input, 130 canceled.`;

type Sub = (argv: string[], io: CliIO) => Promise<number>;
// Each subcommand's module loads only when that subcommand runs: the engine behind them costs about
// a second of start-up, which a mistyped subcommand or --help should not pay.
const editSub = (name: string) => async (): Promise<Sub> => (await import('../session/edit-commands.ts')).editCommands[name]!;
const runSub = (name: string) => async (): Promise<Sub> => (await import('../session/run-commands.ts')).runCommands[name]!;
const subcommands: Record<string, () => Promise<Sub>> = {
  create: editSub('create'), add: editSub('add'), set: editSub('set'), move: editSub('move'), delete: editSub('delete'), list: editSub('list'),
  run: runSub('run'), regenerate: runSub('regenerate'),
  export: async () => (await import('../session/export-command.ts')).exportCommand,
};

export const command: CliCommand = {
  name: 'session',
  summary: 'continuity sessions: shots that continue each other (bridges, style matches, flashbacks)',
  help,
  helpFor: (argv) => {
    const sub = argv.find((a) => !a.startsWith('-'));
    return sub ? HELP[sub] : undefined;
  },
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (!sub || sub === 'help') { io.out(rest[0] && HELP[rest[0]] ? HELP[rest[0]]! : help); return sub ? 0 : 2; }
    const load = subcommands[sub];
    if (!load) throw new InputError(`session: unknown subcommand ${JSON.stringify(sub)}; use one of ${Object.keys(subcommands).join(', ')}. Run "continuity session --help".`, 'SUBCOMMAND', sub);
    if (rest.includes('--help') || rest.includes('-h')) { io.out(HELP[sub] ?? help); return 0; }
    return (await load())(rest, io);
  },
};
