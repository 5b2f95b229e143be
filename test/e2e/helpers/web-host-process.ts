/**
 * Start the real test host (`web-host/main.ts`, what `npm run studio:web` runs) as a child process
 * with a fresh user-data folder, and read the URL + token it prints. Readiness is the printed
 * line, never a sleep.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { childNodeArgs } from '../../support/child-node-args.ts';

export const ROOT = join(import.meta.dirname, '..', '..', '..');

/** Build the renderer + shim once per test process (a couple of seconds with Vite). */
export function buildRenderer(): void {
  if (process.env.CONTINUITY_E2E_SKIP_BUILD && existsSync(join(ROOT, 'dist/renderer/index.html'))) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-app.mjs'), '--renderer-only'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`renderer build failed:\n${r.stdout}\n${r.stderr}`);
}

export interface HostProcess { url: string; base: string; token: string; child: ChildProcess; logs: () => string; stop(): Promise<void> }

export async function startHostProcess(userDataDir: string, env: NodeJS.ProcessEnv = {}): Promise<HostProcess> {
  const child = spawn(process.execPath, [...childNodeArgs(join(ROOT, 'web-host/main.ts'), { switches: false }), '--user-data', userDataDir], {
    cwd: ROOT, env: { ...process.env, CONTINUITY_LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => { const m = /open: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out); if (m) { cleanup(); resolve(m[1]!); } };
    const onExit = (code: number | null) => { cleanup(); reject(new Error(`test host exited (${code}) before printing its URL:\n${out}`)); };
    const cleanup = () => { child.stdout!.off('data', check); child.off('exit', onExit); };
    child.stdout!.on('data', check);
    child.on('exit', onExit);
  });
  const [base, token] = url.split('/?token=') as [string, string];
  return {
    url, base, token, child, logs: () => out,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
