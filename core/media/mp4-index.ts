/**
 * The index of an MP4/QuickTime file, read in-process: the movie header, and per track its
 * handler, edit list, matrix, sample entry (with avcC and colr) and the timing of every sample
 * (stts, ctts). No sample data is read: only the `moov` box, wherever it sits in the file.
 *
 * Why: an ffprobe start costs 0.2–0.35 s of CPU on our machines before it reads a byte (the
 * dynamic loader binding ffmpeg's ~200 libraries), and the engine probes every clip it makes or
 * receives. This reader answers for the plain, common case and returns null for anything it does
 * not fully understand (fragmented files, several edits, unknown track kinds, damaged boxes), so
 * the caller asks ffprobe instead. It never guesses.
 */
import { open, type FileHandle } from 'node:fs/promises';

export interface Mp4Edit { segmentDuration: number; mediaTime: number; rate: number }

export interface Mp4SampleEntry {
  format: string;
  width: number;
  height: number;
  /** The first SPS of an avcC box, when the entry has one. */
  sps?: Uint8Array;
  /** A colr box of type nclx/nclc: ISO/IEC 23091-2 code points. */
  colr?: { primaries: number; transfer: number; matrix: number; fullRange: boolean | null };
}

export interface Mp4Track {
  handler: string;
  /** tkhd matrix, 9 values as stored (16.16 and 2.30 fixed point). */
  matrix: number[];
  timescale: number;
  mediaDuration: number;
  edits: Mp4Edit[] | null;
  entry: Mp4SampleEntry | null;
  sampleEntryCount: number;
  /** Decode-time delta of every sample, in the track's timescale. */
  deltas: number[];
  /** Composition offset of every sample (0 when the track has no ctts). */
  offsets: number[] | null;
  sampleCount: number;
  /** One past the last byte of sample data the track points at (stco/co64, stsc, stsz). */
  dataEnd: number;
}

export interface Mp4Movie {
  timescale: number;
  duration: number;
  tracks: Mp4Track[];
  /** moov/udta/meta/ilst items by four-character code, text values only. */
  tags: Record<string, string>;
  /** Anything in udta or ilst we do not read (cover art, QuickTime text atoms): ffprobe knows better. */
  unreadTags: boolean;
}

/** Biggest moov we read into memory (a 2-hour 60 fps clip's index is a few MB). */
const MAX_MOOV_BYTES = 64 * 1024 * 1024;
const MAX_TOP_LEVEL_BOXES = 4096;
/** More samples than any clip we handle (2 h at 120 fps is under 1M): a damaged or hostile table. */
const MAX_SAMPLES = 10_000_000;
/** Boxes we never expect around the movie; any other top-level box means a layout we leave to ffprobe. */
const TOP_LEVEL_OK = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'uuid', 'pdin']);

/** What ffmpeg's muxer puts in a moov; anything else (mvex, meta, compressed moov) → ffprobe. */
const MOOV_CHILDREN_OK = new Set(['mvhd', 'trak', 'udta', 'iods', 'free', 'skip']);

class Malformed extends Error {}

/** Read the movie index of `path`, or null when the file is not a plain MP4/QuickTime movie. */
export async function readMp4Index(path: string): Promise<Mp4Movie | null> {
  let fh: FileHandle;
  try { fh = await open(path, 'r'); } catch { return null; }
  try {
    const size = (await fh.stat()).size;
    const moov = await findMoov(fh, size);
    if (!moov) return null;
    const movie = parseMoov(moov);
    // A file cut short (a partial download behind a complete moov) has frames the index lists
    // but the file lacks: ffprobe, which reads every packet, reports fewer. Leave it to ffprobe.
    if (!movie || movie.tracks.some((t) => t.dataEnd > size)) return null;
    return movie;
  } catch (err) {
    if (err instanceof Malformed || err instanceof RangeError) return null;
    throw err;
  } finally {
    await fh.close();
  }
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  if (bytesRead !== length) throw new Malformed('short read');
  return buf;
}

