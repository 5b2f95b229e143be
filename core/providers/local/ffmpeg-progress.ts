/**
 * Progress of a local render from ffmpeg's `-progress pipe:1` output (key=value lines, a block
 * per report). Pure and chunk-safe: lines may arrive split across stdout chunks.
 */

/** Accumulates chunks and reports the latest `frame=N` as a 0..1 fraction of `totalFrames`. */
export function createProgressParser(totalFrames: number): (chunk: string) => number | undefined {
  let pending = '';
  return (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    let latest: number | undefined;
    for (const line of lines) {
      const m = /^frame=\s*(\d+)\s*$/.exec(line.trim());
      if (m) latest = Number(m[1]);
      else if (line.trim() === 'progress=end') latest = totalFrames;
    }
    if (latest === undefined || totalFrames <= 0) return undefined;
    return Math.min(1, Math.max(0, latest / totalFrames));
  };
}
