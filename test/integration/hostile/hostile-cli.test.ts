// Hostile input (RELIABILITY.md "Untrusted media", issue 17 item 6): the real `continuity` CLI on
// each case of the table below, asserting the outcome — correct output (exit 0), or exit 2 with
// the offending file named — and that it ends within its timeout (the child is killed there, so a
// hang fails the case instead of the suite). Fixtures are tiny (160×90, 1 s) and made here.
// The observed outcomes (2-core machine under load) are in OUTCOMES.md beside this file
// (HOSTILE_TABLE=FILE writes a fresh table).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { crc32, deflateSync } from 'node:zlib';

const REPO = resolve(import.meta.dirname, '../../..');
const SAMPLE = join(REPO, 'resources/sample-look');
const TIMEOUT_MS = 90_000;
let dir: string;
let look: string; // a look folder with the sample's images copied in
let socketServer: Server;

const ff = (...args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-y', ...args]);

/** A look folder with the sample look, its references replaced per case. */
function writeLook(name: string, edit: (l: Record<string, unknown> & { references: Array<{ path: string }> }) => void, raw?: string): string {
  const path = join(look, `${name}.json`);
  if (raw !== undefined) { writeFileSync(path, raw); return path; }
  const l = JSON.parse(readFileSync(join(SAMPLE, 'look.json'), 'utf8'));
  delete l.$schema;
  edit(l);
  writeFileSync(path, JSON.stringify(l));
  return path;
}
const withRef = (name: string, ref: string) => writeLook(name, (l) => { l.references[0]!.path = ref; });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hostile-'));
  look = join(dir, 'look');
  mkdirSync(look);
  for (const f of ['set.png', 'style-frame.png', 'lighting-board.png', 'wardrobe-swatches.png', 'product-bag.png']) copyFileSync(join(SAMPLE, f), join(look, f));
  const v = (name: string, ...args: string[]) => ff('-f', 'lavfi', '-i', 'testsrc=size=160x90:rate=24:d=1', ...args, join(dir, name));
  v('ok.mp4', '-pix_fmt', 'yuv420p');
  v('ten-bit.mp4', '-c:v', 'libx264', '-pix_fmt', 'yuv420p10le');
  v('yuv444.mp4', '-c:v', 'libx264', '-pix_fmt', 'yuv444p');
  v('hdr.mp4', '-c:v', 'libx264', '-pix_fmt', 'yuv420p10le', '-color_primaries', 'bt2020', '-color_trc', 'smpte2084', '-colorspace', 'bt2020nc');
  v('one-pixel.mp4', '-vf', 'scale=1:1', '-c:v', 'libx264', '-pix_fmt', 'yuv444p');
  ff('-f', 'lavfi', '-i', 'anullsrc', '-f', 'lavfi', '-i', 'testsrc=size=160x90:rate=24:d=1', '-map', '1:v', '-map', '0:a', '-frames:v', '0', '-t', '1', join(dir, 'zero-frames.mp4'));
  writeFileSync(join(dir, 'ten-hours.mp4'), tenHourHeader(readFileSync(join(dir, 'ok.mp4'))));
  await sharp({ create: { width: 160, height: 90, channels: 3, background: '#c65d3b' } }).png().toFile(join(dir, 'ref.png'));
  copyFileSync(join(dir, 'ref.png'), join(dir, 'outside.png'));
  writeFileSync(join(dir, 'secret.txt'), 'not for the look\n');
  writeFileSync(join(dir, 'bomb.png'), pngBomb(30_000, 30_000));
  const jpeg = await sharp({ create: { width: 160, height: 90, channels: 3, background: '#3b2a22' } }).jpeg().toBuffer();
  writeFileSync(join(look, 'truncated.jpg'), jpeg.subarray(0, Math.floor(jpeg.length / 2)));
  writeFileSync(join(look, 'text.png'), 'hello, I am text\n');
  writeFileSync(join(dir, 'text.mp4'), 'hello, I am text\n');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="160" height="90"><image xlink:href="file://${join(dir, 'outside.png')}" width="160" height="90"/><image href="../secret.txt"/></svg>`;
  writeFileSync(join(look, 'external.svg'), svg);
  writeFileSync(join(dir, 'external.svg'), svg);
  writeFileSync(join(dir, 'list.m3u8'), `#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nfile://${join(dir, 'ok.mp4')}\n#EXTINF:1,\n/etc/passwd\n#EXTINF:1,\nhttp://127.0.0.1:9/x.ts\n#EXT-X-ENDLIST\n`);
  writeFileSync(join(dir, 'concat.txt'), `ffconcat version 1.0\nfile '${join(dir, 'ok.mp4')}'\nfile '/etc/passwd'\n`);
  execFileSync('mkfifo', [join(look, 'fifo.png')]);
  execFileSync('mkfifo', [join(dir, 'fifo.mp4')]);
  execFileSync('mkfifo', [join(dir, 'fifo-look.json')]);
  symlinkSync('/dev/zero', join(look, 'zero-link.png'));
  symlinkSync(join(dir, 'outside.png'), join(look, 'escape-link.png'));
  symlinkSync(join(look, 'set.png'), join(look, 'inside-link.png'));
  socketServer = createServer();
  await new Promise<void>((r) => socketServer.listen(join(look, 'socket.png'), r));
  writeFileSync(join(dir, 'big-look.json'), JSON.stringify({ name: 'x', pad: 'x'.repeat(5 * 1024 * 1024) }));
});
after(() => { socketServer?.close(); rmSync(dir, { recursive: true, force: true }); });

