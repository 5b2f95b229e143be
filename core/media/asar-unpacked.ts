/**
 * A packaged Electron app loads its code from `app.asar`. Node's require inside the archive
 * returns paths such as `…/resources/app.asar/node_modules/ffmpeg-static/ffmpeg`, but the OS
 * cannot execute a file inside an archive: electron-builder's `asarUnpack` puts the real binary
 * beside it in `app.asar.unpacked/`. Spawning must use that path (as Kap does).
 */
import { sep } from 'node:path';

/**
 * Rewrite a path inside an asar archive to its `.asar.unpacked` twin; other paths unchanged.
 * Both separators are handled so a Windows path is rewritten on any platform.
 */
export function asarUnpackedPath(path: string, separator: string = sep): string {
  const s = separator === '\\' ? '\\\\' : '/';
  return path.replace(new RegExp(`\\.asar(?=[${s}/])`), '.asar.unpacked');
}
