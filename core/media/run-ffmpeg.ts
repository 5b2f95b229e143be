/**
 * The one place that spawns ffmpeg / ffprobe (STYLE.md "Media work"): argument arrays, never a
 * shell; `-nostdin`; a timeout; an AbortSignal that kills (SIGTERM, then SIGKILL); a bounded
 * stderr tail that becomes the error message. A cancel rejects with CanceledError, not a failure.
 */
import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { CanceledError, WorkError } from '../domain/errors.ts';
import { resolveFfmpeg } from './ffmpeg-path.ts';

export interface RunOptions {
  /** Which binary; defaults to ffmpeg. */
  binary?: 'ffmpeg' | 'ffprobe';
  signal?: AbortSignal;
  /** Kill after this long. Default 10 minutes. */
  timeoutMs?: number;
  /** Called with each stderr chunk's text (for progress parsing). */
  onStderr?: (text: string) => void;
  /** Stream stdout to this callback instead of buffering it (raw frame decoding). */
  onStdout?: (chunk: Buffer) => void;
  /** Cap on buffered stdout, bytes. Default 512 MiB. */
  maxStdoutBytes?: number;
  /** Name of the thing being worked on, for error messages (usually the input file). */
  subject?: string;
  /**
   * Writes ffmpeg's stdin (raw frames for `-i pipe:0`); runFfmpeg closes it when the promise
   * resolves. A writer that fails for any reason but a broken pipe kills ffmpeg, and the run
   * rejects with the writer's error even if ffmpeg had finished on the frames it got.
   */
  stdin?: (pipe: Writable) => Promise<void>;
}

export interface RunResult { stdout: Buffer; stderrTail: string }

const STDERR_TAIL = 4000;
const KILL_GRACE_MS = 2000;

/**
 * Flags every run gets. `-nostdin` stops ffmpeg from reading the terminal (it otherwise eats
 * keystrokes and can hang under a parent without stdin); `-hide_banner` keeps the tail useful.
 */
export function baseArgs(binary: 'ffmpeg' | 'ffprobe'): string[] {
  return binary === 'ffmpeg' ? ['-nostdin', '-hide_banner', '-y'] : ['-hide_banner'];
}

/**
 * Input options for untrusted files: only local files may be opened, so a playlist or concat
 * file cannot make ffmpeg read URLs or follow references elsewhere.
 */
export const SAFE_INPUT = ['-protocol_whitelist', 'file,pipe'];

/**
 * The environment ffmpeg runs in: ours, with OpenBLAS held to one thread. A distribution's
 * ffmpeg (Debian's: libavfilter → pocketsphinx → LAPACK → OpenBLAS) loads OpenBLAS, which starts
 * a thread per core at load that spins waiting for work ffmpeg never gives it (only the `asr`
 * filter uses BLAS; we never run it). Measured: about 60 ms of CPU per ffmpeg start here (295 →
 * 230 ms for a tiny encode), in every render, grade, decode and probe. No effect on a static ffmpeg.
 */
function ffmpegEnv(): NodeJS.ProcessEnv {
  return { ...process.env, OPENBLAS_NUM_THREADS: '1' };
}

export function runFfmpeg(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const binary = options.binary ?? 'ffmpeg';
  const bins = resolveFfmpeg();
  const exe = binary === 'ffmpeg' ? bins.ffmpeg : bins.ffprobe;
  const fullArgs = [...baseArgs(binary), ...args];
  const subject = options.subject ? ` on ${options.subject}` : '';
  if (options.signal?.aborted) return Promise.reject(new CanceledError(`${binary}${subject} canceled`));

  return new Promise<RunResult>((resolve, reject) => {
    const env = ffmpegEnv();
    const child = options.stdin
      ? spawn(exe, fullArgs, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true, env })
      : spawn(exe, fullArgs, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, env });
    const out: Buffer[] = [];
    let outBytes = 0;
    let tail = '';
    let ending: 'canceled' | 'timeout' | 'overflow' | 'feed' | undefined;
    let killTimer: NodeJS.Timeout | undefined;

    const kill = (why: NonNullable<typeof ending>) => {
      if (ending) return;
      ending = why;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      killTimer.unref();
    };
    const timer = setTimeout(() => kill('timeout'), options.timeoutMs ?? 10 * 60_000);
    // A broken pipe only means ffmpeg stopped reading (it failed, or was killed): its exit says
    // why. Any other error is the chunk source's own, and fails the run.
    let feedError: unknown;
    const stdin = child.stdin;
    // The pipe's own errors reach the writer through its write callbacks; unlistened they would throw.
    stdin?.on('error', () => undefined);
    const feeding = options.stdin && stdin
      ? options.stdin(stdin).then(() => { stdin.end(); }, (err: NodeJS.ErrnoException) => {
        stdin.destroy();
        if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
        feedError = err;
        kill('feed');
      })
      : Promise.resolve();
    const onAbort = () => kill('canceled');
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      if (options.onStdout) { options.onStdout(chunk); return; }
      outBytes += chunk.length;
      if (outBytes > (options.maxStdoutBytes ?? 512 * 1024 * 1024)) { kill('overflow'); return; }
      out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      tail = (tail + text).slice(-STDERR_TAIL);
      options.onStderr?.(text);
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(new WorkError(`could not start ${binary} (${exe}): ${err.message}`, 'ffmpeg_spawn', { cause: err }));
    });
    child.on('close', (code, signal) => void feeding.then(() => {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      if (ending === 'canceled') return reject(new CanceledError(`${binary}${subject} canceled`));
      if (ending === 'timeout') return reject(new WorkError(`${binary}${subject} timed out after ${Math.round((options.timeoutMs ?? 600_000) / 1000)} s`, 'ffmpeg_timeout'));
      if (ending === 'overflow') return reject(new WorkError(`${binary}${subject} produced more output than allowed`, 'ffmpeg_overflow'));
      if (feedError !== undefined) return reject(feedError);
      if (code !== 0) {
        const last = tail.trim().split('\n').slice(-6).join('\n');
        return reject(new WorkError(`${binary} failed${subject} (${signal ?? `exit ${code}`}):\n${last}`, 'ffmpeg_failed'));
      }
      resolve({ stdout: Buffer.concat(out), stderrTail: tail });
    }));
  });
}
