/**
 * Which look reference a shot's character reference names (issue 12 item 3). The engine uses the
 * image the user picked, never "the first reference with role character".
 */

/** The fields a look image can be named by. */
export interface NamedImage { path: string; sha256: string; label?: string; relPath?: string; id?: string }

/**
 * Resolve `ref` among `images` (the look's approved references): the project reference id (the
 * app), the sha256 or a prefix of at least 8 hex digits, the path as written in LOOK.json, the
 * absolute path, or the label. Null when nothing matches: the caller then says so, and never
 * substitutes another face.
 */
export function findCharacterReference<T extends NamedImage>(images: readonly T[], ref: string | null | undefined): T | null {
  if (!ref) return null;
  const hex = /^[0-9a-f]{8,64}$/i.test(ref) ? ref.toLowerCase() : null;
  return images.find((r) => r.id === ref) ?? images.find((r) => r.sha256 === ref || (hex !== null && r.sha256.startsWith(hex)))
    ?? images.find((r) => r.relPath === ref || r.path === ref) ?? images.find((r) => r.label === ref) ?? null;
}
