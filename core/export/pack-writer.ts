/**
 * Writes files into the pack's temp folder, and only there: every pack-relative path is split
 * into segments, each must already be a sanitised name, the result must resolve inside the root,
 * no existing component may be a symlink, and files are created exclusively (O_EXCL) so a
 * planted link or a duplicate name fails loudly instead of being followed or overwritten.
 * Each file is fsynced before the pack is renamed into place.
 */
import { constants } from 'node:fs';
import { copyFile, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { rememberProbeOfCopy } from '../media/probe.ts';
import { fsyncDir } from '../store/atomic-write.ts';
import { hashFile } from './hash-file.ts';
import { assertNoSymlinks, resolveInside } from './safe-path.ts';
import { sanitizeName } from './sanitize-name.ts';
import type { ManifestFile } from './types.ts';

export class PackWriter {
  private readonly written = new Map<string, string>();
  private readonly dirs = new Set<string>();

  constructor(readonly root: string) {}

  /** Absolute path for a pack-relative path ("Clips/a.mp4"), checked segment by segment. */
  resolve(rel: string): string {
    const segments = rel.split('/');
    for (const seg of segments) {
      // Names reach here already sanitised; re-checking catches a planning bug before disk does.
      if (sanitizeName(seg, { fallback: '\0' }) !== seg) throw new Error(`pack path ${JSON.stringify(rel)} has an unsafe segment ${JSON.stringify(seg)}`);
    }
    const full = resolveInside(this.root, ...segments);
    assertNoSymlinks(this.root, full);
    return full;
  }

  private async prepare(rel: string): Promise<string> {
    if (this.written.has(rel.toLowerCase())) throw new Error(`pack path written twice: ${rel}`);
    const full = this.resolve(rel);
    const dir = dirname(full);
    if (!this.dirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      assertNoSymlinks(this.root, dir);
      this.dirs.add(dir);
    }
    this.written.set(rel.toLowerCase(), rel);
    return full;
  }

  async writeFile(rel: string, data: string | Uint8Array): Promise<void> {
    const full = await this.prepare(rel);
    const handle = await open(full, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async copyFile(rel: string, src: string): Promise<void> {
    const full = await this.prepare(rel);
    // COPYFILE_EXCL: refuse to replace anything (including a symlink) at the destination.
    await copyFile(src, full, constants.COPYFILE_EXCL);
    const handle = await open(full, 'r+');
    try { await handle.sync(); } finally { await handle.close(); }
    // A delivered clip is the probed source's bytes: checks of the pack need no new ffprobe.
    await rememberProbeOfCopy(src, full);
  }

  /** Every file written so far, hashed from disk and sorted by path (the manifest's list). */
  async digest(): Promise<ManifestFile[]> {
    const rels = [...this.written.values()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const out: ManifestFile[] = [];
    for (const rel of rels) out.push({ path: rel, ...(await hashFile(this.resolve(rel))) });
    return out;
  }

  /** fsync every folder written to, so the renames of their entries are durable. */
  async syncDirs(): Promise<void> {
    for (const dir of [...this.dirs, this.root]) await fsyncDir(dir);
  }
}
