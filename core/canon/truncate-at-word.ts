/**
 * Cut text to a model's character limit at a word boundary, never mid-word, and end cleanly.
 */
export function truncateAtWord(text: string, max: number, separator = ' '): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  if (max <= 0) return { text: '', truncated: true };
  const window = text.slice(0, max + 1);
  let cut = window.lastIndexOf(separator === ' ' ? ' ' : separator);
  if (cut <= 0) cut = window.lastIndexOf(' ');
  if (cut <= 0) return { text: '', truncated: true }; // one word longer than the limit: drop it rather than split it
  const out = text.slice(0, cut).replace(/[\s,;:(–-]+$/u, '');
  return { text: out.length + 1 <= max && !/[.!?]$/.test(out) && separator === ' ' ? out + '.' : out, truncated: true };
}
