/**
 * ffmpeg progress as 0–1 from one line of its output. Understands both the stderr stats line
 * (`frame=  48 fps=0.0 q=-1.0 size=  256kB time=00:00:01.96 bitrate=…`) and the key=value lines
 * of `-progress pipe:1` (`out_time_us=1960000`, `out_time=00:00:01.960000`, `progress=end`).
 */

function clamp01(x: number): number { return x < 0 ? 0 : x > 1 ? 1 : x; }

/** "HH:MM:SS.frac" (hours may exceed 24; a leading "-" happens before the first frame) → seconds. */
export function parseClock(text: string): number | undefined {
  const m = /^(-)?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(text.trim());
  if (!m) return undefined;
  const s = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
  return m[1] ? -s : s;
}

/**
 * Progress of the run described by `line`, given the output's expected duration; undefined when
 * the line carries no time (banners, warnings, `time=N/A`) or the duration is unknown.
 */
export function parseFfmpegProgress(line: string, durationSeconds: number): number | undefined {
  if (/^\s*progress=end\s*$/.test(line)) return 1;
  if (!(durationSeconds > 0)) return undefined;
  // -progress reports microseconds in both out_time_us and (historically misnamed) out_time_ms.
  const us = /(?:^|\s)out_time_(?:us|ms)=(-?\d+)\s*$/.exec(line);
  if (us) return clamp01(Number(us[1]) / 1e6 / durationSeconds);
  const clock = /(?:^|\s)(?:out_)?time=\s*(-?[\d:.]+)/.exec(line);
  if (!clock) return undefined;
  const seconds = parseClock(clock[1]!);
  return seconds === undefined ? undefined : clamp01(seconds / durationSeconds);
}