/** An image bomb: a PNG declaring width×height grey pixels whose data is one deflated row repeated (~1 MB). */
function pngBomb(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4); ihdr[8] = 8; ihdr[9] = 0;
  const idat = deflateSync(Buffer.alloc((width + 1) * 64), { level: 9 }); // 64 rows: the header alone is the bomb
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

/** Rewrite mvhd/tkhd durations to 10 hours: the header claims what the frames do not hold. */
function tenHourHeader(buf: Buffer): Buffer {
  const b = Buffer.from(buf);
  const mvhd = b.indexOf('mvhd');
  const scale = b.readUInt32BE(mvhd + 16);
  b.writeUInt32BE(scale * 36_000, mvhd + 20);
  const tkhd = b.indexOf('tkhd');
  b.writeUInt32BE(scale * 36_000, tkhd + 24);
  return b;
}

interface Outcome { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number }

function cli(args: string[]): Promise<Outcome> {
  return new Promise((done) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [join(REPO, 'bin/continuity.mjs'), ...args], { cwd: dir, env: { ...process.env, CONTINUITY_LOG_LEVEL: 'error' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = ''; let stderr = '';
    child.stdout.on('data', (d: Buffer) => { if (stdout.length < 100_000) stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { if (stderr.length < 100_000) stderr += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('close', (code, signal) => { clearTimeout(timer); done({ code, signal, stdout, stderr, ms: Date.now() - t0 }); });
  });
}

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const p = (name: string) => join(dir, name);

/**
 * The table: what is run, and what must happen. `names` is the text the error must contain
 * (the file as the user wrote it); `code: 0` cases check the output with `check`.
 */
interface Case { name: string; args: () => string[]; code: 0 | 2; names?: () => string; why?: RegExp; check?: () => void }
const CASES: Case[] = [
  // LOOK.json references (plan; run and session import go through the same loader)
  { name: 'reference is /dev/zero', args: () => ['plan', withRef('dev-zero', '/dev/zero'), '--allow-outside'], code: 2, names: () => '/dev/zero', why: /device/ },
  { name: 'reference is a FIFO', args: () => ['plan', withRef('fifo', 'fifo.png')], code: 2, names: () => 'fifo.png', why: /FIFO/ },
  { name: 'reference is a socket', args: () => ['plan', withRef('socket', 'socket.png')], code: 2, names: () => 'socket.png', why: /socket/ },
  { name: 'reference is a symlink to /dev/zero', args: () => ['plan', withRef('zero-link', 'zero-link.png')], code: 2, names: () => 'zero-link.png', why: /outside the look's folder/ },
  { name: 'reference is a symlink to /dev/zero, --allow-outside', args: () => ['plan', withRef('zero-link-allowed', 'zero-link.png'), '--allow-outside'], code: 2, names: () => 'zero-link.png', why: /device/ },
  { name: 'reference ../outside.png', args: () => ['plan', withRef('dotdot', '../outside.png')], code: 2, names: () => '../outside.png', why: /outside the look's folder/ },
  { name: 'reference ../outside.png with --allow-outside', args: () => ['plan', withRef('dotdot-allowed', '../outside.png'), '--allow-outside', '--json'], code: 0, check: () => undefined },
  { name: 'reference absolute path outside', args: () => ['plan', withRef('absolute', p('outside.png'))], code: 2, names: () => p('outside.png'), why: /outside the look's folder/ },
  { name: 'reference symlink out of the folder', args: () => ['plan', withRef('escape', 'escape-link.png')], code: 2, names: () => 'escape-link.png', why: /symbolic link/ },
  { name: 'reference symlink inside the folder', args: () => ['plan', withRef('inside-link', 'inside-link.png'), '--json'], code: 0 },
  { name: 'reference SVG with external hrefs', args: () => ['plan', withRef('svg', 'external.svg')], code: 2, names: () => 'external.svg', why: /SVG is refused/ },
  { name: 'reference image bomb 30000×30000', args: () => ['plan', withRef('bomb', '../bomb.png'), '--allow-outside'], code: 2, names: () => '../bomb.png', why: /too large/ },
  { name: 'reference truncated JPEG', args: () => ['plan', withRef('truncated', 'truncated.jpg')], code: 2, names: () => 'truncated.jpg' },
  { name: 'reference text renamed .png', args: () => ['plan', withRef('text', 'text.png')], code: 2, names: () => 'text.png' },
  { name: 'LOOK.json name nested 10 000 deep', args: () => ['plan', writeLook('deep-name', () => undefined, `{"schemaVersion":1,"name":${deep(10_000)}}`)], code: 2, names: () => 'deep-name.json', why: /nested \d+ levels deep/ },
  { name: 'LOOK.json canonOverrides nested 10 000 deep', args: () => ['plan', writeLook('deep-canon', () => undefined, readFileSync(join(SAMPLE, 'look.json'), 'utf8').replace('"schemaVersion": 1,', `"schemaVersion": 1, "canonOverrides": {"lighting": ${deep(10_000)}},`))], code: 2, names: () => 'deep-canon.json', why: /nested/ },
  { name: 'LOOK.json is /dev/zero', args: () => ['plan', '/dev/zero'], code: 2, names: () => '/dev/zero', why: /device/ },
  { name: 'LOOK.json is a FIFO', args: () => ['plan', p('fifo-look.json')], code: 2, names: () => 'fifo-look.json', why: /FIFO/ },
  { name: 'LOOK.json of 5 MB', args: () => ['plan', p('big-look.json')], code: 2, names: () => 'big-look.json', why: /too large/ },
  { name: 'run: reference outside, refused before any work', args: () => ['run', withRef('run-outside', '../outside.png'), '--out', p('run-out')], code: 2, names: () => '../outside.png' },
  { name: 'session create: LOOK.json with a FIFO reference', args: () => ['session', 'create', p('proj'), '--look', withRef('session-fifo', 'fifo.png'), '--name', 's'], code: 2, names: () => 'fifo.png' },
  // Videos
  { name: 'probe HLS playlist naming /etc/passwd and a loopback URL', args: () => ['probe', p('list.m3u8')], code: 2, names: () => 'list.m3u8' },
  { name: 'probe ffconcat list naming /etc/passwd', args: () => ['probe', p('concat.txt')], code: 2, names: () => 'concat.txt' },
  { name: 'probe /dev/zero', args: () => ['probe', '/dev/zero'], code: 2, names: () => '/dev/zero', why: /device/ },
  { name: 'probe a FIFO', args: () => ['probe', p('fifo.mp4')], code: 2, names: () => 'fifo.mp4', why: /FIFO/ },
  { name: 'frame of a text file renamed .mp4', args: () => ['frame', p('text.mp4'), '--at', 'first', '--out', p('f.png')], code: 2, names: () => 'text.mp4' },
  { name: 'grade a zero-frame video', args: () => ['grade', p('zero-frames.mp4'), '--reference', p('ref.png'), '--out', p('g0.mp4')], code: 2, names: () => 'zero-frames.mp4' },
  { name: 'grade a 1×1 video', args: () => ['grade', p('one-pixel.mp4'), '--reference', p('ref.png'), '--out', p('g1.mp4')], code: 2, names: () => 'one-pixel.mp4' },
  { name: 'grade a header claiming 10 hours', args: () => ['grade', p('ten-hours.mp4'), '--reference', p('ref.png'), '--out', p('g10h.mp4')], code: 2, names: () => 'ten-hours.mp4', why: /36000\.0 s/ },
  { name: 'grade HDR (PQ) video', args: () => ['grade', p('hdr.mp4'), '--reference', p('ref.png'), '--out', p('ghdr.mp4')], code: 2, names: () => 'hdr.mp4', why: /HDR/ },
  { name: 'grade 10-bit video → 8-bit yuv420p', args: () => ['grade', p('ten-bit.mp4'), '--reference', p('ref.png'), '--out', p('g10.mp4')], code: 0, check: () => assertYuv420(p('g10.mp4')) },
  { name: 'grade 4:4:4 video → yuv420p', args: () => ['grade', p('yuv444.mp4'), '--reference', p('ref.png'), '--out', p('g444.mp4')], code: 0, check: () => assertYuv420(p('g444.mp4')) },
  { name: 'grade --reference FIFO', args: () => ['grade', p('ok.mp4'), '--reference', join(look, 'fifo.png'), '--out', p('gf.mp4')], code: 2, names: () => 'fifo.png', why: /FIFO/ },
  { name: 'score --reference SVG with external hrefs', args: () => ['score', p('ok.mp4'), '--reference', p('external.svg')], code: 2, names: () => 'external.svg', why: /SVG is refused/ },
  { name: 'score --reference /dev/zero', args: () => ['score', p('ok.mp4'), '--reference', '/dev/zero'], code: 2, names: () => '/dev/zero' },
  { name: 'palette of an image bomb', args: () => ['palette', p('bomb.png')], code: 2, names: () => 'bomb.png', why: /too large/ },
  { name: 'palette of a socket', args: () => ['palette', join(look, 'socket.png')], code: 2, names: () => 'socket.png' },
];

function assertYuv420(path: string): void {
  const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=pix_fmt,nb_frames', '-of', 'csv=p=0', path], { encoding: 'utf8' }).trim();
  assert.equal(out, 'yuv420p,24', `${path}: ${out}`);
}

test(`hostile input: ${CASES.length} cases, each exit 0 with correct output or exit 2 naming the file, within ${TIMEOUT_MS / 1000} s`, async () => {
  assert.ok(CASES.length >= 25);
  const rows: string[] = [];
  const failures: string[] = [];
  for (const c of CASES) {
    const r = await cli(c.args());
    const firstLine = (r.stderr.split('\n').find((l) => l.startsWith('error:')) ?? r.stderr.split('\n')[0] ?? '').slice(0, 160);
    rows.push(`| ${c.name} | ${r.signal ?? r.code} | ${(r.ms / 1000).toFixed(1)} s | ${c.code === 0 ? 'ok' : firstLine.replace(dir, '$TMP').replaceAll('|', '\\|')} |`);
    try {
      assert.equal(r.signal, null, `${c.name}: killed at the ${TIMEOUT_MS} ms timeout`);
      assert.equal(r.code, c.code, `${c.name}: exit ${r.code}: ${r.stderr.slice(-400)}`);
      if (c.code === 2) {
        assert.ok(r.stderr.includes(c.names!()), `${c.name}: the error names ${c.names!()}: ${r.stderr.slice(-400)}`);
        if (c.why) assert.match(r.stderr, c.why, c.name);
        assert.doesNotMatch(r.stderr, /Maximum call stack|at .*\.ts:\d+/, `${c.name}: a crash, not an error message`);
      }
      c.check?.();
    } catch (err) { failures.push((err as Error).message); }
  }
  if (process.env.HOSTILE_TABLE) writeFileSync(process.env.HOSTILE_TABLE, ['| case | exit | time | message |', '|---|---|---|---|', ...rows].join('\n') + '\n');
  assert.deepEqual(failures, []);
});
