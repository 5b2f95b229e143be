// The stamp of the CLI's sources: which prebuilt dist/cli-<stamp>/ matches the code on disk.
// Paths, sizes and modification times of every file the CLI bundle is built from. Reading ~400
// directory entries costs a few milliseconds, far less than one transpile, and means an edited
// checkout (or a branch switch) never runs stale prebuilt code.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

const SOURCE_ROOTS = ['cli', 'core'];
const SOURCE_FILES = ['package.json', 'scripts/build-cli.mjs', 'scripts/cli-stamp.mjs'];

/** A short hash of the CLI's source tree as it is on disk now. */
export function sourceStamp(root = projectRoot) {
  const hash = createHash('sha256');
  const add = (path) => {
    const st = statSync(path);
    hash.update(`${relative(root, path)}\0${st.size}\0${Math.trunc(st.mtimeMs)}\n`);
  };
  for (const dir of SOURCE_ROOTS) {
    const entries = readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(ts|mjs|js|json)$/.test(e.name))
      .map((e) => join(e.parentPath ?? e.path, e.name))
      .sort();
    for (const path of entries) add(path);
  }
  for (const file of SOURCE_FILES) add(join(root, file));
  return hash.digest('hex').slice(0, 16);
}

/** Where the build for a stamp lives (two folders below the root, like core/<area>/). */
export function cliDistDir(root, stamp) {
  return join(root, 'dist', `cli-${stamp}`);
}
