/**
 * What a timeline marker says about its clip, the same in every format that has markers
 * (issue 15 item 5): the shot's kind, its deltas and its continuity score. Text for people;
 * compact JSON for pipelines (FCPXML marker notes: Resolve ignores custom OTIO metadata on import
 * but keeps marker notes, which is where pipelines carry data).
 */
import { describeDeltas } from './clip-names.ts';
import type { TimelineClip } from './timeline-model.ts';

type MarkerClip = Pick<TimelineClip, 'kind' | 'shotId' | 'deltas' | 'score'>;

/** "variant · palette: teal night · score 0.83" (or "not scored"). */
export function markerText(c: MarkerClip): string {
  return `${c.kind} · ${describeDeltas(c.deltas)} · ${c.score === undefined ? 'not scored' : `score ${c.score.toFixed(2)}`}`;
}

/** The marker's data as one JSON object; `score` is null when the take was not scored. */
export function markerData(c: MarkerClip): { kind: string; shot: string; deltas: Array<{ kind: string; label: string }>; score: number | null } {
  return { kind: c.kind, shot: c.shotId, deltas: c.deltas.map((d) => ({ kind: d.kind, label: d.label })), score: c.score === undefined ? null : Number(c.score.toFixed(4)) };
}

/** markerData as compact JSON (no spaces), for a marker note. */
export function markerJson(c: MarkerClip): string {
  return JSON.stringify(markerData(c));
}
