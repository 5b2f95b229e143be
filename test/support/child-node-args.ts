/**
 * How a test starts a script in a child process. Under the suite runner (scripts/run-tests.mjs
 * sets CONTINUITY_TEST_BUILD to its build of the test files, scripts/build-tests.mjs) a
 * TypeScript script and the test switches run as their prebuilt JavaScript: tsx's hooks cost
 * ~0.7 s of CPU per child. Run by hand (no build), both go through tsx, as they always did.
 * No side effects: importing this installs no switches in the test's own process.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../..');
const SWITCHES = join(REPO, 'test/support/test-switches.ts');

/**
 * The node arguments that run `script` (a source path: .ts, or .mjs run as it is), with the test
 * switches (test/support/test-switches.ts: crash points, fast polls and backoff) installed or not.
 */
export function childNodeArgs(script: string, o: { switches: boolean }): string[] {
  const build = process.env.CONTINUITY_TEST_BUILD;
  const builtOf = (source: string) => (build ? join(build, relative(REPO, source).replace(/\.tsx?$/, '.mjs')) : null);
  const entry = /\.tsx?$/.test(script) ? builtOf(script) : script;
  const switches = builtOf(SWITCHES);
  if (entry && existsSync(entry) && (!o.switches || (switches && existsSync(switches)))) {
    return [...(o.switches ? ['--import', switches!] : []), entry];
  }
  return [...(o.switches ? ['--import', 'tsx', '--import', SWITCHES] : ['--import', 'tsx']), script];
}
