import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetFfmpegResolution, resolveFfmpeg } from '../../../core/media/ffmpeg-path.ts';
import { runFfmpeg } from '../../../core/media/run-ffmpeg.ts';

test('ffmpeg runs with OpenBLAS held to one thread, and with the rest of our environment', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'ffmpeg-env-'));
  const seen = join(dir, 'env.txt'), wrapper = join(dir, 'env-ffmpeg');
  const real = resolveFfmpeg().ffmpeg;
  // The wrapper writes what the child was given, then the real ffmpeg does the work.
  await writeFile(wrapper, `#!/bin/sh\necho "blas=$OPENBLAS_NUM_THREADS marker=$CONTINUITY_ENV_MARKER" > '${seen}'\nexec '${real}' "$@"\n`);
  await chmod(wrapper, 0o755);
  const before = { path: process.env.FFMPEG_PATH, blas: process.env.OPENBLAS_NUM_THREADS };
  process.env.FFMPEG_PATH = wrapper;
  process.env.CONTINUITY_ENV_MARKER = 'kept';
  process.env.OPENBLAS_NUM_THREADS = '8';
  resetFfmpegResolution();
  t.after(async () => {
    for (const [k, v] of [['FFMPEG_PATH', before.path], ['OPENBLAS_NUM_THREADS', before.blas]] as const) {
      if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
    delete process.env.CONTINUITY_ENV_MARKER;
    resetFfmpegResolution();
    await rm(dir, { recursive: true, force: true });
  });
  await runFfmpeg(['-v', 'error', '-f', 'lavfi', '-i', 'color=s=16x16:d=0.04', '-f', 'null', '-']);
  assert.equal((await readFile(seen, 'utf8')).trim(), 'blas=1 marker=kept');
});
