/**
 * A user-chosen ffmpeg (the app's Settings) must be an ffmpeg: an existing regular executable
 * file that answers `-version` as ffmpeg within 20 s (a loaded machine is slow to start it). The path comes only from the
 * shell's own file picker, never as text from the page, and is still checked here because
 * whatever passes becomes FFMPEG_PATH and is spawned for every media job.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { InputError } from '../domain/errors.ts';

/**
 * Check `path` and return it with ffmpeg's version line.
 * @throws InputError naming the path: not absolute, not a regular executable file, or not ffmpeg
 */
export async function validateFfmpegBinary(path: string): Promise<{ path: string; version: string }> {
  const bad = (why: string) => new InputError(`ffmpeg path ${JSON.stringify(path)} ${why}`, 'ffmpegPath', path);
  if (!isAbsolute(path)) throw bad('is not an absolute path');
  let st;
  try { st = statSync(path); } catch { throw bad('does not exist'); }
  if (!st.isFile()) throw bad('is not a regular file');
  try { accessSync(path, constants.X_OK); } catch { throw bad('is not executable'); }
  const out = await new Promise<string>((resolve) => {
    execFile(path, ['-version'], { timeout: 20_000, maxBuffer: 64 * 1024, windowsHide: true }, (err, stdout) => resolve(err ? '' : String(stdout)));
  });
  const version = out.split('\n')[0] ?? '';
  if (!/^ffmpeg version \S+/.test(version)) throw bad('does not answer "-version" as ffmpeg');
  return { path, version };
}
