/**
 * A source video for a provider edit (issue 11): the anchor take's clip, read once with its hash
 * (recorded in the job's payload instead of the bytes) and checked against the provider's size
 * limit before anything is sent — a refusal names the file, its size and the limit.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../../domain/errors.ts';

export interface PreparedVideo { buffer: Buffer; contentType: 'video/mp4'; sha256: string }

/** Read `path` (an mp4 the pipeline made) if it is at most `maxBytes`. */
export async function prepareVideo(path: string, maxBytes: number, provider: string): Promise<PreparedVideo> {
  const s = await stat(path);
  if (!s.isFile()) throw new InputError(`source video ${path} is not a regular file`, 'sourceVideo', path);
  if (s.size > maxBytes) {
    throw new InputError(`source video ${path} is ${(s.size / 1048576).toFixed(1)} MB; ${provider} takes at most ${(maxBytes / 1048576).toFixed(1)} MB for an edit`, 'sourceVideo', path);
  }
  const buffer = await readFile(path);
  return { buffer, contentType: 'video/mp4', sha256: createHash('sha256').update(buffer).digest('hex') };
}

/** What a payload records for a prepared video: its hash and size, never its bytes. */
export function describeVideo(v: PreparedVideo, how: string): string {
  return `sha256:${v.sha256} (${v.contentType}, ${v.buffer.length} bytes ${how})`;
}
