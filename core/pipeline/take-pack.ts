/**
 * A take's prompt pack: the planned pack plus what generation, grading and the gate recorded,
 * so the clip can be traced and re-made (DESIGN.md §3).
 */
import type { PromptPack } from '../domain/prompt-pack.ts';
import { validatePromptPack } from '../plan/validate-prompt-pack.ts';
import type { AttemptRecord } from './run-shot.ts';

export interface TakeAssetHashes { output: { sha256: string; bytes: number }; start: string; lut: string }

export function takePack(planned: PromptPack, a: AttemptRecord, hashes: TakeAssetHashes, provider: string, model: string): PromptPack {
  const seconds = (Date.parse(a.finishedAt) - Date.parse(a.startedAt)) / 1000;
  return validatePromptPack({
    ...planned,
    model: { provider, model },
    references: [...planned.references, { role: a.start.kind, sha256: hashes.start }],
    parameters: { ...planned.parameters, ...a.render.parameters, styleStrength: a.styleStrength },
    take: {
      id: a.takeId,
      attempt: a.attempt,
      provider,
      model,
      mechanism: a.mechanism,
      alsoUsed: a.alsoUsed,
      parameters: { ...a.render.parameters, styleStrength: a.styleStrength, startImage: a.start.note, mechanismWhy: a.mechanismWhy, ...(a.change ? { retryChange: a.change } : {}), ...(a.start.keyframe ? { keyframe: a.start.keyframe } : {}) },
      inputs: [{ role: a.start.kind, sha256: hashes.start }],
      seedSent: a.seedSent,
      seedReturned: a.render.seedReturned,
      remoteId: a.render.remoteId,
      // A paid keyframe is part of what this take cost (issue 12 item 4), and so is a paid measurement.
      costUsd: a.render.costUsd + (a.start.keyframe?.costUsd ?? 0) + (a.quality.spend ?? []).reduce((sum, s) => sum + s.usd, 0),
      costEstimated: a.render.costEstimated || (a.start.keyframe?.costEstimated ?? false) || (a.quality.spend ?? []).some((s) => s.estimated),
      timings: { startedAt: a.startedAt, finishedAt: a.finishedAt, seconds },
      output: hashes.output,
      previz: a.render.previz,
      renderNote: a.render.note,
      ...(a.render.remix ? { remix: a.render.remix } : {}),
    },
    grade: { method: a.grade.method, strength: a.grade.strength, lutSha256: hashes.lut, toward: a.colourTarget },
    quality: {
      score: a.quality.score, pass: a.quality.pass, metrics: a.quality.metrics, reasons: a.quality.reasons, attempts: a.attempt,
      ...(a.quality.thresholds ? { thresholds: a.quality.thresholds } : {}), ...(a.quality.notes ? { notes: a.quality.notes } : {}),
      ...(a.quality.spend ? { spend: a.quality.spend } : {}),
    },
    // Review happens after the take is recorded; the export fills in the verdict and who gave it.
    review: { verdict: 'pending', at: null },
  });
}
