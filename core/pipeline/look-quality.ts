/**
 * The pipeline's grade + score step for one look: the look's colour references are loaded and
 * summarised once and every take is graded and scored against them (never against the previous
 * clip, so colour drift cannot accumulate along a batch or a session).
 */
import { copyFile } from 'node:fs/promises';
import { formatCube } from '../color/cube-format.ts';
import { identityLut } from '../color/lut3d.ts';
import { gradeClip } from '../grade/grade-clip.ts';
import type { ReferenceSet } from '../quality/measure-frames.ts';
import { loadReferences } from '../quality/load-frames.ts';
import { readAnchorFrames, scoreTake } from '../quality/score-take.ts';
import type { RawImage } from '../domain/raw-image.ts';
import { writeFileAtomic } from '../store/atomic-write.ts';
import type { QualityStep, ScoreSpend, SemanticMeter } from './quality-step.ts';
import type { SemanticSimilarity } from '../quality/score-take.ts';

export interface LookQualityOptions {
  /** Grade strength 0..1 (default 1). */
  strength?: number;
  /** The semantic metric (the user turned it on and a key is set: semantic-check.ts); absent: not measured. */
  semantic?: SemanticMeter;
}

export function createLookQualityStep(o: LookQualityOptions = {}): QualityStep {
  // Reference summaries are cached per set of images: a batch uses a handful of sets.
  const prepared = new Map<string, Promise<ReferenceSet>>();
  const referenceSet = (paths: readonly string[]) => {
    const key = paths.join('\n');
    let set = prepared.get(key);
    if (!set) {
      set = loadReferences(paths);
      prepared.set(key, set);
    }
    return set;
  };
  // An anchor's take is decoded once for all its variants.
  const anchors = new Map<string, Promise<RawImage[]>>();
  const anchorFrames = (path: string, signal?: AbortSignal) => {
    let frames = anchors.get(path);
    if (!frames) { frames = readAnchorFrames(path, signal); anchors.set(path, frames); frames.catch(() => anchors.delete(path)); }
    return frames;
  };
  return {
    async grade({ video, shot, references, out, lutOut, signal }) {
      if (shot.deltas.some((d) => d.kind === 'palette')) {
        // Grading a declared palette swap back onto the look would undo the variant's change.
        await copyFile(video, out);
        await writeFileAtomic(lutOut, formatCube(identityLut(33), `${shot.id} identity (declared palette swap)`));
        return { path: out, lutPath: lutOut, method: 'none', strength: 0, note: 'not graded: the shot declares a palette swap' };
      }
      const g = await gradeClip({ video, referenceImages: references, out, lutOut, strength: o.strength ?? 1, signal });
      return {
        path: g.out, lutPath: g.lutPath, method: g.method, strength: g.strength,
        note: `${g.method} transfer: palette ΔE ${g.before.paletteDeltaE.toFixed(1)} → ${g.after.paletteDeltaE.toFixed(1)}`,
      };
    },
    async score({ video, shot, references, previousClip, anchorClip, characterReference, signal }) {
      // What this take's semantic measurement spent, kept even when a prediction failed after it ran.
      const spend: ScoreSpend[] = [];
      const meter = o.semantic;
      const semanticSimilarity: SemanticSimilarity | undefined = meter && (async (a, b) => {
        try {
          const r = await meter.similarity(a, b, signal);
          spend.push(...r.spend);
          return r.value;
        } catch (err) {
          const spent = (err as { spend?: ScoreSpend }).spend;
          if (spent) spend.push(spent);
          throw err;
        }
      });
      const s = await scoreTake({
        video, references: await referenceSet(references), previousVideo: previousClip, shotKind: shot.kind, deltas: shot.deltas, signal,
        anchorFrames: anchorClip ? await anchorFrames(anchorClip, signal) : undefined,
        // A static previz animatic of a still is meant to hold: frozen is judged on moving shots only.
        expectMotion: shot.motion !== 'static',
        characterReference, semanticSimilarity,
      });
      return { score: s.score, pass: s.pass, metrics: { ...s.metrics }, reasons: s.reasons, notes: s.notes, thresholds: { ...s.thresholds }, ...(spend.length ? { spend } : {}) };
    },
  };
}
