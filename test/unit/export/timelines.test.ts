import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildEdl, edlReelNames, edlText, parseTimecode, timecode } from '../../../core/export/build-edl.ts';
import { buildFcpxml, fcpTime } from '../../../core/export/build-fcpxml.ts';
import { buildKdenlive, buildMlt } from '../../../core/export/build-mlt.ts';
import { buildOtio } from '../../../core/export/build-otio.ts';
import { fileUrl, frameRate } from '../../../core/export/timeline-model.ts';
import { PromptPackSchema } from '../../../core/domain/prompt-pack.ts';
import { makePack, makeTimeline, matrixPacks } from './make-pack.ts';

test('frameRate and fcpTime are exact rationals', () => {
  assert.deepEqual(frameRate(24), { num: 24, den: 1, timecodeBase: 24 });
  assert.deepEqual(frameRate(29.97), { num: 30000, den: 1001, timecodeBase: 30 });
  assert.deepEqual(frameRate(23.976), { num: 24000, den: 1001, timecodeBase: 24 });
  assert.throws(() => frameRate(0), /fps/);
  assert.throws(() => frameRate(12.5), /not supported/);
  assert.equal(fcpTime(96, frameRate(24)), '96/24s');
  assert.equal(fcpTime(0, frameRate(24)), '0s');
  assert.equal(fcpTime(120, frameRate(29.97)), '120120/30000s');
});

test('fileUrl percent-encodes each segment', () => {
  assert.equal(fileUrl('/packs/Autumn Café/Clips/a#1.mp4'), 'file:///packs/Autumn%20Caf%C3%A9/Clips/a%231.mp4');
  assert.equal(fileUrl('C:\\packs\\a b.mp4'), 'file:///C:/packs/a%20b.mp4');
});

