import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseClock, parseFfmpegProgress } from '../../../core/media/parse-ffmpeg-progress.ts';

// Lines captured from ffmpeg 5.1 (stderr stats and `-progress pipe:1`).
const REAL = {
  statsStart: 'frame=    1 fps=0.0 q=0.0 size=       0kB time=00:00:00.00 bitrate=N/A speed=N/A    ',
  statsEnd: 'frame=   75 fps= 27 q=-1.0 Lsize=      69kB time=00:00:02.88 bitrate= 196.6kbits/s speed=1.04x    ',
  statsNA: 'frame=    0 fps=0.0 q=0.0 size=       0kB time=N/A bitrate=N/A speed=N/A    ',
  us: 'out_time_us=2880078',
  ms: 'out_time_ms=2880078',
  clock: 'out_time=00:00:02.880078',
  negative: 'out_time=-00:00:00.021333',
  end: 'progress=end',
  cont: 'progress=continue',
  banner: '  Duration: 00:00:03.00, start: 0.000000, bitrate: 196 kb/s',
};

test('stderr stats lines give time / duration', () => {
  assert.equal(parseFfmpegProgress(REAL.statsStart, 3), 0);
  assert.ok(Math.abs(parseFfmpegProgress(REAL.statsEnd, 3)! - 0.96) < 1e-9);
  assert.equal(parseFfmpegProgress(REAL.statsNA, 3), undefined);
});

test('-progress key=value lines are understood, out_time_ms is microseconds', () => {
  assert.ok(Math.abs(parseFfmpegProgress(REAL.us, 3)! - 0.960026) < 1e-6);
  assert.equal(parseFfmpegProgress(REAL.ms, 3), parseFfmpegProgress(REAL.us, 3));
  assert.ok(Math.abs(parseFfmpegProgress(REAL.clock, 3)! - 0.960026) < 1e-6);
  assert.equal(parseFfmpegProgress(REAL.negative, 3), 0);
  assert.equal(parseFfmpegProgress(REAL.end, 3), 1);
  assert.equal(parseFfmpegProgress(REAL.cont, 3), undefined);
});

test('the input banner "Duration:" is not progress; unknown duration gives undefined', () => {
  assert.equal(parseFfmpegProgress(REAL.banner, 3), undefined);
  assert.equal(parseFfmpegProgress(REAL.statsEnd, 0), undefined);
  assert.equal(parseFfmpegProgress(REAL.statsEnd, Number.NaN), undefined);
});

test('progress is clamped to 1 when ffmpeg overshoots the expected duration', () => {
  assert.equal(parseFfmpegProgress('out_time_us=9000000', 3), 1);
});

test('parseClock handles hours beyond 24 and fractional seconds', () => {
  assert.equal(parseClock('25:00:01.5'), 90001.5);
  assert.equal(parseClock('nonsense'), undefined);
});

test('any line and duration: never throws, result is undefined or within 0..1', () => {
  fc.assert(fc.property(fc.string(), fc.double({ noNaN: false }), (line, d) => {
    const p = parseFfmpegProgress(line, d);
    return p === undefined || (p >= 0 && p <= 1);
  }));
  fc.assert(fc.property(fc.nat(10 ** 9), fc.integer({ min: 1, max: 10 ** 5 }), (us, d) => {
    const p = parseFfmpegProgress(`out_time_us=${us}`, d)!;
    return Math.abs(p - Math.min(1, us / 1e6 / d)) < 1e-12;
  }));
});
