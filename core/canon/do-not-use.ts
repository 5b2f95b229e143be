/**
 * Do-not-use enforcement (issue 3): no banned term reaches a positive prompt. Matching is
 * case-, plural-, accent- and punctuation-insensitive: "Neon-Pink", "neon pinks" and "neonpink" all
 * match the banned term "neon pink". Over-removal is the safe side, so plural handling compares
 * sets of possible singular forms rather than trusting one stemming rule ("roses" → rose|ros).
 */

interface Token { norm: string; start: number; end: number }

/** Lowercase, strip accents, keep letters and digits only. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  // Folding can change string length, so spans come from the original text, word by word.
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const norm = foldText(m[0]).replace(/[^\p{L}\p{N}]+/gu, '');
    if (norm) out.push({ norm, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Possible singular forms of a folded word, itself included. */
export function singularForms(word: string): string[] {
  // Every plural reading that leaves a stem, however short: banning "a" also removes "as".
  // Over-removal is the safe side (a lost word beats a banned one reaching the prompt).
  const forms = new Set([word]);
  if (word.length > 3 && word.endsWith('ies')) forms.add(word.slice(0, -3) + 'y');
  if (word.length > 2 && word.endsWith('es')) forms.add(word.slice(0, -2));
  if (word.length > 1 && word.endsWith('s')) forms.add(word.slice(0, -1));
  return [...forms];
}

export interface BannedTerm { original: string; forms: Set<string>; maxLen: number }

/** Compile banned terms once; terms with no letters or digits are ignored. */
export function compileBannedTerms(terms: readonly string[]): BannedTerm[] {
  const out: BannedTerm[] = [];
  for (const original of terms) {
    const joined = tokenize(original).map((t) => t.norm).join('');
    if (!joined) continue;
    const forms = new Set(singularForms(joined));
    out.push({ original, forms, maxLen: joined.length + 3 });
  }
  return out;
}

interface Match { start: number; end: number }

function findMatches(tokens: Token[], banned: BannedTerm[]): Match[] {
  const matches: Match[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const term of banned) {
      let joined = '';
      for (let j = i; j < tokens.length; j++) {
        joined += tokens[j]!.norm;
        if (joined.length > term.maxLen) break;
        if (singularForms(joined).some((f) => term.forms.has(f))) {
          matches.push({ start: tokens[i]!.start, end: tokens[j]!.end });
          break;
        }
      }
    }
  }
  return matches;
}

/** True when any banned term occurs in the text (same matching rules as removal). */
export function containsBanned(text: string, banned: BannedTerm[] | readonly string[]): boolean {
  const compiled = isCompiled(banned) ? banned : compileBannedTerms(banned);
  return findMatches(tokenize(text), compiled).length > 0;
}

/** Banned terms present in the text, as the user wrote them. */
export function bannedTermsIn(text: string, terms: readonly string[]): string[] {
  const tokens = tokenize(text);
  return compileBannedTerms(terms).filter((t) => findMatches(tokens, [t]).length > 0).map((t) => t.original);
}

function isCompiled(x: BannedTerm[] | readonly string[]): x is BannedTerm[] {
  return x.length > 0 && typeof x[0] !== 'string';
}

/** Clean the seams removal leaves behind: doubled separators, empty brackets, stray spaces. */
function tidy(text: string): string {
  return text
    .replace(/\(\s*[,;:]?\s*\)/g, '')
    .replace(/\s+([,.;:])/g, '$1')
    .replace(/([,;:])(\s*[,;:])+/g, '$1')
    .replace(/([,;:])\s*\./g, '.')
    .replace(/(^|[.]\s*)[,;:]\s*/g, '$1')
    .replace(/\.(\s*\.)+/g, '.')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

/**
 * Remove every banned term from a positive prompt. Repeats until nothing matches, because
 * removing one term can join its neighbours into another ("neon X pink" without X).
 */
export function removeBannedTerms(text: string, terms: readonly string[] | BannedTerm[]): { text: string; removed: string[] } {
  const banned = isCompiled(terms) ? terms : compileBannedTerms(terms);
  const removed = new Set<string>();
  let out = text;
  for (let guard = 0; guard < 1000; guard++) {
    const tokens = tokenize(out);
    const matches = findMatches(tokens, banned);
    if (matches.length === 0) break;
    for (const term of banned) if (findMatches(tokens, [term]).length) removed.add(term.original);
    matches.sort((a, b) => a.start - b.start || b.end - a.end);
    let next = '';
    let cursor = 0;
    for (const m of matches) {
      if (m.end <= cursor) continue;
      next += out.slice(cursor, Math.max(cursor, m.start)) + ' ';
      cursor = Math.max(cursor, m.end);
    }
    out = tidy(next + out.slice(cursor));
  }
  return { text: out, removed: [...removed] };
}

/** Drop list items (props, wardrobe words) that contain a banned term. */
export function filterBanned(items: readonly string[], terms: readonly string[]): string[] {
  const banned = compileBannedTerms(terms);
  if (banned.length === 0) return [...items];
  return items.filter((item) => !containsBanned(item, banned));
}
