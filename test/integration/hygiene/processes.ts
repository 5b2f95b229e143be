/**
 * What a stopped CLI run left behind, read from /proc (Linux): its live children, and whether
 * a pid is still an ffmpeg/ffprobe. Shared by the SIGTERM tests.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Live processes whose parent is `ppid`, with their command names and command lines. */
export function childrenOf(ppid: number): Array<{ pid: number; comm: string; cmdline: string }> {
  const out: Array<{ pid: number; comm: string; cmdline: string }> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== ppid) continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      out.push({ pid: Number(name), comm: /^Name:\s+(\S+)/m.exec(status)?.[1] ?? '', cmdline });
    } catch { /* exited meanwhile */ }
  }
  return out;
}

/**
 * True while `pid` is a live ffmpeg or ffprobe. A reused pid running something else is not; nor
 * is a zombie (it has exited and only waits for its new parent, init, to reap it).
 */
export function isFfmpeg(pid: number): boolean {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return /^Name:\s+(ffmpeg|ffprobe)/m.test(status) && !/^State:\s+Z/m.test(status);
  } catch { return false; }
}
