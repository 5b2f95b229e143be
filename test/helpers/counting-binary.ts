/**
 * Runs `work` with FFMPEG_PATH or FFPROBE_PATH pointing at a wrapper that counts its starts (the
 * real binary does the work), for tests that check how many processes an operation costs.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resetFfmpegResolution, resolveFfmpeg } from '../../core/media/ffmpeg-path.ts';

export async function withCountingBinary<T>(binary: 'ffmpeg' | 'ffprobe', dir: string, work: (starts: () => Promise<number>) => Promise<T>): Promise<T> {
  const real = resolveFfmpeg()[binary];
  const count = join(dir, `${binary}-starts.txt`);
  const wrapper = join(dir, `counting-${binary}`);
  await writeFile(count, '');
  await writeFile(wrapper, `#!/bin/sh\necho x >> '${count}'\nexec '${real}' "$@"\n`);
  await chmod(wrapper, 0o755);
  const variable = binary === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH';
  const before = process.env[variable];
  process.env[variable] = wrapper;
  resetFfmpegResolution();
  try {
    return await work(async () => (await readFile(count, 'utf8')).split('\n').filter(Boolean).length);
  } finally {
    if (before === undefined) delete process.env[variable]; else process.env[variable] = before;
    resetFfmpegResolution();
  }
}
