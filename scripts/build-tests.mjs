// Builds test files into plain JavaScript for the suite runner (issue 18: the suite is CPU-bound).
//
// Loading the engine through tsx's module hooks costs about 1.7 s of CPU more per process than
// loading the same code prebuilt (measured: run-look.ts and its imports 2.7 s vs 1.0 s), and the
// suite starts one process per test file. esbuild — the compiler tsx itself uses — bundles each
// test file with the project's own modules; packages stay in node_modules, as in the CLI build.
//
// Each source keeps its own location: `import.meta.url`, `.dirname` and `.filename` are replaced
// in every project module by the values they have in the source tree, so paths a module resolves
// against itself (resources/, fixtures beside a test, child scripts) are the same files as under
// tsx, wherever the bundle sits.
//
// A test whose code imports TypeScript at run time (the CLI's command catalog loads
// cli/commands/<name>.ts when it runs from sources) cannot run as plain JavaScript; its entry
// registers tsx and imports the source instead, exactly as before.
//
// Usage: import { buildTests } from './build-tests.mjs'; const { dir, entries } = await buildTests(files)
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Scripts tests start in child processes, built beside the tests (test/support/child-node-args.ts
 * finds them through CONTINUITY_TEST_BUILD). One missing here only runs through tsx.
 */
const CHILD_SCRIPTS = [
  'test/support/test-switches.ts', 'test/fakes/run-batch-child.ts', 'test/integration/export/export-child.ts',
  'test/integration/store/kill-writer-child.ts', 'web-host/main.ts',
];

/** Source modules that import TypeScript files at run time; a test reaching one runs through tsx. */
const LOADS_TS_AT_RUN_TIME = ['cli/command-catalog.ts'];

const sourceLocation = {
  name: 'source-location',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const text = readFileSync(args.path, 'utf8')
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents: text, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts', resolveDir: dirname(args.path) };
    });
  },
};

/**
 * Builds `files` (paths relative to the project root) into `dir` (removed first). Returns the
 * entry to run for each file, in the same order.
 */
export async function buildTests(files, dir = join(projectRoot, 'dist', `test-build-${process.pid}`)) {
  const { build } = await import('esbuild');
  removeAbandonedBuilds(dirname(dir));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const entryPoints = [...files, ...CHILD_SCRIPTS.filter((f) => !files.includes(f))]
    .map((file) => ({ in: resolve(projectRoot, file), out: file.replace(/\.tsx?$/, '') }));
  const result = await build({
    entryPoints, outdir: dir, bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20',
    outExtension: { '.js': '.mjs' }, chunkNames: 'chunks/[hash]', packages: 'external',
    sourcemap: 'linked', logLevel: 'warning', metafile: true, plugins: [sourceLocation],
    jsx: 'automatic',
    banner: { js: "import { createRequire as __cs_createRequire } from 'node:module'; const require = __cs_createRequire(import.meta.url);" },
  });
  const needsTsx = new Set();
  for (const [out, meta] of Object.entries(result.metafile.outputs)) {
    if (!meta.entryPoint) continue;
    const reached = new Set([out]);
    const walk = (o) => { for (const i of result.metafile.outputs[o]?.imports ?? []) if (!i.external && !reached.has(i.path)) { reached.add(i.path); walk(i.path); } };
    walk(out);
    const inputs = [...reached].flatMap((o) => Object.keys(result.metafile.outputs[o]?.inputs ?? {}));
    if (inputs.some((i) => LOADS_TS_AT_RUN_TIME.some((m) => i.replaceAll('\\', '/').endsWith(m)))) needsTsx.add(resolve(projectRoot, meta.entryPoint));
  }
  const entries = files.map((file) => {
    const built = join(dir, `${file.replace(/\.tsx?$/, '')}.mjs`);
    const source = resolve(projectRoot, file);
    if (needsTsx.has(source)) {
      writeFileSync(built, `// ${relative(projectRoot, source)} imports TypeScript at run time: run its source through tsx.\n` +
        `import { register } from 'tsx/esm/api';\nregister();\nawait import(${JSON.stringify(pathToFileURL(source).href)});\n`);
    }
    return built;
  });
  return { dir, entries, throughTsx: [...needsTsx].map((s) => relative(projectRoot, s)) };
}

/** A suite killed outright cannot remove its build: any over a day old is abandoned. */
function removeAbandonedBuilds(parent) {
  const dayAgo = Date.now() - 24 * 3600_000;
  let names;
  try { names = readdirSync(parent); } catch { return; }
  for (const name of names) {
    if (!name.startsWith('test-build-')) continue;
    try { if (statSync(join(parent, name)).mtimeMs < dayAgo) rmSync(join(parent, name), { recursive: true, force: true }); } catch { /* raced: gone */ }
  }
}
