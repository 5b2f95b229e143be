/**
 * Shared pieces of the remote-run tests: a small LOOK.json over the sample look's images, the
 * `continuity` CLI as a child process pointed at a loopback fake fal, and pack inspection.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { probe } from '../../../core/media/probe.ts';
import { startFakeFal, type FakeFal } from '../../fakes/fake-fal.ts';
import { childNodeArgs } from '../../support/child-node-args.ts';

export const REPO = resolve(import.meta.dirname, '../../..');
const SAMPLE = join(REPO, 'resources/sample-look');

/** The sample look, its images copied beside it (a look's images live in its folder), and a smaller batch (8 clips is the schema minimum) at the 320x180 draft size, so a loaded CI machine renders it in time. */
export function writeSmallLook(dir: string, batch: Record<string, unknown> = {}): string {
  const look = JSON.parse(readFileSync(join(SAMPLE, 'look.json'), 'utf8')) as Record<string, unknown> & {
    references: Array<{ path: string }>; productShots?: Array<{ path: string }>; batch?: Record<string, unknown>;
  };
  delete look.$schema;
  for (const r of [...look.references, ...(look.productShots ?? [])]) copyFileSync(join(SAMPLE, r.path), join(dir, r.path));
  look.batch = { ...look.batch, clips: 8, size: '320x180', seconds: 4, fps: 24, ...batch };
  const path = join(dir, 'LOOK.json');
  writeFileSync(path, JSON.stringify(look, null, 2));
  return path;
}

/**
 * What the fake serves: larger than the 320x180 batch, so every take is still scaled (and its
 * colour converted) by the product's conform, as a real 1280x720 return is, at a quarter of the
 * pixels the fake would otherwise encode and the run decode.
 */
export const SERVED_CLIP = { width: 640, height: 360 };

export async function startFake(): Promise<FakeFal> {
  const fake = await startFakeFal();
  fake.behaviour.pollsBeforeDone = 2;
  fake.behaviour.clipSize = SERVED_CLIP;
  return fake;
}

/**
 * The CLI's job runner waits milliseconds, not seconds, between retries against the loopback fake
 * (test build only, see test/support/test-switches.ts): what is retried and how often is unchanged.
 */
export const FAST_BACKOFF = { CONTINUITY_TEST_BACKOFF_MS: '5:50' };

export function falEnv(fake: FakeFal): Record<string, string> {
  return { FAL_KEY: 'fake-key-for-tests', CONTINUITY_FAL_BASE_URL: fake.proxyUrl, CONTINUITY_POLL_INTERVAL_MS: '40', ...FAST_BACKOFF };
}

export interface CliRun { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/**
 * `node bin/continuity.mjs ARGS` with the test switches (fast polls of the loopback fake). `killWhen` sees stderr so far (on output and every 25 ms) and
 * returns true to SIGKILL the process at that instant (a crash, not a clean exit).
 */
export function runCli(args: string[], env: Record<string, string>, killWhen?: (stderr: string) => boolean): Promise<CliRun> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [...childNodeArgs(join(REPO, 'bin/continuity.mjs'), { switches: true }), ...args], {
      cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const check = () => { if (!killed && killWhen?.(stderr)) { killed = true; child.kill('SIGKILL'); } };
    // Checked on output and on a timer: the moment to kill may come between two lines.
    const timer = killWhen ? setInterval(check, 25) : undefined;
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); check(); });
    child.on('close', (code, signal) => { if (timer) clearInterval(timer); done({ code, signal, stdout, stderr }); });
  });
}

/** Every mp4 under a folder (not recursive). */
export function mp4s(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.mp4')).sort().map((f) => join(dir, f));
}

/** Assert-ready facts of each clip: size, frame count, rate. */
export async function clipFacts(files: string[]): Promise<Array<{ file: string; width: number; height: number; frames: number; fps: number }>> {
  return Promise.all(files.map(async (file) => {
    const p = await probe(file);
    return { file, width: p.width, height: p.height, frames: p.frameCount, fps: Math.round(p.fps * 1000) / 1000 };
  }));
}

/** The pack folder (the only directory in OUT besides the project). */
export function packRoot(out: string): string {
  const dirs = readdirSync(out, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.'));
  if (dirs.length !== 1) throw new Error(`expected one pack folder in ${out}, found ${dirs.map((d) => d.name).join(', ') || 'none'}`);
  return join(out, dirs[0]!.name);
}

/**
 * Make the fake behave like image-to-video: each clip is the start image the client uploaded
 * (on-look content), so the gate judges the pipeline, not a test pattern. An OFF-LOOK take shows
 * the wrong picture (the magenta test pattern): a colour cast alone is what grading corrects.
 */
export function clipsFromStartImage(fake: FakeFal, dir: string): void {
  fake.behaviour.clipImage = (job) => {
    if (job.offLook) return null;
    const input = job.input as { image_url?: string; first_frame_url?: string };
    const token = (input.image_url ?? input.first_frame_url ?? '').split('/fal-files/')[1];
    const buf = token ? fake.uploads.get(token) : undefined;
    if (!token || !buf) return null;
    const path = join(dir, `${token}.${buf[0] === 0x89 ? 'png' : 'jpg'}`);
    if (!existsSync(path)) writeFileSync(path, buf);
    return path;
  };
}
