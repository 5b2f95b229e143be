/**
 * Real prompt packs for export tests (valid against PromptPackSchema), and a Timeline built from
 * them, so the builders are tested on the same shapes the pipeline produces.
 */
import { PromptPackSchema, type PromptPack } from '../../../core/domain/prompt-pack.ts';
import type { Delta, ShotKind } from '../../../core/domain/shot.ts';
import type { Timeline } from '../../../core/export/timeline-model.ts';
import type { ReviewState } from '../../../core/export/types.ts';

const SHA = (n: number) => n.toString(16).padStart(2, '0').repeat(32);

export interface PackSpec {
  index: number;
  kind?: ShotKind;
  label?: string;
  deltas?: Delta[];
  attempt?: number;
  lookName?: string;
  width?: number;
  height?: number;
  seconds?: number;
  fps?: number;
  score?: number;
}

export const PALETTE_DELTA: Delta = { kind: 'palette', label: 'teal night', hueShiftDeg: 40, saturation: 1.1, brightness: -0.1, targetHex: ['#1b4d5c'] };
export const PROP_DELTA: Delta = { kind: 'prop', label: 'ceramic mug', prop: 'mug' };
export const MOTIF_DELTA: Delta = { kind: 'motif', label: 'falling leaves', motif: 'leaves', season: 'autumn' };

export function makePack(spec: PackSpec): PromptPack {
  const kind = spec.kind ?? 'anchor';
  const attempt = spec.attempt ?? 1;
  return PromptPackSchema.parse({
    schemaVersion: 1,
    look: { name: spec.lookName ?? 'Autumn Café' },
    canonVersion: 1,
    shot: {
      id: `shot-${spec.index}`,
      index: spec.index,
      kind,
      parentId: kind === 'anchor' ? null : 'shot-0',
      framing: 'medium',
      motion: 'push-in',
      label: spec.label ?? `${kind} ${spec.index}`,
    },
    deltas: spec.deltas ?? [],
    prompt: 'A warm café interior at golden hour, steam rising from a cup, 35mm film grain.',
    negativePrompt: 'neon, text, watermark',
    references: [{ role: 'style', sha256: SHA(1) }],
    model: { provider: 'local', model: 'local-animatic' },
    parameters: { seed: 7 },
    size: { width: spec.width ?? 160, height: spec.height ?? 90 },
    seconds: spec.seconds ?? 1,
    fps: spec.fps ?? 24,
    estimatedCostUsd: 0,
    take: {
      id: `take-${spec.index}-${attempt}`,
      attempt,
      provider: 'local',
      model: 'local-animatic',
      mechanism: 'style-keyframe',
      alsoUsed: [],
      parameters: { seed: 7 },
      inputs: [{ role: 'start-image', sha256: SHA(2) }],
      seedSent: 7,
      seedReturned: 7,
      remoteId: null,
      costUsd: 0,
      timings: { startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:02.000Z', seconds: 2 },
      output: { sha256: SHA(3), bytes: 1000 },
      previz: true,
    },
    quality: spec.score === undefined ? undefined : { score: spec.score, pass: spec.score >= 0.6, metrics: { paletteDeltaE: 3.2 }, reasons: [], attempts: attempt },
  });
}

/** The matrix order the planner produces: anchors, their variants, seasonal swaps. */
export function matrixPacks(lookName = 'Autumn Café'): PromptPack[] {
  return [
    makePack({ index: 0, kind: 'anchor', label: 'window wide', lookName, score: 0.91 }),
    makePack({ index: 1, kind: 'anchor', label: 'counter close', lookName, score: 0.88 }),
    makePack({ index: 2, kind: 'variant', label: 'window wide', deltas: [PALETTE_DELTA], lookName, score: 0.8 }),
    makePack({ index: 3, kind: 'variant', label: 'counter close', deltas: [PROP_DELTA, PALETTE_DELTA], lookName, attempt: 2, score: 0.74 }),
    makePack({ index: 4, kind: 'seasonal', label: 'window wide', deltas: [MOTIF_DELTA], lookName, score: 0.7 }),
  ];
}

export function makeTimeline(packs: PromptPack[], opts: { fps?: number; frames?: number[]; title?: string; review?: ReviewState } = {}): Timeline {
  return {
    title: opts.title ?? 'Autumn Café',
    width: 160,
    height: 90,
    fps: opts.fps ?? 24,
    clips: packs.map((pack, i) => {
      const name = `clip${i + 1}_${pack.shot.kind}`;
      return {
        name,
        fileName: `${name}.mp4`,
        relPath: `Clips/${name}.mp4`,
        url: `file:///packs/Autumn%20Caf%C3%A9/Clips/${name}.mp4`,
        frames: opts.frames?.[i] ?? 24,
        kind: pack.shot.kind,
        shotId: pack.shot.id,
        label: pack.shot.label,
        deltas: pack.deltas,
        review: opts.review ?? 'approved',
        score: pack.quality?.score,
        pack,
        promptPackPath: `PromptPacks/${name}.json`,
      };
    }),
  };
}
