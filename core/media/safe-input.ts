/**
 * Input arguments for files we did not make (RELIABILITY.md "Untrusted media"), plus the checks
 * that run before anything is spawned: the file exists, is a regular file and is not empty.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../domain/errors.ts';
import { kindOf } from './read-untrusted.ts';

/**
 * Demuxers a video input may be opened with. Whitelisting containers (not only protocols) stops
 * a playlist (hls, concat) that points at other files, and stops ffmpeg from "decoding" a text
 * file as the tty demuxer: a renamed .txt must be refused, not rendered as a picture of text.
 */
export const VIDEO_DEMUXERS = ['mov', 'mp4', 'm4a', '3gp', '3g2', 'mj2', 'matroska', 'webm', 'avi', 'mpegts', 'flv', 'mxf', 'ogg', 'gif'];

/**
 * `-i` for one untrusted local file: only the file/pipe protocols, only whitelisted demuxers, and
 * an absolute `file:` URL so a name like `concat:a|b` or `-x.mp4` is never read as a protocol or an option.
 */
export function safeInputArgs(path: string, demuxers: readonly string[] = VIDEO_DEMUXERS): string[] {
  return ['-protocol_whitelist', 'file,pipe', '-format_whitelist', demuxers.join(','), '-i', `file:${resolve(path)}`];
}

/**
 * Refuse a missing, empty or non-regular file before spawning anything, naming the argument and
 * the path. `what` reads like "video" or "image".
 */
export async function assertInputFile(path: string, what = 'video', field = what): Promise<number> {
  if (typeof path !== 'string' || path.length === 0) throw new InputError(`no ${what} file given`, field, path);
  let size: number;
  try {
    const st = await stat(path);
    // A device (/dev/zero), FIFO or socket is never opened: it could stream forever or block.
    if (!st.isFile()) throw new InputError(`${what} is not a file: ${path} is ${kindOf(st)}`, field, path);
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError(`${what} file not found: ${path}`, field, path);
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(`${what} file is not readable (permission denied): ${path}`, field, path);
    throw new InputError(`${what} file cannot be opened: ${path} (${code ?? (err as Error).message})`, field, path);
  }
  if (size === 0) throw new InputError(`not a readable ${what}: ${path} (the file is empty)`, field, path);
  return size;
}
