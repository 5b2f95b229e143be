/**
 * XML escaping shared by the FCPXML, MLT and contact-sheet SVG writers. Characters XML 1.0
 * forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are dropped rather than escaped:
 * `&#1;` is not well-formed either, and a user title must never make a timeline unreadable.
 */

// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escape text for element content or a double-quoted attribute. */
export function xmlEscape(text: string): string {
  return text
    .replace(XML_ILLEGAL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // Attribute values are normalised by parsers (newline → space); keep them as written.
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/** Render attributes in the given order (deterministic output for idempotent exports). */
export function xmlAttrs(attrs: Record<string, string | number | undefined>): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');
}
