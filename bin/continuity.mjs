#!/usr/bin/env node
// The `continuity` command. It runs the prebuilt JavaScript in dist/cli-<stamp>/ whose stamp
// matches the sources on disk (scripts/build-cli.mjs; `npm ci` builds it via `prepare`), builds it
// first when the sources changed, and falls back to running the TypeScript through tsx when no
// build is possible (no esbuild, read-only folder). Nothing heavy loads before the command is known.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliDistDir, projectRoot, sourceStamp } from '../scripts/cli-stamp.mjs';

async function loadMain() {
  if (!process.env.CONTINUITY_CLI_FROM_SOURCE) {
    let dir = cliDistDir(projectRoot, sourceStamp());
    if (!existsSync(join(dir, 'main.mjs'))) {
      try {
        const { buildCli } = await import('../scripts/build-cli.mjs');
        dir = await buildCli();
      } catch {
        dir = undefined; // run from source below
      }
    }
    if (dir) return import(pathToFileURL(join(dir, 'main.mjs')).href);
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(projectRoot, 'cli', 'main.ts')).href);
}

const { main } = await loadMain();
process.exitCode = await main(process.argv.slice(2));