/** The moov payload, if the file is ftyp … moov … with nothing fragmented or unknown at the top. */
async function findMoov(fh: FileHandle, size: number): Promise<Buffer | null> {
  let offset = 0;
  let moov: Buffer | null = null;
  for (let n = 0; offset < size; n++) {
    if (n >= MAX_TOP_LEVEL_BOXES || size - offset < 8) return null;
    const head = await readAt(fh, offset, Math.min(16, size - offset));
    let boxSize = head.readUInt32BE(0);
    const type = head.toString('latin1', 4, 8);
    let header = 8;
    if (boxSize === 1) {
      if (head.length < 16) return null;
      boxSize = Number(head.readBigUInt64BE(8));
      header = 16;
    } else if (boxSize === 0) {
      boxSize = size - offset;
    }
    if (boxSize < header || offset + boxSize > size) return null;
    if (n === 0 && type !== 'ftyp') return null;
    if (!TOP_LEVEL_OK.has(type)) return null;
    if (type === 'moov') {
      if (moov || boxSize - header > MAX_MOOV_BYTES) return null;
      moov = await readAt(fh, offset + header, boxSize - header);
    }
    offset += boxSize;
  }
  return moov;
}

interface Box { type: string; body: Buffer }

/** The child boxes of a payload; throws Malformed on any size that does not fit. */
function children(buf: Buffer): Box[] {
  const out: Box[] = [];
  let offset = 0;
  while (offset < buf.length) {
    if (buf.length - offset < 8) throw new Malformed('truncated box header');
    let size = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    let header = 8;
    if (size === 1) {
      if (buf.length - offset < 16) throw new Malformed('truncated box header');
      size = Number(buf.readBigUInt64BE(offset + 8));
      header = 16;
    } else if (size === 0) {
      size = buf.length - offset;
    }
    if (size < header || offset + size > buf.length) throw new Malformed(`box ${type} overruns its parent`);
    out.push({ type, body: buf.subarray(offset + header, offset + size) });
    offset += size;
  }
  return out;
}

function only(boxes: Box[], type: string): Box | undefined {
  const found = boxes.filter((b) => b.type === type);
  if (found.length > 1) throw new Malformed(`more than one ${type}`);
  return found[0];
}

function need(boxes: Box[], type: string): Box {
  const b = only(boxes, type);
  if (!b) throw new Malformed(`no ${type}`);
  return b;
}

/** Version byte of a full box, and its payload after version and flags. */
function full(b: Box): { version: number; body: Buffer } {
  if (b.body.length < 4) throw new Malformed(`${b.type} too short`);
  return { version: b.body[0]!, body: b.body.subarray(4) };
}

function u64(buf: Buffer, offset: number): number {
  const v = buf.readBigUInt64BE(offset);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Malformed('64-bit value out of range');
  return Number(v);
}

function parseMoov(moov: Buffer): Mp4Movie | null {
  const boxes = children(moov);
  // mvex: fragmented (samples live in moof boxes); meta, cmov, …: tags or layouts ffprobe reads and we do not.
  if (boxes.some((b) => !MOOV_CHILDREN_OK.has(b.type))) return null;
  const mvhd = full(need(boxes, 'mvhd'));
  const timescale = mvhd.version === 1 ? mvhd.body.readUInt32BE(16) : mvhd.body.readUInt32BE(8);
  const duration = mvhd.version === 1 ? u64(mvhd.body, 20) : mvhd.body.readUInt32BE(12);
  if (!timescale) return null;
  const tracks = boxes.filter((b) => b.type === 'trak').map(parseTrak);
  const { tags, unread } = parseUdta(only(boxes, 'udta'));
  return { timescale, duration, tracks, tags, unreadTags: unread };
}

