/**
 * Content-addressed files: `assets/ab/<sha256>.<ext>` where `ab` is the hash's first two hex
 * digits (keeps folders small). Writes are atomic (temp in the same store → fsync → rename →
 * fsync folder) and idempotent: putting the same bytes twice stores one file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { InputError } from '../domain/errors.ts';
import { fsyncDir } from './atomic-write.ts';

export interface AssetRef { sha256: string; ext: string; bytes: number; path: string }

export interface AssetStore {
  root: string;
  /** Copy a file in (hashing while copying). ext defaults to the source's extension. */
  putFile(srcPath: string, options?: { ext?: string }): Promise<AssetRef>;
  putBuffer(data: Uint8Array, ext: string): Promise<AssetRef>;
  pathOf(sha256: string, ext: string): string;
  has(sha256: string, ext: string): boolean;
}

const SHA = /^[0-9a-f]{64}$/;

/** Lower-case extension without the dot; letters and digits only, so it can never form a path. */
export function normaliseExt(ext: string): string {
  const e = ext.replace(/^\./, '').toLowerCase();
  if (!/^[a-z0-9]{1,10}$/.test(e)) throw new InputError(`asset extension must be 1–10 letters or digits, got ${JSON.stringify(ext)}`, 'ext', ext);
  return e;
}

export function createAssetStore(root: string): AssetStore {
  const incoming = join(root, '.incoming');
  const ensure = () => { if (!existsSync(incoming)) mkdirSync(incoming, { recursive: true }); };

  const pathOf = (sha256: string, ext: string): string => {
    if (!SHA.test(sha256)) throw new InputError(`asset id must be a sha256 in lower-case hex, got ${JSON.stringify(sha256)}`, 'sha256', sha256);
    return join(root, sha256.slice(0, 2), `${sha256}.${normaliseExt(ext)}`);
  };

  /** Move a fully written, fsynced temp file to its content address (or drop it if already there). */
  async function publish(tmp: string, sha256: string, ext: string, bytes: number): Promise<AssetRef> {
    const path = pathOf(sha256, ext);
    const dir = join(root, sha256.slice(0, 2));
    if (existsSync(path)) {
      await rm(tmp, { force: true }); // dedupe: same bytes, same name
    } else {
      mkdirSync(dir, { recursive: true });
      await rename(tmp, path);
      await fsyncDir(dir);
    }
    return { sha256, ext: normaliseExt(ext), bytes, path };
  }

  const tempName = () => join(incoming, `${process.pid}-${randomBytes(6).toString('hex')}.tmp`);

  return {
    root,
    pathOf,
    has: (sha256, ext) => existsSync(pathOf(sha256, ext)),

    async putBuffer(data, ext) {
      const e = normaliseExt(ext);
      ensure();
      const sha256 = createHash('sha256').update(data).digest('hex');
      if (existsSync(pathOf(sha256, e))) return { sha256, ext: e, bytes: data.length, path: pathOf(sha256, e) };
      const tmp = tempName();
      try {
        const h = await open(tmp, 'wx');
        try { await h.writeFile(data); await h.sync(); } finally { await h.close(); }
        return await publish(tmp, sha256, e, data.length);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    },

    async putFile(srcPath, options = {}) {
      const e = normaliseExt(options.ext ?? (extname(srcPath) || '.bin'));
      let st;
      try { st = await stat(srcPath); } catch { throw new InputError(`file not found: ${srcPath}`, 'path', srcPath); }
      if (!st.isFile()) throw new InputError(`not a file: ${srcPath}`, 'path', srcPath);
      ensure();
      const tmp = tempName();
      const hash = createHash('sha256');
      let bytes = 0;
      try {
        const h = await open(tmp, 'wx');
        try {
          for await (const chunk of createReadStream(srcPath) as AsyncIterable<Buffer>) {
            hash.update(chunk);
            bytes += chunk.length;
            await h.write(chunk);
          }
          await h.sync();
        } finally { await h.close(); }
        return await publish(tmp, hash.digest('hex'), e, bytes);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    },
  };
}
