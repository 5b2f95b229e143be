/**
 * OpenTimelineIO JSON (.otio): Timeline.1 → Stack.1 → one video Track.1 of Clip.1 with
 * ExternalReference.1 media. Clip.1 (single `media_reference`) rather than Clip.2 because every
 * OTIO reader since 0.12 loads it (newer ones upgrade it), and Resolve's importer does too.
 * Each clip carries its prompt pack under `metadata.continuity` — the generation record travels
 * with the edit (issue 5 item 2).
 */
import { markerData, markerText } from './marker-data.ts';
import { frameRate, type Timeline, type TimelineClip } from './timeline-model.ts';

interface RationalTime { OTIO_SCHEMA: 'RationalTime.1'; rate: number; value: number }
interface TimeRange { OTIO_SCHEMA: 'TimeRange.1'; start_time: RationalTime; duration: RationalTime }

/** OTIO RationalTime.1 (value in frames at `rate`). */
export function rationalTime(value: number, rate: number): RationalTime {
  return { OTIO_SCHEMA: 'RationalTime.1', rate, value };
}

/** OTIO TimeRange.1 from a start frame and a duration in frames. */
export function timeRange(start: number, duration: number, rate: number): TimeRange {
  return { OTIO_SCHEMA: 'TimeRange.1', start_time: rationalTime(start, rate), duration: rationalTime(duration, rate) };
}

const MARKER_COLOR = { anchor: 'GREEN', variant: 'CYAN', seasonal: 'ORANGE', sequence: 'PURPLE' } as const;

function otioClip(c: TimelineClip, rate: number) {
  return {
    OTIO_SCHEMA: 'Clip.1',
    name: c.name,
    source_range: timeRange(0, c.frames, rate),
    media_reference: {
      OTIO_SCHEMA: 'ExternalReference.1',
      name: c.fileName,
      target_url: c.url,
      available_range: timeRange(0, c.frames, rate),
      metadata: { continuity_export: { relativePath: c.relPath } },
    },
    effects: [],
    markers: [{
      OTIO_SCHEMA: 'Marker.2',
      name: markerText(c),
      color: MARKER_COLOR[c.kind],
      marked_range: timeRange(0, 1, rate),
      // Marker.2 `comment` (OTIO ≥ 0.16) is what Resolve reads as the marker note.
      comment: JSON.stringify(markerData(c)),
      metadata: { continuity_export: markerData(c) },
    }],
    enabled: true,
    metadata: {
      // The prompt pack exactly as delivered in PromptPacks/, so it validates against its schema.
      continuity: c.pack,
      continuity_export: { review: c.review, score: c.score ?? null, promptPackPath: c.promptPackPath, relativePath: c.relPath },
    },
  };
}

/** Build the .otio document. Pure: same timeline → same bytes. */
export function buildOtio(t: Timeline, meta: { appVersion: string } = { appVersion: '' }): string {
  const r = frameRate(t.fps);
  // OTIO rates are floats; NTSC rates are written as 29.97002997… which OTIO treats as 30000/1001.
  const rate = r.num / r.den;
  const doc = {
    OTIO_SCHEMA: 'Timeline.1',
    name: t.title,
    global_start_time: rationalTime(3600 * r.timecodeBase, rate),
    metadata: { continuity_export: { generator: 'Continuity Studio', appVersion: meta.appVersion, width: t.width, height: t.height, fps: t.fps } },
    tracks: {
      OTIO_SCHEMA: 'Stack.1',
      name: 'tracks',
      source_range: null,
      effects: [],
      markers: [],
      enabled: true,
      metadata: {},
      children: [{
        OTIO_SCHEMA: 'Track.1',
        name: 'V1',
        kind: 'Video',
        source_range: null,
        effects: [],
        markers: [],
        enabled: true,
        metadata: {},
        children: t.clips.map((c) => otioClip(c, rate)),
      }],
    },
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
