import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import { MAX_NAME_BYTES, NameAllocator, isReservedWindowsName, sanitizeName, slugPart, utf8Bytes } from '../../../core/export/sanitize-name.ts';
import { isInside, resolveInside } from '../../../core/export/safe-path.ts';

/** What Windows (the strictest of the three) accepts as one path segment. */
function legalOnWindows(name: string): boolean {
  if (!name || name === '.' || name === '..') return false;
  // eslint-disable-next-line no-control-regex
  if (/[<>:"/\\|?*\u0000-\u001f]/.test(name)) return false;
  if (/[. ]$/.test(name)) return false;
  const stem = name.split('.')[0]!.replace(/ +$/, '');
  if (/^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i.test(stem)) return false;
  return utf8Bytes(name) <= 255;
}

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Titles mixing arbitrary Unicode with the characters most likely to break things. */
const nasty = fc.constantFrom('CON', 'con.txt', 'Nul ', 'COM1', 'lpt9.tar.gz', 'COM¹', '..', '.', ' ', '<>:"/\\|?*', '\u202eexe.txt', '\u0000', '\u200b', 'e\u0301', 'Ä', 'ä', 'ß', 'İ', 'ﬁ', '\ud800', '😀', '\t\n');
const title = fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), nasty), { maxLength: 8 }).map((parts) => parts.join(''));

test('sanitizeName: examples', () => {
  assert.equal(sanitizeName('Autumn Café'), 'Autumn Café');
  assert.equal(sanitizeName('a<b>c:d"e/f\\g|h?i*j'), 'a-b-c-d-e-f-g-h-i-j');
  assert.equal(sanitizeName('CON'), '_CON');
  assert.equal(sanitizeName('con.txt'), '_con.txt');
  assert.equal(sanitizeName('LPT1 .mp4'), '_LPT1 .mp4');
  assert.equal(sanitizeName('COM¹'), '_COM¹');
  assert.equal(sanitizeName('console'), 'console');
  assert.equal(sanitizeName('trailing. . '), 'trailing');
  assert.equal(sanitizeName('..'), 'untitled');
  assert.equal(sanitizeName('', { fallback: 'Look' }), 'Look');
  assert.equal(sanitizeName('.hidden'), 'hidden');
  assert.equal(sanitizeName('evil\u202etxt.exe'), 'eviltxt.exe');
  assert.equal(sanitizeName('e\u0301'), 'é', 'NFC');
  assert.equal(sanitizeName('e\u200b\u0301'), 'é', 'NFC after removing a zero-width char');
  assert.equal(sanitizeName('tab\there'), 'tab-here');
  const long = sanitizeName('é'.repeat(200));
  assert.equal(utf8Bytes(long), MAX_NAME_BYTES);
  assert.equal(sanitizeName('😀'.repeat(40)).length, 60, 'never splits a surrogate pair');
});

test('slugPart: compact, underscore-free', () => {
  assert.equal(slugPart('Window  wide_shot'), 'Window-wide-shot');
  assert.equal(slugPart('___'), 'x');
  assert.equal(slugPart('a - b'), 'a-b');
});

test('isReservedWindowsName', () => {
  for (const n of ['CON', 'prn', 'Aux.txt', 'NUL.tar.gz', 'com9', 'LPT3 .x', 'COM²']) assert.ok(isReservedWindowsName(n), n);
  for (const n of ['CONSOLE', 'nul1', 'xcom1', '_CON', 'COM10']) assert.ok(!isReservedWindowsName(n), n);
});

test('property: sanitised names are non-empty, NFC, legal on Windows, bidi-free, idempotent', () => {
  fc.assert(fc.property(title, (t) => {
    const s = sanitizeName(t);
    assert.ok(s.length > 0);
    assert.ok(legalOnWindows(s), `illegal: ${JSON.stringify(s)} from ${JSON.stringify(t)}`);
    assert.ok(utf8Bytes(s) <= MAX_NAME_BYTES);
    assert.equal(s, s.normalize('NFC'));
    assert.ok(!BIDI.test(s));
    assert.ok(!/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')), 'no lone surrogates');
    assert.equal(sanitizeName(s), s, 'idempotent');
  }), { numRuns: 2000 });
});

test('property: allocated names are unique case-insensitively and legal', () => {
  fc.assert(fc.property(fc.array(title, { minLength: 1, maxLength: 30 }), fc.constantFrom('', '.mp4', '.json'), (titles, ext) => {
    const names = new NameAllocator();
    // Add case variants of every title so collisions are certain.
    const all = titles.flatMap((t) => [t, t.toUpperCase(), t.toLowerCase()]);
    const out = all.map((t) => names.allocate(t, ext));
    assert.equal(new Set(out.map((n) => n.toLowerCase())).size, out.length);
    assert.equal(new Set(out.map((n) => n.toUpperCase())).size, out.length);
    for (const n of out) {
      assert.ok(legalOnWindows(n), JSON.stringify(n));
      assert.ok(utf8Bytes(n) <= MAX_NAME_BYTES);
      assert.ok(n.endsWith(ext));
    }
  }), { numRuns: 300 });
});

test('property: every path built from sanitised titles stays inside the root', () => {
  const root = join('/tmp', 'export-root');
  fc.assert(fc.property(fc.array(title, { minLength: 1, maxLength: 4 }), (titles) => {
    const segs = titles.map((t) => sanitizeName(t));
    const full = resolveInside(root, ...segs);
    assert.ok(isInside(root, full));
    assert.notEqual(full, root);
  }), { numRuns: 1000 });
});

test('resolveInside refuses traversal and separators', () => {
  for (const bad of ['..', '.', 'a/b', 'a\\b', '', 'x\0y']) assert.throws(() => resolveInside('/tmp/r', bad), /refusing/);
  assert.ok(!isInside('/tmp/r', '/tmp/r2/x'));
  assert.ok(!isInside('/tmp/r', '/tmp'));
  assert.ok(isInside('/tmp/r', '/tmp/r/..r/x'), 'a name starting with dots is not traversal');
});
