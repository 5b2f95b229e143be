/** sha256 and size of a file, streamed so large clips never sit in memory. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export interface FileDigest { sha256: string; bytes: number }

/** sha256 (hex) and byte count of the file at `path`. */
export async function hashFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    const buf = chunk as Buffer;
    bytes += buf.length;
    hash.update(buf);
  }
  return { sha256: hash.digest('hex'), bytes };
}