test('FCPXML: format, assets with file URLs, spine in order, markers with kind and deltas', () => {
  const t = makeTimeline(matrixPacks(), { frames: [96, 96, 96, 95, 96] });
  const x = buildFcpxml(t);
  assert.match(x, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<!DOCTYPE fcpxml>/);
  assert.match(x, /<fcpxml version="1.10">/);
  assert.match(x, /<format id="r1" frameDuration="1\/24s" width="160" height="90"/);
  assert.equal((x.match(/<asset /g) ?? []).length, 5);
  assert.match(x, /<media-rep kind="original-media" src="file:\/\/\/packs\/Autumn%20Caf%C3%A9\/Clips\/clip1_anchor.mp4"/);
  const offsets = [...x.matchAll(/<asset-clip ref="r(\d+)" offset="([^"]+)"/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(offsets, [['2', '0s'], ['3', '96/24s'], ['4', '192/24s'], ['5', '288/24s'], ['6', '383/24s']]);
  assert.match(x, /<sequence format="r1" duration="479\/24s" tcStart="86400\/24s" tcFormat="NDF">/);
  assert.match(x, /<marker start="0s" duration="1\/24s" value="variant 04 · prop: ceramic mug; palette: teal night · score 0\.74"/);
  assert.match(x, /value="seasonal 05 · autumn motif: falling leaves · /);
  assert.match(x, /value="anchor 01 · no deltas \(anchor look\) · /);
  // Marker notes carry compact JSON (Resolve keeps notes, not custom metadata): kind, shot, deltas, score.
  const notes = [...x.matchAll(/<marker [^>]*note="([^"]*)"/g)].map((m) => JSON.parse(m[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as { kind: string; deltas: unknown[]; score: number | null });
  assert.equal(notes.length, 5);
  assert.deepEqual(notes[3], { kind: 'variant', shot: 'shot-3', deltas: [{ kind: 'prop', label: 'ceramic mug' }, { kind: 'palette', label: 'teal night' }], score: 0.74 });
  assert.equal(buildFcpxml(t), x, 'deterministic');
});

test('FCPXML escapes hostile titles', () => {
  const t = makeTimeline([makePack({ index: 0, label: 'a "quoted" <tag> & \u0001 ctrl' })], { title: 'Look <&> "x"' });
  const x = buildFcpxml(t);
  assert.ok(!x.includes('\u0001'));
  assert.match(x, /<event name="Look &lt;&amp;&gt; &quot;x&quot;">/);
  assert.match(x, /a &quot;quoted&quot; &lt;tag&gt; &amp; {2}ctrl/);
});

test('EDL timecodes: round trip and non-drop frame', () => {
  assert.equal(timecode(0, 24), '00:00:00:00');
  assert.equal(timecode(86400 + 95, 24), '01:00:03:23');
  for (const n of [0, 1, 23, 24, 1439, 86399, 3 * 86400 + 7]) assert.equal(parseTimecode(timecode(n, 24), 24), n);
  assert.equal(timecode(30 * 60, 30), '00:01:00:00');
});

test('EDL: title, FCM, reels ≤ 8 chars, timecodes consistent with durations', () => {
  const frames = [96, 96, 100, 95, 96];
  const t = makeTimeline(matrixPacks(), { frames });
  const edl = buildEdl(t);
  const lines = edl.split('\n');
  assert.equal(lines[0], 'TITLE: Autumn Cafe');
  assert.equal(lines[1], 'FCM: NON-DROP FRAME');
  const events = lines.filter((l) => /^\d{3} /.test(l));
  assert.equal(events.length, 5);
  let record = parseTimecode('01:00:00:00', 24);
  events.forEach((line, i) => {
    const cols = line.split(/\s+/);
    assert.equal(cols[0], String(i + 1).padStart(3, '0'));
    assert.ok(cols[1]!.length <= 8 && /^[A-Z0-9_]+$/.test(cols[1]!), cols[1]);
    assert.equal(cols[2], 'V');
    assert.equal(cols[3], 'C');
    const [si, so, ri, ro] = cols.slice(4).map((tc) => parseTimecode(tc, 24)) as [number, number, number, number];
    assert.equal(so - si, frames[i], 'source duration');
    assert.equal(ro - ri, frames[i], 'record duration');
    assert.equal(ri, record, 'record side is contiguous');
    record = ro;
  });
  // The clip name as every other timeline writes it (no extension); the media path OTIO's reader links from.
  assert.match(edl, /^\* FROM CLIP NAME: clip1_anchor$/m);
  assert.match(edl, /^\* FROM CLIP: \/packs\/Autumn Café\/Clips\/clip1_anchor\.mp4$/m);
  assert.equal(edl.split('\n').filter((l) => l.startsWith('* FROM CLIP: ')).length, 5, 'every event names its media');
  assert.match(edl, /\* COMMENT: shot-3 \| variant - prop: ceramic mug; palette: teal night - score 0\.74 \| review approved/);
  assert.match(edl, /^\* LOC: 01:00:00:00 GREEN anchor - no deltas \(anchor look\) - score /m);
  assert.deepEqual(edlReelNames(t), ['A01V1', 'A02V1', 'V03V1', 'V04V2', 'S05V1']);
});

test('EDL text is transliterated to ASCII, never "?"', () => {
  assert.equal(edlText('Harbour Roast — Autumn Menu'), 'Harbour Roast - Autumn Menu');
  assert.equal(edlText('Café “Größe” naïve Łódź … 東京 ✨ ok'), 'Cafe "Grosse" naive Lodz ... ok');
  fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => !edlText(s).includes('?') || s.normalize('NFKD').includes('?'))); // "⁇" is question marks
  fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => /^[\x20-\x7e]*$/.test(edlText(s))));
  const t = makeTimeline(matrixPacks(), { title: 'Harbour Roast — Autumn Menu' });
  assert.equal(buildEdl(t).split('\n')[0], 'TITLE: Harbour Roast - Autumn Menu');
});

test('EDL reel names stay unique and short for big indexes and versions', () => {
  const packs = Array.from({ length: 30 }, (_, i) => makePack({ index: 1000 + (i % 3), attempt: 100000 + i }));
  const reels = edlReelNames(makeTimeline(packs));
  assert.equal(new Set(reels).size, reels.length);
  for (const r of reels) assert.ok(r.length <= 8, r);
});

interface OtioTime { OTIO_SCHEMA: string; rate: number; value: number }
interface OtioClip {
  OTIO_SCHEMA: string;
  media_reference: { OTIO_SCHEMA: string; target_url: string };
  source_range: { OTIO_SCHEMA: string; duration: OtioTime };
  metadata: { continuity: unknown };
  markers: { OTIO_SCHEMA: string; name: string }[];
}