function parseTrak(trak: Box): Mp4Track {
  const boxes = children(trak.body);
  const tkhd = full(need(boxes, 'tkhd'));
  const matrixAt = tkhd.version === 1 ? 48 : 36;
  const matrix = Array.from({ length: 9 }, (_, i) => tkhd.body.readInt32BE(matrixAt + 4 * i));
  const edts = only(boxes, 'edts');
  const edits = edts ? parseElst(need(children(edts.body), 'elst')) : null;
  const mdia = children(need(boxes, 'mdia').body);
  const mdhd = full(need(mdia, 'mdhd'));
  const timescale = mdhd.version === 1 ? mdhd.body.readUInt32BE(16) : mdhd.body.readUInt32BE(8);
  const mediaDuration = mdhd.version === 1 ? u64(mdhd.body, 20) : mdhd.body.readUInt32BE(12);
  const handler = full(need(mdia, 'hdlr')).body.toString('latin1', 4, 8);
  const stbl = children(need(children(need(mdia, 'minf').body), 'stbl').body);
  const stsd = full(need(stbl, 'stsd'));
  const sampleEntryCount = stsd.body.readUInt32BE(0);
  const entries = children(stsd.body.subarray(4));
  const entry = entries[0] ? parseSampleEntry(entries[0], handler) : null;
  const deltas = expandRuns(full(need(stbl, 'stts')).body, false);
  const ctts = only(stbl, 'ctts');
  const offsets = ctts ? expandRuns(full(ctts).body, true) : null;
  const stsz = full(need(stbl, 'stsz')).body;
  const sampleCount = stsz.readUInt32BE(4);
  if (sampleCount > MAX_SAMPLES) throw new Malformed('too many samples');
  const dataEnd = sampleDataEnd(stbl, stsz, sampleCount);
  return { handler, matrix, timescale, mediaDuration, edits, entry, sampleEntryCount, deltas, offsets, sampleCount, dataEnd };
}

/** Where the track's last sample ends in the file: chunk offsets plus the sizes of their samples. */
function sampleDataEnd(stbl: Box[], stsz: Buffer, sampleCount: number): number {
  const fixed = stsz.readUInt32BE(0);
  if (!fixed && 8 + 4 * sampleCount > stsz.length) throw new Malformed('stsz overruns');
  const sizeOf = (i: number) => (fixed || stsz.readUInt32BE(8 + 4 * i));
  const stco = only(stbl, 'stco'), co64 = only(stbl, 'co64');
  if (!stco === !co64) throw new Malformed('need exactly one of stco and co64');
  const offsets = full((stco ?? co64)!).body;
  const chunks = offsets.readUInt32BE(0);
  const wide = Boolean(co64);
  if (4 + chunks * (wide ? 8 : 4) > offsets.length) throw new Malformed('chunk offsets overrun');
  const chunkOffset = (c: number) => (wide ? u64(offsets, 4 + 8 * c) : offsets.readUInt32BE(4 + 4 * c));
  const stsc = full(need(stbl, 'stsc')).body;
  const runs = stsc.readUInt32BE(0);
  if (4 + runs * 12 > stsc.length) throw new Malformed('stsc overruns');
  let end = 0, sample = 0;
  for (let r = 0; r < runs; r++) {
    const firstChunk = stsc.readUInt32BE(4 + 12 * r) - 1;
    const perChunk = stsc.readUInt32BE(8 + 12 * r);
    const nextFirst = r + 1 < runs ? stsc.readUInt32BE(4 + 12 * (r + 1)) - 1 : chunks;
    if (firstChunk < 0 || nextFirst > chunks || nextFirst < firstChunk) throw new Malformed('stsc out of order');
    for (let c = firstChunk; c < nextFirst && sample < sampleCount; c++) {
      let at = chunkOffset(c);
      for (let k = 0; k < perChunk && sample < sampleCount; k++, sample++) at += sizeOf(sample);
      end = Math.max(end, at);
    }
  }
  if (sample !== sampleCount) throw new Malformed('chunks hold fewer samples than stsz lists');
  return end;
}

