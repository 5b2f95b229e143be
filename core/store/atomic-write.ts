/**
 * Atomic file writes (RELIABILITY.md "Files we write"): write a temp file beside the target,
 * fsync it, rename it over the target, then fsync the folder so the rename itself survives a
 * power cut. A reader sees the old file or the whole new one, never half of it.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A temp path in the same folder as `target` (rename is only atomic within one filesystem). */
export function tempPathBeside(target: string, suffix = '.tmp'): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}${suffix}`);
}

/**
 * fsync a folder so a rename inside it is durable. Windows cannot open folders for fsync, and
 * some filesystems refuse it; the rename is still atomic there, only its durability is weaker.
 */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // EINVAL/EISDIR on exotic filesystems: nothing more we can do.
  } finally {
    await handle?.close();
  }
}

/** Write `data` to `path` atomically (temp → fsync → rename → fsync folder). */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempPathBeside(path);
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await fsyncDir(dirname(path));
}

/**
 * Publish a file that something else (ffmpeg, sharp) has already written at `tmp`: fsync it,
 * rename it to `path`, fsync the folder. Removes `tmp` if anything fails.
 */
export async function commitTempFile(tmp: string, path: string): Promise<void> {
  try {
    const handle = await open(tmp, 'r+');
    try { await handle.sync(); } finally { await handle.close(); }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await fsyncDir(dirname(path));
}
