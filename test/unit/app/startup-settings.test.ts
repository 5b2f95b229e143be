/**
 * Issue 12 item 11: the ffmpeg path chosen in Settings applies at start-up (not only when it is
 * changed again), and `continuity --version` prints the app's own version.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createStudio } from '../../../core/api/create-studio.ts';
import { createMemoryKeyStore } from '../../../core/api/key-store.ts';
import { createFileSettingsStore, DEFAULT_SETTINGS } from '../../../core/api/settings-store.ts';
import { resetFfmpegResolution, resolveFfmpeg } from '../../../core/media/ffmpeg-path.ts';

const REPO = resolve(import.meta.dirname, '../../..');

test('the ffmpeg chosen in Settings is the one the engine runs from start-up', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'startup-ffmpeg-'));
  const saved = { FFMPEG_PATH: process.env.FFMPEG_PATH, FFPROBE_PATH: process.env.FFPROBE_PATH };
  t.after(() => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    resetFfmpegResolution();
    rmSync(dir, { recursive: true, force: true });
  });
  // A real ffmpeg under another name: the chosen binary, not whatever PATH finds.
  const real = resolveFfmpeg().ffmpeg;
  const chosen = join(dir, 'my-ffmpeg');
  symlinkSync(real, chosen);
  const userDataDir = join(dir, 'data');
  createFileSettingsStore(userDataDir).set({ ...DEFAULT_SETTINGS, ffmpegPath: chosen });
  delete process.env.FFMPEG_PATH;
  resetFfmpegResolution();

  const studio = createStudio({ userDataDir, keyStore: createMemoryKeyStore(), onEvent: () => {} });
  try {
    assert.equal(resolveFfmpeg().ffmpeg, chosen, 'the stored choice is applied when the app starts');
  } finally { await studio.close(); }
});

test('continuity --version prints the version in package.json, whatever npm says', () => {
  const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
  // Run from another package's npm script, npm_package_version names THAT package.
  const r = spawnSync(process.execPath, [join(REPO, 'bin/continuity.mjs'), '--version'], {
    cwd: REPO, encoding: 'utf8', env: { ...process.env, npm_package_version: '9.9.9-some-other-package' }, timeout: 120_000,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), version);
});