function parseElst(b: Box): Mp4Edit[] {
  const { version, body } = full(b);
  const count = body.readUInt32BE(0);
  const step = version === 1 ? 20 : 12;
  if (4 + count * step > body.length) throw new Malformed('elst overruns');
  const edits: Mp4Edit[] = [];
  for (let i = 0, o = 4; i < count; i++, o += step) {
    const segmentDuration = version === 1 ? u64(body, o) : body.readUInt32BE(o);
    const mediaTime = version === 1 ? Number(body.readBigInt64BE(o + 8)) : body.readInt32BE(o + 4);
    const rate = body.readInt32BE(o + (version === 1 ? 16 : 8)) / 65536;
    edits.push({ segmentDuration, mediaTime, rate });
  }
  return edits;
}

/** stts / ctts runs (count, value) expanded to one value per sample. */
function expandRuns(body: Buffer, signed: boolean): number[] {
  const count = body.readUInt32BE(0);
  if (4 + count * 8 > body.length) throw new Malformed('sample table overruns');
  const out: number[] = [];
  for (let i = 0, o = 4; i < count; i++, o += 8) {
    const n = body.readUInt32BE(o);
    const v = signed ? body.readInt32BE(o + 4) : body.readUInt32BE(o + 4);
    if (out.length + n > MAX_SAMPLES) throw new Malformed('too many samples');
    for (let k = 0; k < n; k++) out.push(v);
  }
  return out;
}

function parseSampleEntry(b: Box, handler: string): Mp4SampleEntry {
  if (handler !== 'vide') return { format: b.type, width: 0, height: 0 };
  // VisualSampleEntry: 8 bytes SampleEntry, 70 bytes of visual fields, then child boxes.
  if (b.body.length < 78) throw new Malformed('visual sample entry too short');
  const width = b.body.readUInt16BE(24);
  const height = b.body.readUInt16BE(26);
  const entry: Mp4SampleEntry = { format: b.type, width, height };
  for (const c of children(b.body.subarray(78))) {
    if (c.type === 'avcC') {
      const spsCount = c.body.length > 5 ? c.body[5]! & 0x1f : 0;
      if (spsCount >= 1 && c.body.length >= 8) {
        const len = c.body.readUInt16BE(6);
        if (8 + len > c.body.length) throw new Malformed('avcC SPS overruns');
        entry.sps = new Uint8Array(c.body.subarray(8, 8 + len));
      }
    } else if (c.type === 'colr' && c.body.length >= 10) {
      const kind = c.body.toString('latin1', 0, 4);
      if (kind === 'nclx' || kind === 'nclc') {
        entry.colr = {
          primaries: c.body.readUInt16BE(4), transfer: c.body.readUInt16BE(6), matrix: c.body.readUInt16BE(8),
          fullRange: kind === 'nclx' && c.body.length >= 11 ? (c.body[10]! & 0x80) !== 0 : null,
        };
      }
    }
  }
  return entry;
}

/** Text tags of moov/udta/meta/ilst (MP4 style, what ffmpeg writes); anything else is "unread". */
function parseUdta(udta: Box | undefined): { tags: Record<string, string>; unread: boolean } {
  const tags: Record<string, string> = {};
  if (!udta) return { tags, unread: false };
  let unread = false;
  for (const c of children(udta.body)) {
    if (c.type !== 'meta') { unread = true; continue; }
    // ISO meta is a full box; QuickTime's is not. ffmpeg writes the ISO form.
    if (c.body.length < 12 || c.body.toString('latin1', 8, 12) !== 'hdlr') { unread = true; continue; }
    for (const m of children(c.body.subarray(4))) {
      if (m.type === 'hdlr') continue;
      if (m.type !== 'ilst') { unread = true; continue; }
      for (const item of children(m.body)) {
        const data = children(item.body).filter((d) => d.type === 'data');
        // Well-known type 1: UTF-8 text. Anything else (cover art, numbers) is left to ffprobe.
        if (data.length !== 1 || data[0]!.body.length < 8 || data[0]!.body.readUInt32BE(0) !== 1) { unread = true; continue; }
        tags[item.type] = data[0]!.body.toString('utf8', 8);
      }
    }
  }
  return { tags, unread };
}
