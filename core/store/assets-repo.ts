/** The `assets` table: which content-addressed files the project knows about, and what they are. */
import type { AssetRef } from './asset-store.ts';
import type { Db } from './migrate.ts';
import { nowIso } from './row-helpers.ts';

export type AssetKind = 'image' | 'video' | 'lut' | 'json' | 'other';
export interface AssetRow { sha256: string; ext: string; bytes: number; kind: AssetKind; createdAt: string }

/** Record an asset (idempotent: the same sha256 twice keeps the first row). */
export function recordAsset(db: Db, ref: Pick<AssetRef, 'sha256' | 'ext' | 'bytes'>, kind: AssetKind): void {
  db.prepare('INSERT INTO assets (sha256, ext, bytes, kind, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING')
    .run(ref.sha256, ref.ext, ref.bytes, kind, nowIso());
}

export function getAsset(db: Db, sha256: string): AssetRow | undefined {
  const r = db.prepare('SELECT * FROM assets WHERE sha256 = ?').get(sha256) as { sha256: string; ext: string; bytes: number; kind: string; created_at: string } | undefined;
  return r && { sha256: r.sha256, ext: r.ext, bytes: r.bytes, kind: r.kind as AssetKind, createdAt: r.created_at };
}
