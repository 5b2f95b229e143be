/**
 * Reference analyses keyed by content hash, so each image is analysed once (issue 3). Backed by
 * a small JSON file next to a project, or memory only (the `plan` command). A corrupt cache file
 * is ignored, never fatal: it only costs a re-analysis.
 */
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ReferenceAnalysis } from './analyse-reference.ts';

export const ANALYSIS_CACHE_VERSION = 1;

export interface AnalysisCache {
  get(sha256: string): ReferenceAnalysis | undefined;
  set(analysis: ReferenceAnalysis): void;
  /** Persist (atomically) when file-backed; no-op in memory. */
  save(): Promise<void>;
  readonly size: number;
}

/** @param file JSON cache path; omit for an in-memory cache. */
export function createAnalysisCache(file?: string): AnalysisCache {
  const entries = new Map<string, ReferenceAnalysis>();
  if (file) {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { version?: number; entries?: Record<string, ReferenceAnalysis> };
      if (parsed.version === ANALYSIS_CACHE_VERSION && parsed.entries) {
        for (const [k, v] of Object.entries(parsed.entries)) if (v && v.sha256 === k) entries.set(k, v);
      }
    } catch { /* missing or corrupt: start empty */ }
  }
  let dirty = false;
  return {
    get: (sha) => entries.get(sha),
    set: (a) => { entries.set(a.sha256, a); dirty = true; },
    get size() { return entries.size; },
    async save() {
      if (!file || !dirty) return;
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      const sorted = Object.fromEntries([...entries.entries()].sort(([a], [b]) => a.localeCompare(b)));
      await writeFile(tmp, JSON.stringify({ version: ANALYSIS_CACHE_VERSION, entries: sorted }, null, 1));
      await rename(tmp, file);
      dirty = false;
    },
  };
}
