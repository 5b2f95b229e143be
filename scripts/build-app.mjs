#!/usr/bin/env node
// Builds the desktop app into dist/: the renderer with Vite (dist/renderer), the Electron main
// process and the preload with esbuild (dist/main/main.cjs, dist/preload/preload.cjs), and the
// test host's browser shim (dist/web-host/studio-shim.js).
// Usage: node scripts/build-app.mjs [--renderer-only]
//   --renderer-only  what the test host needs (renderer + shim); no Electron pieces.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rendererOnly = process.argv.includes('--renderer-only');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const started = Date.now();

await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });

await esbuild({
  entryPoints: [join(root, 'web-host/shim.ts')],
  outfile: join(root, 'dist/web-host/studio-shim.js'),
  bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: true, sourcemap: false, logLevel: 'warning',
});

if (!rendererOnly) {
  // Native and large SDK packages stay in node_modules (electron-builder unpacks the native
  // ones); electron-store is ESM-only, so it is bundled into the CommonJS main instead.
  const external = ['electron', ...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})]
    .filter((name) => name !== 'electron-store' && name !== 'tsx');
  await esbuild({
    entryPoints: [join(root, 'main/main.ts')],
    outfile: join(root, 'dist/main/main.cjs'),
    bundle: true, format: 'cjs', platform: 'node', target: 'node22', external, sourcemap: 'linked', logLevel: 'warning',
    // core/ is ESM and uses import.meta.url for createRequire and for resource paths computed from
    // its own folder (core/<area>/ → ../../resources). Bundled, every module shares one URL, so give
    // them one at the same depth: <app root>/core/bundled/main.js, where dist/main/.. /.. is the root.
    banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(require('node:path').join(__dirname, '..', '..', 'core', 'bundled', 'main.js')).href;" },
    define: { 'import.meta.url': '__import_meta_url' },
  });
  // Sandboxed preloads cannot load ES modules or node_modules: one self-contained CJS file.
  await esbuild({
    entryPoints: [join(root, 'preload/preload.ts')],
    outfile: join(root, 'dist/preload/preload.cjs'),
    bundle: true, format: 'cjs', platform: 'node', target: 'node22', external: ['electron'], minify: true, logLevel: 'warning',
  });
}
console.log(`build-app: ${rendererOnly ? 'renderer + shim' : 'renderer, shim, main, preload'} in ${((Date.now() - started) / 1000).toFixed(1)} s → dist/`);