test('OTIO: Timeline.1 / Stack / Track / Clip with ExternalReference and the prompt pack as metadata', () => {
  const packs = matrixPacks();
  const t = makeTimeline(packs, { frames: [96, 96, 96, 95, 96] });
  const doc = JSON.parse(buildOtio(t, { appVersion: '0.1.0' }));
  assert.equal(doc.OTIO_SCHEMA, 'Timeline.1');
  assert.deepEqual(doc.global_start_time, { OTIO_SCHEMA: 'RationalTime.1', rate: 24, value: 86400 });
  assert.equal(doc.tracks.OTIO_SCHEMA, 'Stack.1');
  const track = doc.tracks.children[0];
  assert.equal(track.OTIO_SCHEMA, 'Track.1');
  assert.equal(track.kind, 'Video');
  assert.equal(track.children.length, 5);
  track.children.forEach((clip: OtioClip, i: number) => {
    assert.equal(clip.OTIO_SCHEMA, 'Clip.1');
    assert.equal(clip.media_reference.OTIO_SCHEMA, 'ExternalReference.1');
    assert.match(clip.media_reference.target_url, /^file:\/\//);
    assert.deepEqual(clip.source_range.duration, { OTIO_SCHEMA: 'RationalTime.1', rate: 24, value: t.clips[i]!.frames });
    assert.equal(clip.source_range.OTIO_SCHEMA, 'TimeRange.1');
    assert.deepEqual(PromptPackSchema.parse(clip.metadata.continuity), packs[i]);
    assert.equal(clip.markers[0]!.OTIO_SCHEMA, 'Marker.2');
  });
  assert.equal(track.children[3].markers[0].name, 'variant · prop: ceramic mug; palette: teal night · score 0.74');
  assert.equal(track.children[3].markers[0].metadata.continuity_export.score, 0.74);
  assert.equal(JSON.parse(track.children[3].markers[0].comment).kind, 'variant');
});

test('OTIO at 29.97 writes the exact NTSC rate', () => {
  const doc = JSON.parse(buildOtio(makeTimeline([makePack({ index: 0 })], { fps: 29.97 })));
  assert.equal(doc.tracks.children[0].children[0].source_range.duration.rate, 30000 / 1001);
});

test('MLT and Kdenlive: profile, relative resources, entries in order', () => {
  const t = makeTimeline(matrixPacks(), { frames: [96, 96, 96, 95, 96] });
  const mlt = buildMlt(t);
  assert.match(mlt, /<profile description="160x90 24 fps" width="160" height="90" progressive="1" sample_aspect_num="1" sample_aspect_den="1" display_aspect_num="16" display_aspect_den="9" frame_rate_num="24" frame_rate_den="1"/);
  assert.match(mlt, /<property name="resource">\.\.\/Clips\/clip1_anchor\.mp4<\/property>/);
  const entries = [...mlt.matchAll(/<entry producer="(clip\d+)" in="0" out="(\d+)"\/>/g)].map((m) => `${m[1]}:${m[2]}`);
  assert.deepEqual(entries, ['clip1:95', 'clip2:95', 'clip3:95', 'clip4:94', 'clip5:95']);
  assert.match(mlt, /<tractor id="tractor0" title="Autumn Café" in="0" out="478">/);
  const kd = buildKdenlive(t);
  assert.match(kd, /<mlt LC_NUMERIC="C" version="7.0.0" title="Autumn Café" producer="main_bin">/);
  assert.match(kd, /<playlist id="main_bin">/);
  assert.match(kd, /<property name="kdenlive:id">2<\/property>/);
  assert.match(kd, /<tractor id="maintractor"/);
  assert.match(kd, /<property name="kdenlive:docproperties\.activeTrack">0<\/property>/);
  const markers = [...kd.matchAll(/<property name="kdenlive:markers">([^<]*)<\/property>/g)].map((m) => JSON.parse(m[1]!.replace(/&quot;/g, '"')) as Array<{ comment: string }>);
  assert.equal(markers.length, 5);
  assert.match(markers[3]![0]!.comment, /^variant · prop: ceramic mug; palette: teal night · score 0\.74$/);
});
