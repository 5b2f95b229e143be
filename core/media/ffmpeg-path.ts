/**
 * Which ffmpeg / ffprobe to run: FFMPEG_PATH / FFPROBE_PATH → the optional ffmpeg-static package
 * → PATH. ffmpeg-static is optional because its install step downloads a binary, which fails on
 * offline build machines; Debian's `ffmpeg` package is the fallback there.
 */
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { WorkError } from '../domain/errors.ts';
import { asarUnpackedPath } from './asar-unpacked.ts';

export interface FfmpegBinaries { ffmpeg: string; ffprobe: string }

const exe = process.platform === 'win32' ? '.exe' : '';

function isExecutable(path: string): boolean {
  try { accessSync(path, constants.X_OK); return true; } catch { return false; }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name + exe);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function fromStatic(): string | undefined {
  try {
    const found = createRequire(import.meta.url)('ffmpeg-static') as string | null;
    // In a packaged app the package resolves inside app.asar, which cannot be executed.
    const path = found ? asarUnpackedPath(found) : null;
    return path && isExecutable(path) ? path : undefined;
  } catch { return undefined; }
}

export const INSTALL_FFMPEG_HELP =
  'Install ffmpeg (it includes ffprobe):\n' +
  '  Debian/Ubuntu: sudo apt-get install ffmpeg\n' +
  '  macOS:         brew install ffmpeg\n' +
  '  Windows:       winget install ffmpeg   (or choco install ffmpeg)\n' +
  'or point FFMPEG_PATH and FFPROBE_PATH at the binaries.';

let cached: FfmpegBinaries | undefined;

/** Resolve both binaries once per process; throws a WorkError with install instructions. */
export function resolveFfmpeg(): FfmpegBinaries {
  if (cached) return cached;
  const ffmpeg = process.env.FFMPEG_PATH || fromStatic() || onPath('ffmpeg');
  // ffmpeg-static ships no ffprobe; look beside the chosen ffmpeg first, then PATH.
  const ffprobe = process.env.FFPROBE_PATH || (ffmpeg && siblingProbe(ffmpeg)) || onPath('ffprobe');
  if (!ffmpeg || !isExecutable(ffmpeg)) throw new WorkError(`ffmpeg not found${process.env.FFMPEG_PATH ? ` at FFMPEG_PATH=${process.env.FFMPEG_PATH}` : ''}.\n${INSTALL_FFMPEG_HELP}`, 'ffmpeg_missing');
  if (!ffprobe || !isExecutable(ffprobe)) throw new WorkError(`ffprobe not found${process.env.FFPROBE_PATH ? ` at FFPROBE_PATH=${process.env.FFPROBE_PATH}` : ''}.\n${INSTALL_FFMPEG_HELP}`, 'ffmpeg_missing');
  cached = { ffmpeg, ffprobe };
  return cached;
}

function siblingProbe(ffmpeg: string): string | undefined {
  const candidate = ffmpeg.replace(/ffmpeg(\.exe)?$/, `ffprobe${exe}`);
  return candidate !== ffmpeg && isExecutable(candidate) ? candidate : undefined;
}

/** For tests and the app's settings screen (a user-chosen ffmpeg path). */
export function resetFfmpegResolution(): void { cached = undefined; }
