/**
 * FCPXML 1.10 for Final Cut Pro (and Resolve / Premiere via their FCPXML importers). Valid
 * against Apple's FCPXMLv1_10.dtd (tested with `xmllint --dtdvalid`). Times are rational
 * seconds in the sequence's frame duration ("96/24s") so every edit lands on a frame boundary.
 */
import { describeDeltas } from './clip-names.ts';
import { markerJson } from './marker-data.ts';
import { clipOffsets, frameRate, timelineFrames, type FrameRate, type Timeline } from './timeline-model.ts';
import { xmlAttrs, xmlEscape } from './xml-text.ts';

/** Rational FCPXML time for a whole number of frames. */
export function fcpTime(frames: number, rate: FrameRate): string {
  if (frames === 0) return '0s';
  return `${frames * rate.den}/${rate.num}s`;
}

/**
 * Final Cut recognises its own format names and builds a custom format from width, height and
 * frameDuration otherwise; we only name the common landscape ones so nothing is mislabelled.
 */
function formatName(width: number, height: number, rate: FrameRate): string | undefined {
  if (rate.den !== 1) return undefined;
  if (width === 1920 && height === 1080) return `FFVideoFormat1080p${rate.num}`;
  if (width === 1280 && height === 720) return `FFVideoFormat720p${rate.num}`;
  return undefined;
}

/** Build the whole FCPXML document. Pure: same timeline → same bytes. */
export function buildFcpxml(t: Timeline): string {
  const rate = frameRate(t.fps);
  const total = timelineFrames(t);
  const offsets = clipOffsets(t);
  const lines: string[] = [];
  lines.push('<?xml version="1.0" encoding="UTF-8"?>', '<!DOCTYPE fcpxml>', '', '<fcpxml version="1.10">', '  <resources>');
  lines.push(`    <format${xmlAttrs({
    id: 'r1',
    name: formatName(t.width, t.height, rate),
    frameDuration: fcpTime(1, rate),
    width: t.width,
    height: t.height,
    colorSpace: '1-1-1 (Rec. 709)',
  })}/>`);
  t.clips.forEach((c, i) => {
    lines.push(`    <asset${xmlAttrs({ id: `r${i + 2}`, name: c.name, start: '0s', duration: fcpTime(c.frames, rate), hasVideo: '1', format: 'r1', videoSources: '1' })}>`);
    lines.push(`      <media-rep${xmlAttrs({ kind: 'original-media', src: c.url, suggestedFilename: c.fileName })}/>`);
    lines.push('    </asset>');
  });
  lines.push('  </resources>', '  <library>', `    <event${xmlAttrs({ name: t.title })}>`, `      <project${xmlAttrs({ name: t.title })}>`);
  // The record side starts at 01:00:00:00 like the EDL, the broadcast convention editors expect.
  lines.push(`        <sequence${xmlAttrs({ format: 'r1', duration: fcpTime(total, rate), tcStart: fcpTime(3600 * rate.timecodeBase, rate), tcFormat: 'NDF' })}>`);
  lines.push('          <spine>');
  t.clips.forEach((c, i) => {
    const deltas = describeDeltas(c.deltas);
    const score = c.score === undefined ? 'not scored' : `score ${c.score.toFixed(2)}`;
    lines.push(`            <asset-clip${xmlAttrs({ ref: `r${i + 2}`, offset: fcpTime(offsets[i]!, rate), name: c.name, start: '0s', duration: fcpTime(c.frames, rate), tcFormat: 'NDF' })}>`);
    lines.push(`              <note>${xmlEscape(`${c.label} · shot ${c.shotId} · prompt pack ${c.promptPackPath}`)}</note>`);
    lines.push(`              <marker${xmlAttrs({
      start: '0s',
      duration: fcpTime(1, rate),
      value: `${c.kind} ${String(c.pack.shot.index + 1).padStart(2, '0')} · ${deltas} · ${score}`,
      // Compact JSON (kind, shot, deltas, score): Resolve keeps marker notes on import, not custom metadata.
      note: markerJson(c),
    })}/>`);
    lines.push('              <metadata>');
    lines.push(`                <md${xmlAttrs({ key: 'com.apple.proapps.studio.scene', value: c.kind })}/>`);
    lines.push(`                <md${xmlAttrs({ key: 'com.apple.proapps.studio.shot', value: c.shotId })}/>`);
    lines.push(`                <md${xmlAttrs({ key: 'com.apple.proapps.studio.notes', value: deltas })}/>`);
    lines.push('              </metadata>');
    lines.push('            </asset-clip>');
  });
  lines.push('          </spine>', '        </sequence>', '      </project>', '    </event>', '  </library>', '</fcpxml>', '');
  return lines.join('\n');
}
