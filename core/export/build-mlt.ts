/**
 * MLT XML (.mlt) and a Kdenlive project (.kdenlive, which is MLT XML with Kdenlive's bin and
 * track conventions). Both render with `melt FILE -consumer avformat:out.mp4` (integration-tested).
 * Resources are relative ("../Clips/x.mp4"): MLT resolves them against the XML file's folder,
 * so the pack keeps working after it is moved or copied to another machine.
 */
import { gcd } from '../domain/gcd.ts';
import { describeDeltas } from './clip-names.ts';
import { markerText } from './marker-data.ts';
import { frameRate, timelineFrames, type Timeline, type TimelineClip } from './timeline-model.ts';
import { xmlAttrs, xmlEscape } from './xml-text.ts';

/** Where the timeline files live relative to the pack root; resources are made relative to it. */
const FROM_TIMELINES = '../';

function profile(t: Timeline): string {
  const r = frameRate(t.fps);
  const g = gcd(t.width, t.height);
  return `  <profile${xmlAttrs({
    description: `${t.width}x${t.height} ${t.fps} fps`,
    width: t.width,
    height: t.height,
    progressive: 1,
    sample_aspect_num: 1,
    sample_aspect_den: 1,
    display_aspect_num: t.width / g,
    display_aspect_den: t.height / g,
    frame_rate_num: r.num,
    frame_rate_den: r.den,
    colorspace: 709,
  })}/>`;
}

function prop(name: string, value: string | number): string {
  return `    <property name="${xmlEscape(name)}">${xmlEscape(String(value))}</property>`;
}

function producer(c: TimelineClip, id: string, extra: string[] = []): string[] {
  return [
    `  <producer${xmlAttrs({ id, in: 0, out: c.frames - 1 })}>`,
    prop('length', c.frames),
    prop('resource', FROM_TIMELINES + c.relPath),
    prop('mlt_service', 'avformat'),
    prop('eof', 'pause'),
    prop('continuity:shot', c.shotId),
    prop('continuity:kind', c.kind),
    prop('continuity:deltas', describeDeltas(c.deltas)),
    ...extra,
    '  </producer>',
  ];
}

/** Kdenlive's default marker categories 0–4 (purple, blue, green, yellow, orange). */
const KDENLIVE_MARKER_TYPE = { anchor: 2, variant: 1, seasonal: 4, sequence: 0 } as const;

function entries(t: Timeline, ids: string[]): string[] {
  return t.clips.map((c, i) => `    <entry${xmlAttrs({ producer: ids[i]!, in: 0, out: c.frames - 1 })}/>`);
}

/** Plain MLT XML: producers, one playlist, one tractor. Pure. */
export function buildMlt(t: Timeline): string {
  const ids = t.clips.map((_, i) => `clip${i + 1}`);
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', `<mlt${xmlAttrs({ LC_NUMERIC: 'C', version: '7.0.0', title: t.title, producer: 'tractor0' })}>`, profile(t)];
  t.clips.forEach((c, i) => lines.push(...producer(c, ids[i]!)));
  lines.push('  <playlist id="playlist0">', ...entries(t, ids), '  </playlist>');
  lines.push(`  <tractor${xmlAttrs({ id: 'tractor0', title: t.title, in: 0, out: Math.max(0, timelineFrames(t) - 1) })}>`, '    <track producer="playlist0"/>', '  </tractor>', '</mlt>', '');
  return lines.join('\n');
}

/**
 * Kdenlive project: clips in the project bin (`main_bin` with `kdenlive:id`s), a black
 * background track, and one video track built the way Kdenlive ≥ 19.04 stores tracks (a tractor
 * of two playlists). Kdenlive upgrades older document versions on open, so we declare 1.04.
 */
export function buildKdenlive(t: Timeline): string {
  const total = Math.max(1, timelineFrames(t));
  const binIds = t.clips.map((_, i) => `${i + 2}`);
  const ids = t.clips.map((_, i) => `producer${i}`);
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', `<mlt${xmlAttrs({ LC_NUMERIC: 'C', version: '7.0.0', title: t.title, producer: 'main_bin' })}>`, profile(t)];
  t.clips.forEach((c, i) => lines.push(...producer(c, ids[i]!, [
    prop('kdenlive:id', binIds[i]!),
    prop('kdenlive:clipname', c.name),
    prop('kdenlive:folderid', -1),
    prop('kdenlive:clip_type', 2),
    prop('kdenlive:description', markerText(c)),
    // A clip marker on the first frame (Kdenlive's bin-clip marker list: pos in frames, type = colour index).
    prop('kdenlive:markers', JSON.stringify([{ pos: 0, comment: markerText(c), type: KDENLIVE_MARKER_TYPE[c.kind] }])),
  ])));
  lines.push('  <playlist id="main_bin">', prop('kdenlive:docproperties.version', '1.04'), prop('kdenlive:docproperties.projectfolder', FROM_TIMELINES),
    // The track the cursor acts on when the project opens: the one video track (Kdenlive logs a
    // [BUG] warning and guesses when this is absent; issue 15). Index 0 counts from the first track.
    prop('kdenlive:docproperties.activeTrack', 0), prop('xml_retain', 1));
  lines.push(...entries(t, ids), '  </playlist>');
  lines.push(`  <producer${xmlAttrs({ id: 'black_track', in: 0, out: total - 1 })}>`, prop('length', total), prop('eof', 'continue'), prop('resource', 'black'), prop('aspect_ratio', 1), prop('mlt_service', 'color'), prop('set.test_audio', 0), '  </producer>');
  // Timeline entries carry the bin clip's kdenlive:id so Kdenlive links them to the bin.
  const trackEntries = t.clips.map((c, i) => [
    `    <entry${xmlAttrs({ producer: ids[i]!, in: 0, out: c.frames - 1 })}>`,
    `  ${prop('kdenlive:id', binIds[i]!)}`,
    '    </entry>',
  ].join('\n'));
  lines.push('  <playlist id="playlist0">', prop('kdenlive:track_name', 'V1'), ...trackEntries, '  </playlist>');
  lines.push('  <playlist id="playlist1"/>');
  // hide="audio": a video track (Kdenlive pairs each timeline track with a second playlist for mixes).
  lines.push(`  <tractor${xmlAttrs({ id: 'tractor0', in: 0, out: total - 1 })}>`, prop('kdenlive:track_name', 'V1'), '    <track hide="audio" producer="playlist0"/>', '    <track hide="audio" producer="playlist1"/>', '  </tractor>');
  // The last tractor is what melt plays and what Kdenlive treats as the timeline.
  lines.push(`  <tractor${xmlAttrs({ id: 'maintractor', title: t.title, in: 0, out: total - 1 })}>`, prop('kdenlive:projectTractor', 1), '    <track producer="black_track"/>', '    <track hide="audio" producer="tractor0"/>', '  </tractor>', '</mlt>', '');
  return lines.join('\n');
}
