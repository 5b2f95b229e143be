/**
 * No silent deaths (issue 13 item 4): while a command runs, a crash prints what happened and
 * exits 1 instead of Node's bare stack or, worse, exit 13 with no message (Node's code for
 * "the top-level await never settled": the command was waiting on work nothing could finish).
 * Finished clips are in the project either way, so every message points at --resume.
 */
import { redact } from '../core/log/logger.ts';

export interface CrashGuard { settled(): void }

/** Install the handlers for one `main()` call; `settled()` removes them when the command returns. */
export function installCrashGuard(err: (text: string) => void): CrashGuard {
  const say = (what: string, e: unknown) => {
    const msg = e instanceof Error ? e.message : String(e);
    err(`continuity: internal error (${what}): ${redact(msg)}. Nothing finished is lost: run the same command again with --resume. Set CONTINUITY_DEBUG=1 for the stack.`);
    if (process.env.CONTINUITY_DEBUG && e instanceof Error) err(redact(e.stack ?? ''));
  };
  const onUncaught = (e: unknown) => { say('uncaught exception', e); process.exit(1); };
  const onUnhandled = (e: unknown) => { say('unhandled promise rejection', e); process.exit(1); };
  const onExit = () => {
    err('continuity: internal error: the command stopped while still waiting for work that nothing could finish (a bug). Nothing finished is lost: run the same command again with --resume.');
    process.exitCode = 1;
  };
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUnhandled);
  process.on('exit', onExit);
  return {
    settled() {
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onUnhandled);
      process.off('exit', onExit);
    },
  };
}
