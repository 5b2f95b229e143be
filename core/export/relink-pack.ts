/**
 * `relinkPack`: after a clip pack is moved or copied (another disk, another machine), point the
 * timelines that need absolute media references (.otio and .fcpxml file URLs, the EDL's
 * `* FROM CLIP:` paths) at the pack's new location (issue 15 item 4). .mlt/.kdenlive use
 * relative paths and need nothing.
 *
 * Every clip a timeline names is checked against the manifest's sha256 before anything is
 * written: a missing clip or one whose content differs stops the relink (InputError naming the
 * file: the pack is not what its manifest says, and relinking would hide that). Rewritten
 * timelines are published atomically and their new hashes go into the manifest, so the pack
 * still verifies. The manifest records no absolute location, so nothing else in it changes.
 */
import { readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../domain/errors.ts';
import { writeFileAtomic } from '../store/atomic-write.ts';
import { createLogger } from '../log/logger.ts';
import { hashFile } from './hash-file.ts';
import { readManifest, serializeManifest, type Manifest } from './manifest.ts';
import { MANIFEST } from './plan-clip-pack.ts';
import { fileUrl } from './timeline-model.ts';
import { xmlEscape } from './xml-text.ts';

const log = createLogger('export');

export interface RelinkResult {
  /** The pack root, resolved (symlinks followed): where the timelines now point. */
  root: string;
  /** Timeline files rewritten (pack-relative), and how many media references each had. */
  timelines: Array<{ path: string; references: number }>;
  /** Clip files whose sha256 was checked against the manifest. */
  verified: number;
}

/** Maps an absolute media path from the old location to the same pack file in the new one. */
type Remap = (oldPath: string, where: string) => Promise<string>;

/** The pack file `oldPath` pointed at: the longest manifest path it ends with. Pure. */
export function packFileFor(oldPath: string, packFiles: readonly string[]): string | undefined {
  const p = oldPath.replace(/\\/g, '/');
  let best: string | undefined;
  for (const f of packFiles) if ((p === f || p.endsWith(`/${f}`)) && (!best || f.length > best.length)) best = f;
  return best;
}

function fromXmlAttr(v: string): string {
  return v.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function urlToPath(url: string, where: string): string {
  try { return fileURLToPath(url); } catch { throw new InputError(`${where}: media reference ${JSON.stringify(url)} is not a file URL`, 'timeline', where); }
}

/** OTIO: every ExternalReference's target_url. */
async function relinkOtio(text: string, where: string, remap: Remap): Promise<{ text: string; references: number }> {
  const doc = JSON.parse(text) as unknown;
  let references = 0;
  const walk = async (v: unknown): Promise<void> => {
    if (Array.isArray(v)) { for (const x of v) await walk(x); return; }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o.OTIO_SCHEMA === 'string' && o.OTIO_SCHEMA.startsWith('ExternalReference') && typeof o.target_url === 'string') {
      o.target_url = fileUrl(await remap(urlToPath(o.target_url, where), where));
      references++;
    }
    for (const x of Object.values(o)) await walk(x);
  };
  await walk(doc);
  return { text: JSON.stringify(doc, null, 2) + '\n', references };
}

/** Replace every match of `re` (group 1: before, 2: value, 3: after) with an async mapping. */
async function replaceEach(text: string, re: RegExp, map: (value: string) => Promise<string>): Promise<{ text: string; references: number }> {
  let out = '', last = 0, references = 0;
  for (const m of text.matchAll(re)) {
    out += text.slice(last, m.index) + m[1] + (await map(m[2]!)) + m[3];
    last = m.index! + m[0].length;
    references++;
  }
  return { text: out + text.slice(last), references };
}

/** FCPXML: `<media-rep src="file://…">`. */
function relinkFcpxml(text: string, where: string, remap: Remap) {
  return replaceEach(text, /(<media-rep\b[^>]*?\bsrc=")([^"]*)(")/g, async (v) => xmlEscape(fileUrl(await remap(urlToPath(fromXmlAttr(v), where), where))));
}

/** CMX3600: `* FROM CLIP:` / `* FROM FILE:` paths (not `* FROM CLIP NAME:`). */
function relinkEdl(text: string, where: string, remap: Remap) {
  return replaceEach(text, /^(\* FROM (?:CLIP|FILE): )(.*?)(\r?)$/gm, (v) => remap(v, where));
}

const RELINKERS: Record<string, (text: string, where: string, remap: Remap) => Promise<{ text: string; references: number }>> = {
  '.otio': relinkOtio, '.fcpxml': relinkFcpxml, '.edl': relinkEdl,
};

/**
 * Relink the pack at `packDir` in place. Bad input (not a pack, a clip missing or changed, a
 * reference to a file the pack does not hold) → InputError naming the file; nothing is written
 * until every reference of every timeline has been verified.
 */
export async function relinkPack(packDir: string): Promise<RelinkResult> {
  let root: string;
  try { root = await realpath(packDir); } catch { throw new InputError(`pack folder not found: ${packDir}`, 'pack', packDir); }
  let manifest: Manifest;
  try { manifest = await readManifest(root); } catch (err) {
    throw new InputError(`not a clip pack: ${join(packDir, MANIFEST)} cannot be read (${(err as Error).message})`, 'pack', packDir);
  }
  const byPath = new Map(manifest.files.map((f) => [f.path, f]));
  const media = manifest.files.map((f) => f.path).filter((p) => !manifest.timelines.includes(p));
  const checked = new Map<string, Promise<void>>();
  const verify = (rel: string) => {
    let p = checked.get(rel);
    if (!p) {
      p = (async () => {
        const abs = join(root, ...rel.split('/'));
        const want = byPath.get(rel)!;
        const got = await hashFile(abs).catch(() => undefined);
        if (!got) throw new InputError(`clip missing: ${abs} (listed in ${MANIFEST}; copy the whole pack folder)`, 'clip', abs);
        if (got.sha256 !== want.sha256 || got.bytes !== want.bytes) throw new InputError(`clip differs from the manifest: ${abs} (sha256 ${got.sha256.slice(0, 12)}…, manifest says ${want.sha256.slice(0, 12)}…)`, 'clip', abs);
      })();
      checked.set(rel, p);
    }
    return p;
  };
  const remap: Remap = async (oldPath, where) => {
    const rel = packFileFor(oldPath, media);
    if (!rel) throw new InputError(`${where}: ${oldPath} is not a file of this pack (${MANIFEST} does not list it)`, 'timeline', where);
    await verify(rel);
    return join(root, ...rel.split('/'));
  };

  const rewritten: Array<{ rel: string; text: string; references: number }> = [];
  for (const rel of manifest.timelines) {
    const ext = rel.slice(rel.lastIndexOf('.')).toLowerCase();
    const relink = RELINKERS[ext];
    if (!relink) continue;
    const abs = join(root, ...rel.split('/'));
    const text = await readFile(abs, 'utf8').catch(() => { throw new InputError(`timeline missing: ${abs} (listed in ${MANIFEST})`, 'timeline', abs); });
    rewritten.push({ rel, ...(await relink(text, abs, remap)) });
  }

  // Everything verified: publish the timelines, then the manifest with their new hashes.
  for (const t of rewritten) await writeFileAtomic(join(root, ...t.rel.split('/')), t.text);
  for (const t of rewritten) {
    const entry = byPath.get(t.rel);
    if (entry) Object.assign(entry, await hashFile(join(root, ...t.rel.split('/'))));
  }
  await writeFileAtomic(join(root, MANIFEST), serializeManifest(manifest));
  log.info('pack relinked', { root, timelines: rewritten.length, verified: checked.size });
  return { root, timelines: rewritten.map((t) => ({ path: t.rel, references: t.references })), verified: checked.size };
}

