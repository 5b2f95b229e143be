/**
 * Which file a media URL may serve (studio-asset:// in Electron, /asset/ in the test host).
 * Pure, so every traversal variant is unit-tested without a server. The rule is an allow-list,
 * not a deny-list: after ONE percent-decode the name must be exactly `<sha256>.<ext>` with a
 * known extension; anything else (`../`, `%2e%2e%2f`, `..%5c`, absolute paths, double
 * encoding, NUL bytes, drive letters) is refused. The asset store lays files out as
 * `<root>/<sha[0..2]>/<sha>.<ext>`, so the path is built by us, never taken from the request.
 */
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export const ASSET_EXTS = ['png', 'jpg', 'jpeg', 'webp', 'mp4', 'mov', 'webm', 'cube', 'json'] as const;
const NAME = new RegExp(`^([0-9a-f]{64})\\.(${ASSET_EXTS.join('|')})$`);

/** MIME type for the extensions we serve. */
export function assetMime(ext: string): string {
  switch (ext) {
    case 'png': return 'image/png';
    case 'jpg': case 'jpeg': return 'image/jpeg';
    case 'webp': return 'image/webp';
    case 'mp4': return 'video/mp4';
    case 'mov': return 'video/quicktime';
    case 'webm': return 'video/webm';
    case 'json': return 'application/json';
    default: return 'application/octet-stream';
  }
}

/**
 * Resolve the request path of a media URL (everything after the host, e.g. "/<sha>.mp4" or
 * "<sha>.mp4") to a file inside `assetRoot`, or null when the request is not a plain asset name.
 */
export function resolveAssetPath(assetRoot: string, requestPath: string): { path: string; ext: string; sha256: string } | null {
  let name = requestPath.replace(/^\/+/, '');
  // Query strings and fragments are never part of the name.
  name = name.split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try { decoded = decodeURIComponent(name); } catch { return null; }
  const m = NAME.exec(decoded);
  if (!m) return null;
  const [, sha256, ext] = m as unknown as [string, string, string];
  const root = resolve(assetRoot);
  const full = resolve(join(root, sha256.slice(0, 2), `${sha256}.${ext}`));
  // Belt and braces: the built path must still be strictly inside the root.
  const rel = relative(root, full);
  if (!rel || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return { path: full, ext, sha256 };
}
