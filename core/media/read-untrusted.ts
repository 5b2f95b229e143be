/**
 * Reading a file we did not make (RELIABILITY.md "Untrusted media"): only a regular file is
 * opened — never a device such as /dev/zero, a FIFO (which would block in open forever) or a
 * socket — and never more than a size cap. The type is checked before open (stat) and again on
 * the open descriptor (fstat), which is opened non-blocking so a file swapped for a FIFO in
 * between cannot hang us either.
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { InputError } from '../domain/errors.ts';

export interface ReadUntrustedOptions {
  /** Reads like "look file" or "image" in messages. */
  what: string;
  /** The argument or field that named the file. */
  field: string;
  /** How the path is shown (as the user wrote it); defaults to the path. */
  shown?: string;
  /** Refuse files larger than this many bytes. */
  maxBytes: number;
}

export function kindOf(st: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean; isDirectory(): boolean }): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function refuse(o: ReadUntrustedOptions, path: string, why: string): InputError {
  const shown = o.shown ?? path;
  return new InputError(`${o.field === o.what ? o.what : `${o.field}`} ${JSON.stringify(shown)} ${why}${shown !== path ? ` (resolved to ${path})` : ''}`, o.field, shown);
}

function openFailure(o: ReadUntrustedOptions, path: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return refuse(o, path, 'does not exist');
  if (code === 'EACCES' || code === 'EPERM') return refuse(o, path, 'is not readable (permission denied)');
  if (code === 'EISDIR') return refuse(o, path, 'is a folder, not a file');
  return refuse(o, path, `cannot be read (${code ?? (err as Error).message})`);
}

/**
 * Check that `path` names a regular, non-empty file no larger than the cap, without opening it.
 * @returns its size in bytes
 * @throws InputError naming the field and the file otherwise
 */
export async function assertRegularFile(path: string, o: ReadUntrustedOptions): Promise<number> {
  let st;
  try { st = await stat(path); } catch (err) { throw openFailure(o, path, err); }
  if (!st.isFile()) throw refuse(o, path, `is ${kindOf(st)}, not a regular file`);
  if (st.size === 0) throw refuse(o, path, 'is empty');
  if (st.size > o.maxBytes) throw refuse(o, path, `is too large (${st.size.toLocaleString('en-US')} bytes; the limit is ${o.maxBytes.toLocaleString('en-US')})`);
  return st.size;
}

/**
 * Read a whole untrusted file (regular, non-empty, at most `maxBytes`), or its first `headBytes`.
 * @throws InputError naming the field and the file for anything else
 */
export async function readUntrustedFile(path: string, o: ReadUntrustedOptions & { headBytes?: number }): Promise<Buffer> {
  await assertRegularFile(path, o);
  let fh;
  // O_NONBLOCK: if the file became a FIFO after stat, open returns at once instead of waiting for a writer.
  try { fh = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)); } catch (err) { throw openFailure(o, path, err); }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw refuse(o, path, `is ${kindOf(st)}, not a regular file`);
    if (st.size > o.maxBytes) throw refuse(o, path, `is too large (${st.size.toLocaleString('en-US')} bytes; the limit is ${o.maxBytes.toLocaleString('en-US')})`);
    const want = Math.min(st.size, o.headBytes ?? st.size);
    const buf = Buffer.alloc(want);
    let got = 0;
    while (got < want) {
      const { bytesRead } = await fh.read(buf, got, want - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got === want ? buf : buf.subarray(0, got);
  } finally {
    await fh.close();
  }
}
