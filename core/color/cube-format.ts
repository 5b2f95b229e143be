/**
 * Adobe / Resolve `.cube` 3-D LUT text (Cube LUT Specification 1.0): TITLE, LUT_3D_SIZE,
 * DOMAIN_MIN / DOMAIN_MAX, then size³ lines "r g b" with R varying fastest. What NLEs, ffmpeg's
 * lut3d and OCIO all read.
 */
import { InputError } from '../domain/errors.ts';
import type { Lut3D } from './lut3d.ts';

/** Serialise `lut` as Cube 1.0 text. Quotes and line breaks are removed from the title. */
export function formatCube(lut: Lut3D, title = lut.title ?? 'Continuity Studio'): string {
  const n = lut.size ** 3;
  if (lut.data.length !== n * 3) throw new InputError(`LUT data has ${lut.data.length} values, expected ${n * 3} for size ${lut.size}`, 'lut', lut.data.length);
  const lo = lut.domainMin ?? [0, 0, 0], hi = lut.domainMax ?? [1, 1, 1];
  const num = (v: number) => (Object.is(v, -0) ? 0 : v).toFixed(6);
  const lines = [
    `TITLE "${title.replace(/["\r\n]/g, ' ').trim()}"`,
    '# Written by Continuity Studio',
    `LUT_3D_SIZE ${lut.size}`,
    `DOMAIN_MIN ${lo.map(num).join(' ')}`,
    `DOMAIN_MAX ${hi.map(num).join(' ')}`,
  ];
  const d = lut.data;
  for (let i = 0; i < d.length; i += 3) lines.push(`${num(d[i]!)} ${num(d[i + 1]!)} ${num(d[i + 2]!)}`);
  return lines.join('\n') + '\n';
}

/**
 * Parse Cube text into a Lut3D. Errors are InputErrors that name `source` (the file) and the line.
 * Accepts Resolve's LUT_3D_INPUT_RANGE as a domain; rejects 1-D LUTs, which we never write.
 */
export function parseCube(text: string, source = '.cube'): Lut3D {
  const fail = (line: number, why: string, value?: unknown): never => { throw new InputError(`${source} line ${line}: ${why}`, 'cube', value); };
  let size = 0;
  let title: string | undefined;
  let lo: [number, number, number] = [0, 0, 0], hi: [number, number, number] = [1, 1, 1];
  let data: Float32Array | undefined;
  let count = 0;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  const triple = (parts: string[], at: number, what: string): [number, number, number] => {
    const v = parts.map(Number);
    if (parts.length !== 3 || v.some((x) => !Number.isFinite(x))) fail(at, `${what} needs three numbers, got ${JSON.stringify(parts.join(' '))}`, parts.join(' '));
    return v as [number, number, number];
  };
  lines.forEach((rawLine, idx) => {
    const at = idx + 1;
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) return;
    // Data lines are 35,937 of a 33-point LUT's lines: split once, no keyword work for them.
    if (!/^[A-Za-z_]/.test(line)) {
      if (!data) fail(at, 'LUT data before LUT_3D_SIZE', line);
      const parts = line.split(/\s+/);
      const r = Number(parts[0]), g = Number(parts[1]), b = Number(parts[2]);
      if (parts.length !== 3 || !Number.isFinite(r) || !Number.isFinite(g) || !Number.isFinite(b)) triple(parts, at, 'a LUT entry');
      if (count * 3 >= data!.length) fail(at, `more than ${size}³ = ${size ** 3} entries`, line);
      const i = count * 3;
      data![i] = r; data![i + 1] = g; data![i + 2] = b;
      count++;
      return;
    }
    const [word = '', ...rest] = line.split(/\s+/);
    if (data && count > 0) fail(at, `keyword ${word} after the LUT data started`, word);
    switch (word) {
      case 'TITLE': title = /^TITLE\s+"?(.*?)"?\s*$/.exec(line)?.[1] ?? ''; return;
      case 'LUT_3D_SIZE': {
        const n = Number(rest[0]);
        if (rest.length !== 1 || !Number.isInteger(n) || n < 2 || n > 256) fail(at, `LUT_3D_SIZE must be a whole number from 2 to 256, got ${JSON.stringify(rest.join(' '))}`, rest.join(' '));
        if (size) fail(at, 'LUT_3D_SIZE given twice', n);
        size = n; data = new Float32Array(n * n * n * 3); return;
      }
      case 'LUT_1D_SIZE': fail(at, '1-D LUTs are not supported: export a 3-D LUT (LUT_3D_SIZE)', word); return;
      case 'DOMAIN_MIN': lo = triple(rest, at, 'DOMAIN_MIN'); return;
      case 'DOMAIN_MAX': hi = triple(rest, at, 'DOMAIN_MAX'); return;
      case 'LUT_3D_INPUT_RANGE': {
        const [a, b] = rest.map(Number);
        if (rest.length !== 2 || !Number.isFinite(a) || !Number.isFinite(b)) fail(at, `LUT_3D_INPUT_RANGE needs two numbers, got ${JSON.stringify(rest.join(' '))}`, rest.join(' '));
        lo = [a!, a!, a!]; hi = [b!, b!, b!]; return;
      }
      // Vendor keywords (LUT_1D_INPUT_RANGE, comments without "#", …) carry nothing for a 3-D LUT.
      default: return;
    }
  });
  if (!data) fail(lines.length, 'no LUT_3D_SIZE line: not a 3-D .cube LUT');
  if (count !== size ** 3) fail(lines.length, `expected ${size}³ = ${size ** 3} entries, found ${count}`, count);
  for (let c = 0; c < 3; c++) if (!(hi[c]! > lo[c]!)) fail(lines.length, `DOMAIN_MAX must exceed DOMAIN_MIN on every channel, got ${lo.join(' ')} / ${hi.join(' ')}`, [lo, hi]);
  const isDefault = lo.every((v) => v === 0) && hi.every((v) => v === 1);
  return { size, data: data!, ...(title !== undefined ? { title } : {}), ...(isDefault ? {} : { domainMin: lo, domainMax: hi }) };
}
