/**
 * The ffmpeg chosen in Settings is what the engine runs: at start-up (issue 12 item 11: it used to
 * apply only when changed) and whenever it changes. The engine resolves ffmpeg from FFMPEG_PATH.
 */
import { resetFfmpegResolution } from '../media/ffmpeg-path.ts';

/**
 * Point the engine at `path`. null clears a path chosen earlier in this process; at start-up
 * (`startup: true`) null leaves FFMPEG_PATH from the environment alone.
 */
export function applyFfmpegPath(path: string | null, opts: { startup?: boolean } = {}): void {
  if (path) process.env.FFMPEG_PATH = path;
  else if (!opts.startup) delete process.env.FFMPEG_PATH;
  else return;
  resetFfmpegResolution();
}
