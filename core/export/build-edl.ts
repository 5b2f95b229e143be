/**
 * CMX3600 EDL: the lowest common denominator every NLE imports (Resolve, Premiere, Avid).
 * One video event per clip, cuts only. Reel names are ≤ 8 characters (the CMX limit). Each event
 * names its clip in `* FROM CLIP NAME:` (the same name as in every other timeline, so Resolve and
 * Premiere relink by name) and its media in `* FROM CLIP:` (the absolute path: OTIO's reader and
 * conform tools link media from it; `continuity relink` rewrites it after a move), and carries a
 * `* LOC:` marker with the shot's kind, deltas and score.
 */
import { fileURLToPath } from 'node:url';
import { markerText } from './marker-data.ts';
import { toAscii } from './ascii-text.ts';
import { clipOffsets, frameRate, type Timeline } from './timeline-model.ts';

/** Non-drop-frame SMPTE timecode HH:MM:SS:FF for a frame count at `base` frames per second. */
export function timecode(frames: number, base: number): string {
  const ff = frames % base;
  const totalSeconds = Math.floor(frames / base);
  const ss = totalSeconds % 60;
  const mm = Math.floor(totalSeconds / 60) % 60;
  const hh = Math.floor(totalSeconds / 3600);
  return [hh, mm, ss, ff].map((n) => String(n).padStart(2, '0')).join(':');
}

/** Inverse of `timecode`, for tests and readers. */
export function parseTimecode(tc: string, base: number): number {
  const m = /^(\d{2}):(\d{2}):(\d{2})[:;](\d{2})$/.exec(tc);
  if (!m) throw new Error(`not a timecode: ${tc}`);
  const [hh, mm, ss, ff] = m.slice(1).map(Number) as [number, number, number, number];
  return ((hh * 60 + mm) * 60 + ss) * base + ff;
}

const KIND_LETTER = { anchor: 'A', variant: 'V', seasonal: 'S', sequence: 'Q' } as const;

/**
 * Reel names: kind letter + matrix index + take version ("A01V1"), unique, [A-Z0-9_] only,
 * ≤ 8 characters. Falls back to a running number when truncation would collide.
 */
export function edlReelNames(t: Timeline): string[] {
  const used = new Set<string>();
  return t.clips.map((c, i) => {
    const index = String(c.pack.shot.index + 1).padStart(2, '0');
    const version = c.pack.take?.attempt ?? 1;
    let reel = `${KIND_LETTER[c.kind]}${index}V${version}`.toUpperCase().replace(/[^A-Z0-9_]/g, '').slice(0, 8);
    if (used.has(reel)) reel = `C${String(i + 1).padStart(3, '0')}`.slice(0, 8);
    for (let n = 1; used.has(reel); n++) reel = `R${String(n).padStart(7, '0')}`;
    used.add(reel);
    return reel;
  });
}

/** EDL titles and comments are read as ASCII by older tools: transliterated, never "?". */
export function edlText(text: string, max = 240): string {
  return toAscii(text).slice(0, max).trim();
}

/** CMX3600 marker colours as Resolve and OTIO's reader name them, one per shot kind. */
const LOC_COLOR = { anchor: 'GREEN', variant: 'CYAN', seasonal: 'YELLOW', sequence: 'PURPLE' } as const;

/** Record side starts at 01:00:00:00, the broadcast convention. */
const RECORD_START_HOURS = 1;

/** Build a CMX3600 EDL. Pure: same timeline → same bytes. */
export function buildEdl(t: Timeline): string {
  const rate = frameRate(t.fps);
  const base = rate.timecodeBase;
  const reels = edlReelNames(t);
  const offsets = clipOffsets(t);
  const recordStart = RECORD_START_HOURS * 3600 * base;
  const lines = [`TITLE: ${edlText(t.title, 70) || 'Continuity Studio'}`, 'FCM: NON-DROP FRAME', ''];
  t.clips.forEach((c, i) => {
    const event = String(i + 1).padStart(3, '0');
    const srcIn = timecode(0, base);
    const srcOut = timecode(c.frames, base);
    const recIn = timecode(recordStart + offsets[i]!, base);
    const recOut = timecode(recordStart + offsets[i]! + c.frames, base);
    // Columns as CMX3600 lays them out: event(3) reel(8) track(5) transition(8) then timecodes.
    lines.push(`${event}  ${reels[i]!.padEnd(8)} ${'V'.padEnd(5)} ${'C'.padEnd(8)} ${srcIn} ${srcOut} ${recIn} ${recOut}`);
    lines.push(`* FROM CLIP NAME: ${c.name}`);
    // The path as written on disk (UTF-8): a tool resolving it must find the very file.
    lines.push(`* FROM CLIP: ${fileURLToPath(c.url)}`);
    lines.push(`* LOC: ${recIn} ${LOC_COLOR[c.kind]} ${edlText(markerText(c), 200)}`);
    lines.push(`* COMMENT: ${edlText(`${c.shotId} | ${markerText(c)} | review ${c.review}`)}`);
    lines.push('');
  });
  return lines.join('\n');
}
