/**
 * Bounded nesting for JSON we did not write. Parsers, schema validators and error formatters
 * recurse per level; 10 000 nested arrays in a LOOK.json would end in "Maximum call stack size
 * exceeded" (a crash, exit 1) instead of a bad-input error. The text is scanned once, before
 * parsing, without recursion.
 */
import { InputError } from './errors.ts';

/** Deeper than any look, session or settings file we write (a LOOK.json is about 5 levels). */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of `[`/`{` in JSON text (strings skipped). Linear, no recursion. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) { depth++; if (depth > max) max = depth; } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/**
 * JSON.parse with a depth limit.
 * @param name names the file or field in errors
 * @throws InputError when nested deeper than `maxDepth` or not valid JSON
 */
export function parseBoundedJson(text: string, name: string, maxDepth = MAX_JSON_DEPTH): unknown {
  const depth = jsonDepth(text);
  if (depth > maxDepth) throw new InputError(`${name}: JSON nested ${depth} levels deep; the limit is ${maxDepth}`, name, depth);
  try { return JSON.parse(text); } catch (err) {
    throw new InputError(`${name}: not valid JSON (${(err as Error).message})`, name, name);
  }
}
