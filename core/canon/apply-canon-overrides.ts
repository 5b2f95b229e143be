/**
 * LOOK.json `canonOverrides`: partial canon fields that win over the drafted canon. Objects merge
 * field by field; arrays and scalars replace. The result is validated as a whole, and errors name
 * the override's own path (`canonOverrides.camera.motion must be one of …`).
 */
import { CanonSchema, type Canon } from '../domain/canon.ts';
import { InputError, showValue } from '../domain/errors.ts';
import { describeIssues, formatPath } from '../look/describe-zod-issue.ts';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkKeys(over: Record<string, unknown>, base: Record<string, unknown>, path: (string | number)[]): void {
  for (const [key, value] of Object.entries(over)) {
    if (!(key in base)) {
      const field = formatPath([...path, key]);
      throw new InputError(`${field} is not a canon field (known: ${Object.keys(base).join(', ')}), got ${showValue(value)}`, field, value);
    }
    const b = base[key];
    if (isPlainObject(value) && isPlainObject(b)) checkKeys(value, b, [...path, key]);
  }
}

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const b = base[key];
    out[key] = isPlainObject(value) && isPlainObject(b) ? merge(b, value) : value;
  }
  return out;
}

/**
 * Apply overrides to a drafted canon.
 * @throws InputError naming `canonOverrides.<path>` and the value when the result is not a valid canon
 */
export function applyCanonOverrides(canon: Canon, overrides: Record<string, unknown> | undefined, prefix = 'canonOverrides'): Canon {
  if (!overrides || Object.keys(overrides).length === 0) return canon;
  checkKeys(overrides, canon as unknown as Record<string, unknown>, [prefix]);
  const merged = merge(canon as unknown as Record<string, unknown>, overrides);
  const parsed = CanonSchema.safeParse(merged);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new InputError(describeIssues(parsed.error.issues, merged, { prefix }), first ? formatPath(first.path, prefix) : prefix);
  }
  return parsed.data;
}
