/**
 * Store rows → the plain views of types.ts. Also the LookFile the engine functions expect,
 * rebuilt from the look row plus its references in the asset store.
 */
import type { Delta, PlannedShot, ShotKind } from '../domain/shot.ts';
import { metricViews } from './metric-views.ts';
import type { EditableShot } from '../plan/shot-edits.ts';
import type { Project } from '../store/open-project.ts';
import { getCanonVersion, getLook, listReferences, type CanonVersionRow, type LookRow, type ReferenceRow } from '../store/looks-repo.ts';
import { getSetting } from '../store/settings-repo.ts';
import { getAsset } from '../store/assets-repo.ts';
import type { ShotRow } from '../store/shots-repo.ts';
import { getTake, type TakeRow } from '../store/takes-repo.ts';
import { InputError } from '../domain/errors.ts';
import { shotRowId } from '../pipeline/run-look.ts';
import type { CanonView, LookView, ReferenceView, ShotStatus, ShotView, TakeView } from './types.ts';

/** What the facade stores in look_references.analysis_json. */
export interface StoredAnalysis { ext: string; width: number; height: number; palette: { hex: string; weight: number }[]; sharpness?: number }

export function requireLook(project: Project, lookId: string): LookRow {
  const row = getLook(project.db, lookId);
  if (!row) throw new InputError(`look not found: ${lookId}`, 'lookId', lookId);
  return row;
}

/** The stored file's extension: the assets table is authoritative (imports keep the source's). */
export function assetExt(project: Project, sha256: string, analysis?: unknown): string {
  const a = (analysis ?? {}) as Partial<StoredAnalysis> & { format?: string };
  return getAsset(project.db, sha256)?.ext ?? a.ext ?? (a.format === 'jpeg' ? 'jpg' : a.format) ?? 'png';
}

export function referenceView(project: Project, r: ReferenceRow): ReferenceView {
  const a = (r.analysis ?? {}) as Partial<StoredAnalysis>;
  return {
    id: r.id, name: r.label ?? r.assetSha256.slice(0, 12), sha256: r.assetSha256, ext: assetExt(project, r.assetSha256, r.analysis), role: r.role, approved: r.approved,
    width: a.width ?? 0, height: a.height ?? 0, palette: (a.palette ?? []).map((c) => ({ hex: c.hex, weight: c.weight })),
  };
}

/** The look's current canon (or one version of it) as the UI sees it. */
export function canonView(project: Project, lookId: string, version?: number): CanonView | null {
  const c = getCanonVersion(project.db, lookId, version);
  return c ? canonRowView(c) : null;
}

/** A restore is stored as source `restored:vN` so the record says which version it copies. */
export function canonRowView(c: CanonVersionRow): CanonView {
  const restored = /^restored:v(\d+)$/.exec(c.source);
  const source = restored ? 'restored' : (['offline', 'openai', 'edited', 'file'] as const).find((s) => s === c.source) ?? 'edited';
  return { version: c.version, canon: c.canon, source, createdAt: c.createdAt, restoredFrom: restored ? Number(restored[1]) : null };
}

export function lookView(project: Project, lookId: string): LookView {
  const row = requireLook(project, lookId);
  return {
    id: row.id, name: row.name, brief: row.look.brief, brandKit: row.look.brandKit, batch: row.look.batch,
    references: listReferences(project.db, lookId).map((r) => referenceView(project, r)), canon: canonView(project, lookId), updatedAt: row.updatedAt,
  };
}

const STATUS: Record<string, ShotStatus> = {
  planned: 'planned', queued: 'queued', running: 'running', rendering: 'running', done: 'done', passed: 'done', succeeded: 'done',
  review: 'review', 'failed-gate': 'review', failed: 'failed', canceled: 'canceled',
};

export function shotView(project: Project, row: ShotRow): ShotView {
  const plan: PlannedShot = row.plan;
  const take = row.currentTakeId ? getTake(project.db, row.currentTakeId) : undefined;
  return {
    id: row.id, lookId: row.lookId, sessionId: row.sessionId, index: row.position, kind: plan.kind,
    // Matrix plans name parents by plan id; rows are keyed per look (core/pipeline shotRowId).
    parentId: plan.parentId && !row.sessionId ? shotRowId(row.lookId, plan.parentId) : plan.parentId, label: plan.label,
    framing: plan.framing, motion: plan.motion, deltas: plan.deltas, continuityMode: plan.continuityMode, styleStrength: plan.styleStrength,
    styleReferenceId: plan.styleReferenceId, characterReference: plan.characterReference,
    ...(row.sessionId ? { action: (plan as { session?: { action?: string } }).session?.action ?? '' } : {}),
    editedBy: (plan as EditableShot).edit?.by ?? null, status: STATUS[row.status] ?? 'planned', stale: row.stale,
    currentTakeId: row.currentTakeId, score: take?.score ?? null, pass: take?.pass ?? null, review: take?.review ?? null,
    thumbSha256: take ? getSetting<string>(project.db, `thumb:${take.id}`) ?? null : null,
  };
}

interface PackLike {
  take?: { provider?: string; model?: string; mechanism?: string; costUsd?: number; costEstimated?: boolean; previz?: boolean; seedSent?: number | null; renderNote?: string };
  model?: { provider?: string; model?: string };
  shot?: { kind?: ShotKind; deltas?: Delta[] };
  deltas?: Delta[];
  quality?: { metrics?: Record<string, number | null> };
}

export function takeView(project: Project, t: TakeRow): TakeView {
  const pack = (t.pack ?? {}) as PackLike;
  const thumb = getSetting<string>(project.db, `thumb:${t.id}`);
  const legend = pack.quality?.metrics && pack.shot?.kind ? metricViews(pack.shot.kind, pack.deltas ?? pack.shot.deltas ?? [], pack.quality.metrics) : null;
  return {
    id: t.id, shotId: t.shotId, attempt: t.attempt, state: t.state,
    provider: pack.take?.provider ?? pack.model?.provider ?? 'local', model: pack.take?.model ?? pack.model?.model ?? 'local-animatic',
    mechanism: t.mechanism ?? pack.take?.mechanism ?? 'unknown', previz: pack.take?.previz ?? true, costUsd: pack.take?.costUsd ?? 0,
    costEstimated: pack.take?.costEstimated ?? (pack.take?.costUsd ?? 0) > 0,
    score: t.score, pass: t.pass, reasons: Array.isArray(t.reasons) ? (t.reasons as unknown[]).map(String) : [], review: t.review,
    metrics: legend?.metrics ?? [], minScore: legend?.minScore ?? null, gateNotes: legend?.notes ?? [], seed: pack.take?.seedSent ?? null,
    renderNote: pack.take?.renderNote ?? null,
    reviewBy: t.reviewBy, reviewAt: t.reviewAt,
    original: t.outputSha256 ? { sha256: t.outputSha256, ext: 'mp4' } : null,
    graded: t.gradedSha256 ? { sha256: t.gradedSha256, ext: 'mp4' } : null,
    thumb: thumb ? { sha256: thumb, ext: 'png' } : null, createdAt: t.createdAt,
  };
}
