/** External validators the export tests run when present: xmllint, melt, and the FCPXML DTD. */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFfmpeg } from '../../../core/media/run-ffmpeg.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** In CI the spec folder sits beside the repo (../shared/spec), as it does here. */
export const FCPXML_DTD = resolve(REPO_ROOT, '../shared/spec/FCPXMLv1_10.dtd');
export const HAVE_DTD = existsSync(FCPXML_DTD);

export function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, name);
    try { accessSync(p, constants.X_OK); return p; } catch { /* next */ }
  }
  return undefined;
}

export const XMLLINT = which('xmllint');
export const MELT = which('melt');

export function run(cmd: string, args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    execFile(cmd, args, { cwd, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as NodeJS.ErrnoException).code === 'number' ? Number((err as NodeJS.ErrnoException).code) : 1) : 0;
      res({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** xmllint --noout --dtdvalid against Apple's FCPXML 1.10 DTD; resolves to the error text or ''. */
export async function validateFcpxml(file: string): Promise<string> {
  const r = await run(XMLLINT!, ['--noout', '--dtdvalid', FCPXML_DTD, file]);
  return r.code === 0 ? '' : r.stderr || `xmllint exit ${r.code}`;
}

/**
 * Render an MLT/Kdenlive file with melt to an mp4 and return the output's frame count. melt exits 0
 * even when a producer fails to load (it substitutes a placeholder), so its stderr is checked too.
 */
export async function meltRender(file: string, out: string): Promise<{ frames: number; problems: string }> {
  const r = await run(MELT!, [file, '-consumer', `avformat:${out}`, 'an=1', 'vcodec=libx264', 'preset=ultrafast']);
  const problems = r.stderr.split(/[\r\n]+/).filter((l) => /failed|invalid|error|cannot|unable/i.test(l) && !/ladspa/i.test(l)).join('\n');
  if (r.code !== 0) return { frames: 0, problems: `melt exit ${r.code}: ${r.stderr.slice(-500)}` };
  const probe = await runFfmpeg(['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', out], { binary: 'ffprobe' });
  return { frames: Number(probe.stdout.toString().trim()), problems };
}
