#!/usr/bin/env node
// Builds the `continuity` command into prebuilt JavaScript so the CLI does not transpile
// TypeScript at every start (issue 18: `--help` cost 2.6 s of CPU through tsx).
//
// Output: dist/cli-<stamp>/ with main.mjs, one command-<name>.mjs per file in cli/commands/ and
// shared chunks. cli/main.ts lists commands from their source files' text (cli/command-catalog.ts),
// so `--help` loads no command module.
// <stamp> hashes the source tree's paths, sizes and mtimes (see cli-stamp.mjs): bin/continuity.mjs
// runs the build whose stamp matches the sources on disk, so an edited checkout never runs stale code.
//
// Every output file sits two folders below the project root (dist/cli-<stamp>/x.mjs), the same
// depth as core/<area>/x.ts, so module-relative paths such as ../../resources/prices.json resolve
// to the same files in both forms.
//
// Usage: node scripts/build-cli.mjs            build for the current sources (no-op when current)
//        import { buildCli } from './build-cli.mjs'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliDistDir, projectRoot, sourceStamp } from './cli-stamp.mjs';

/** Builds dist/cli-<stamp>/ unless it exists; returns its folder. Safe when several processes race. */
export async function buildCli(root = projectRoot) {
  const stamp = sourceStamp(root);
  const out = cliDistDir(root, stamp);
  if (existsSync(join(out, 'main.mjs'))) return out;
  const { build } = await import('esbuild'); // a devDependency: absent, bin/continuity.mjs runs the sources through tsx
  const commandsDir = join(root, 'cli', 'commands');
  const files = readdirSync(commandsDir).filter((f) => f.endsWith('.ts')).sort();
  const entryPoints = { main: join(root, 'cli', 'main.ts') };
  for (const file of files) entryPoints[`command-${file.replace(/\.ts$/, '')}`] = join(commandsDir, file);
  const tmp = join(root, 'dist', `.cli-build-${process.pid}-${Date.now()}`);
  mkdirSync(tmp, { recursive: true });
  try {
    await build({
      entryPoints, outdir: tmp, bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20',
      outExtension: { '.js': '.mjs' }, entryNames: '[name]', chunkNames: 'chunk-[hash]',
      // Packages stay in node_modules: native ones (sharp, better-sqlite3) must, and the SDKs load
      // only in the commands that reach them.
      packages: 'external', sourcemap: 'linked', logLevel: 'warning',
      // Some packages are CommonJS and expect require; ESM output has none.
      banner: { js: "import { createRequire as __cs_createRequire } from 'node:module'; const require = __cs_createRequire(import.meta.url);" },
    });
    try {
      renameSync(tmp, out);
    } catch (err) {
      // Another process built the same stamp first: theirs is identical.
      if (!existsSync(join(out, 'main.mjs'))) throw err;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  removeOldBuilds(root, out);
  return out;
}

/** Builds of earlier sources are kept for an hour (a running process may still import from one). */
function removeOldBuilds(root, keep) {
  const dist = join(root, 'dist');
  const hourAgo = Date.now() - 3600_000;
  for (const name of readdirSync(dist)) {
    const dir = join(dist, name);
    if (!name.startsWith('cli-') || dir === keep) continue;
    try { if (statSync(dir).mtimeMs < hourAgo) rmSync(dir, { recursive: true, force: true }); } catch { /* raced: gone */ }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  let out;
  try {
    out = await buildCli();
  } catch (err) {
    // `prepare` runs on every install: a missing esbuild (production install) must not fail it.
    if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    console.log('build-cli: esbuild is not installed; `continuity` will run its TypeScript sources through tsx.');
    process.exit(0);
  }
  console.log(`build-cli: ${out.slice(dirname(projectRoot).length + 1)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
