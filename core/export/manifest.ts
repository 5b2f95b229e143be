/**
 * manifest.json: every file of the pack with its sha256 and size, the app version, the batch
 * settings and one timestamp (`createdAt`). Everything except `createdAt` is a pure function of
 * the inputs, so exporting twice gives byte-identical manifests apart from that field.
 * `verifyClipPack` re-hashes a pack on disk against it (tests, the demo, editors' QC).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { hashFile } from './hash-file.ts';
import { MANIFEST } from './plan-clip-pack.ts';
import { ExportFormatSchema, REVIEW_STATES } from './types.ts';

export const MANIFEST_VERSION = 1;
export const GENERATOR = 'Continuity Studio';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ManifestFileSchema = z.object({ path: z.string().min(1), sha256, bytes: z.number().int().min(0) });

export const ManifestSchema = z.object({
  schemaVersion: z.literal(MANIFEST_VERSION),
  generator: z.object({ name: z.literal(GENERATOR), appVersion: z.string() }),
  /** The one time-dependent field. */
  createdAt: z.string(),
  look: z.object({ name: z.string(), folder: z.string() }),
  settings: z.record(z.string(), z.unknown()),
  formats: z.array(ExportFormatSchema),
  includeAll: z.boolean(),
  clips: z.array(z.object({
    name: z.string(),
    file: z.string(),
    original: z.string(),
    promptPack: z.string(),
    lut: z.string().nullable(),
    stills: z.array(z.string()),
    shotId: z.string(),
    takeId: z.string().nullable(),
    kind: z.string(),
    deltas: z.array(z.string()),
    review: z.enum(REVIEW_STATES),
    score: z.number().nullable(),
    frames: z.number().int().positive(),
  })),
  skipped: z.array(z.object({ shotId: z.string(), takeId: z.string().nullable(), label: z.string(), review: z.enum(REVIEW_STATES), reason: z.string() })),
  timelines: z.array(z.string()),
  files: z.array(ManifestFileSchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** JSON with object keys sorted recursively: the same data always serialises to the same bytes. */
export function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return JSON.stringify(sort(value), null, 2) + '\n';
}

/** Validate and serialise a manifest with sorted keys (byte-stable). */
export function serializeManifest(m: Manifest): string {
  return stableJson(ManifestSchema.parse(m));
}

/** Read and validate `<root>/manifest.json`. */
export async function readManifest(root: string): Promise<Manifest> {
  return ManifestSchema.parse(JSON.parse(await readFile(join(root, MANIFEST), 'utf8')));
}

async function listFiles(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(root, p)));
    else out.push(p);
  }
  return out;
}

export interface VerifyResult { ok: boolean; problems: string[]; manifest?: Manifest }

/**
 * Check a pack on disk: the manifest parses, every listed file exists with its size and sha256,
 * and nothing unlisted is present (a mixed or half-written pack fails here).
 */
export async function verifyClipPack(root: string): Promise<VerifyResult> {
  let manifest: Manifest;
  try { manifest = await readManifest(root); } catch (err) {
    return { ok: false, problems: [`manifest.json unreadable in ${root}: ${(err as Error).message}`] };
  }
  const problems: string[] = [];
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of manifest.files) {
    try {
      const d = await hashFile(join(root, f.path));
      if (d.bytes !== f.bytes || d.sha256 !== f.sha256) problems.push(`${f.path}: content differs from the manifest`);
    } catch {
      problems.push(`${f.path}: listed in the manifest but missing`);
    }
  }
  for (const p of await listFiles(root)) {
    if (p !== MANIFEST && !listed.has(p)) problems.push(`${p}: present but not in the manifest`);
  }
  return { ok: problems.length === 0, problems, manifest };
}
