/**
 * What a session run reports per shot: the mechanism actually used, the score, and the bridge
 * SSIM of every frame bridge (previous take's last frame vs this take's first frame). Shots a run
 * did not re-render are reported from their current take as stored.
 */
import type { ContinuitySession, SessionMode } from '../continuity/session.ts';
import type { Mechanism } from '../domain/shot.ts';
import type { Project } from '../store/open-project.ts';
import { getShot } from '../store/shots-repo.ts';
import { getTake } from '../store/takes-repo.ts';

export interface SessionShotResult {
  shotId: string;
  /** 1-based position in the session. */
  position: number;
  label: string;
  mode: SessionMode;
  /** passed / review: rendered by this run; kept: current take left as it was; unrendered: no take yet. */
  status: 'passed' | 'review' | 'kept' | 'unrendered';
  mechanism: Mechanism | null;
  alsoUsed: Mechanism[];
  /** Where the style came from (human-readable), and the shot it came from (null: primary reference). */
  styleSource: string | null;
  styleSourceShotId: string | null;
  seed: number | null;
  seedInherited: boolean;
  score: number | null;
  pass: boolean | null;
  /** SSIM across the frame bridge into this shot; null when the shot is not a bridge. */
  bridgeSsim: number | null;
  attempts: number;
  takeId: string | null;
  reasons: string[];
}

interface StoredPack {
  parameters?: { styleSource?: string; styleSourceShotId?: string | null };
  take?: { mechanism?: Mechanism; alsoUsed?: Mechanism[]; seedSent?: number | null; attempt?: number };
  quality?: { metrics?: Record<string, number | null>; attempts?: number };
}

/** The report line of a shot from its stored current take (nothing is rendered). */
export function keptShotResult(project: Project, session: ContinuitySession, index: number): SessionShotResult {
  const shot = session.shots[index]!;
  const row = getShot(project.db, shot.id);
  const take = row?.currentTakeId ? getTake(project.db, row.currentTakeId) : undefined;
  const pack = (take?.pack ?? {}) as StoredPack;
  return {
    shotId: shot.id, position: index + 1, label: row?.plan.label ?? shot.label, mode: shot.mode, status: take ? 'kept' : 'unrendered',
    mechanism: (take?.mechanism as Mechanism | null | undefined) ?? pack.take?.mechanism ?? null, alsoUsed: pack.take?.alsoUsed ?? [],
    styleSource: pack.parameters?.styleSource ?? null, styleSourceShotId: pack.parameters?.styleSourceShotId ?? null,
    seed: pack.take?.seedSent ?? null, seedInherited: (pack.take?.alsoUsed ?? []).includes('seed-persistence'),
    score: take?.score ?? null, pass: take?.pass ?? null, bridgeSsim: pack.quality?.metrics?.bridgeSsim ?? null,
    attempts: pack.quality?.attempts ?? 0, takeId: take?.id ?? null, reasons: Array.isArray(take?.reasons) ? (take.reasons as unknown[]).map(String) : [],
  };
}
