/**
 * ASCII for formats read by 7-bit tools (CMX3600 EDL titles and comments): transliterate, never
 * "?" (issue 15: the EDL title turned "—" into "?"). Accents fold by Unicode decomposition
 * (NFKD, marks removed); letters and punctuation that do not decompose are spelled out from a
 * small table; anything else (CJK, emoji) is dropped, and the spaces around it collapse.
 */

/** Characters NFKD leaves alone, spelled the way an English-language editor would type them. */
const SPELLED: Record<string, string> = {
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u2033': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2026': '...', '\u00b7': '-', '\u2022': '-', '\u00d7': 'x', '\u00f7': '/', '\u2192': '->', '\u2190': '<-',
  '\u00df': 'ss', '\u1e9e': 'SS', '\u00e6': 'ae', '\u00c6': 'AE', '\u0153': 'oe', '\u0152': 'OE',
  '\u00f8': 'o', '\u00d8': 'O', '\u0142': 'l', '\u0141': 'L', '\u0111': 'd', '\u0110': 'D', '\u00f0': 'd', '\u00d0': 'D',
  '\u00fe': 'th', '\u00de': 'Th', '\u0131': 'i', '\u00a9': '(c)', '\u00ae': '(R)', '\u2122': 'TM', '\u20ac': 'EUR', '\u00a3': 'GBP',
};

/** `text` in printable ASCII (0x20–0x7E): transliterated, unknown characters dropped, never "?". */
export function toAscii(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')) {
    if (ch >= ' ' && ch <= '~') out += ch;
    else if (SPELLED[ch] !== undefined) out += SPELLED[ch];
    else if (/\s/u.test(ch)) out += ' ';
  }
  return out.replace(/ {2,}/g, ' ').trim();
}
