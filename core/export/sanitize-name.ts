/**
 * File and folder names that are legal on Windows, macOS and Linux at once (issue 5 item 3).
 * Titles come from users (look names, shot labels, delta labels) in any script, so the rules
 * are applied in an order where each step cannot undo an earlier one; the property tests in
 * test/unit/export/sanitize-name.test.ts hold the result to them for arbitrary Unicode.
 */

/** Longest name we emit, in UTF-8 bytes: well under ext4/APFS's 255 and leaves room for paths. */
export const MAX_NAME_BYTES = 120;

/**
 * Characters Windows forbids in names, plus the C0/C1 controls (0x00–0x1F is illegal on Windows;
 * C1 and DEL are invisible and break terminals), bidi controls (they make "evil.exe.txt" look like
 * something else: Trojan Source, CVE-2021-42574), zero-width characters and the BOM, and lone
 * surrogates (not encodable in UTF-8; Node would write U+FFFD and the name would not round-trip).
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/g;
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Windows device names are reserved with any extension ("CON.txt", "com1.tar.gz") and with
 * trailing spaces before the dot; Windows 10+ also treats the superscript digits ¹²³ as digits.
 */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

export interface SanitizeOptions {
  /** Used when nothing legal is left (an all-emoji-control title, "...", ""). */
  fallback?: string;
  /** Replaces forbidden characters. Must itself be legal. Default "-". */
  replacement?: string;
  /** Default MAX_NAME_BYTES. */
  maxBytes?: number;
}

/** Length of `s` in UTF-8 bytes (what filesystems limit). */
export function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Cut to at most `maxBytes` UTF-8 bytes on a code-point boundary. */
export function truncateUtf8(s: string, maxBytes: number): string {
  if (utf8Bytes(s) <= maxBytes) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const b = utf8Bytes(ch);
    if (bytes + b > maxBytes) break;
    out += ch;
    bytes += b;
  }
  return out;
}

/** True when the part before the first dot (trailing spaces ignored) is a Windows device name. */
export function isReservedWindowsName(name: string): boolean {
  const stem = name.split('.')[0]!.replace(/ +$/, '');
  return RESERVED.test(stem);
}

function trimEnds(s: string): string {
  // Leading dots would hide the file on Unix; trailing dots and spaces are stripped by Windows,
  // so "a." and "a" would collide there. Leading spaces confuse every file picker.
  return s.replace(/^[\s.]+/u, '').replace(/[\s.]+$/u, '');
}

/**
 * Make one path segment safe: NFC, no forbidden/invisible characters, no leading or trailing
 * dots/spaces, not a reserved device name, at most `maxBytes` UTF-8 bytes, never empty.
 */
export function sanitizeName(raw: string, options: SanitizeOptions = {}): string {
  const replacement = options.replacement ?? '-';
  const maxBytes = options.maxBytes ?? MAX_NAME_BYTES;
  const fallback = options.fallback ?? 'untitled';
  let s = raw.replace(LONE_SURROGATE, '').replace(INVISIBLE, '').replace(FORBIDDEN, replacement);
  // Any other whitespace (tabs were removed as controls; NBSP, ideographic space…) becomes a space.
  // NFC comes after the removals: dropping a zero-width char can bring a base and its mark together.
  s = trimEnds(s.replace(/\s+/gu, ' ').normalize('NFC'));
  if (!s) s = fallback;
  if (isReservedWindowsName(s)) s = `_${s}`;
  // Truncation can split a combining sequence; renormalise and re-trim until stable.
  for (let i = 0; i < 4; i++) {
    const next = trimEnds(truncateUtf8(s, maxBytes).normalize('NFC'));
    if (next === s) break;
    s = next || fallback;
  }
  return s;
}

/**
 * Turn a title into a compact slug for clip names: sanitised, spaces and underscores become
 * "-" (underscore separates the fields of a clip name), runs of "-" collapse.
 */
export function slugPart(raw: string, options: SanitizeOptions = {}): string {
  const cleaned = sanitizeName(raw, { ...options, fallback: options.fallback ?? 'x' })
    .replace(/[\s_]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  return sanitizeName(cleaned, { ...options, fallback: options.fallback ?? 'x' });
}

/**
 * Case-insensitive de-duplication of names within one folder. APFS and NTFS are case-insensitive
 * by default and fold more than ASCII, with different tables (NTFS upcases, APFS case-folds; "ẞ"
 * lower-cases to "ß" but "ß" upper-cases to "SS"). So a name is reserved under several foldings
 * at once: over-merging only adds a "-2" suffix, under-merging would overwrite a file.
 */
export class NameAllocator {
  private readonly taken = new Set<string>();

  static keys(name: string): string[] {
    const n = name.normalize('NFKC');
    const lower = n.toLowerCase();
    const upper = n.toUpperCase();
    return [...new Set([lower, upper, upper.toLowerCase(), lower.toUpperCase()].map((k) => k.normalize('NFKC')))];
  }

  /** Reserve `stem + ext` (ext includes its dot, may be ""), adding "-2", "-3"… on collision. */
  allocate(stem: string, ext = '', maxBytes = MAX_NAME_BYTES): string {
    const room = maxBytes - utf8Bytes(ext);
    const base = sanitizeName(stem, { maxBytes: room });
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : `-${n}`;
      const candidate = sanitizeName(truncateUtf8(base, room - suffix.length) + suffix, { maxBytes: room }) + ext;
      const keys = NameAllocator.keys(candidate);
      if (!keys.some((k) => this.taken.has(k))) {
        for (const k of keys) this.taken.add(k);
        return candidate;
      }
    }
  }
}
