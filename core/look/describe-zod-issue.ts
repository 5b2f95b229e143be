/**
 * Turns zod issues into the house error style: the field path and the value, in words a person
 * can act on (`batch.seconds must be 4 or 8, got 9`). zod v4 does not copy the input into issues
 * by default, so the value is looked up in the raw input by the issue's path.
 */
import type { z } from 'zod';
import { showValue } from '../domain/errors.ts';

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

/** `['brandKit','palette',2,'hex']` → `brandKit.palette[2].hex`. */
export function formatPath(path: readonly PathKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

/** The value at `path` inside `root`, or undefined when any step is missing. */
export function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key as string];
  }
  return cur;
}

function joinValues(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v)));
  if (shown.length <= 2) return shown.join(' or ');
  return `one of ${shown.join(', ')}`;
}

/** Literal alternatives of a union of literals/enums, or undefined when the union is richer. */
function unionValues(issue: Extract<Issue, { code: 'invalid_union' }>): unknown[] | undefined {
  const values: unknown[] = [];
  for (const branch of issue.errors) {
    for (const sub of branch) {
      if (sub.code !== 'invalid_value' || sub.path.length > 0) return undefined;
      values.push(...sub.values);
    }
  }
  return values.length ? values : undefined;
}

function sizeWord(origin: string | undefined, n: number | bigint): string {
  if (origin === 'array' || origin === 'set') return `${n} item${n === 1 ? '' : 's'}`;
  if (origin === 'string') return `${n} character${n === 1 ? '' : 's'}`;
  return String(n);
}

/** One issue as `field must …, got value`. */
export function describeIssue(issue: Issue, input: unknown, prefix = ''): string {
  const field = formatPath(issue.path, prefix);
  const value = valueAt(input, issue.path);
  const got = `got ${showValue(value)}`;
  if (value === undefined && issue.code !== 'unrecognized_keys') return `${field} is required but missing`;
  switch (issue.code) {
    case 'invalid_type':
      return `${field} must be ${issue.expected === 'array' || issue.expected === 'object' ? 'an' : 'a'} ${issue.expected}, ${got}`;
    case 'invalid_value':
      return `${field} must be ${joinValues(issue.values)}, ${got}`;
    case 'invalid_union': {
      const values = unionValues(issue);
      if (values) return `${field} must be ${joinValues(values)}, ${got}`;
      const first = issue.errors[0]?.[0];
      return first ? describeIssue({ ...first, path: [...issue.path, ...first.path] } as Issue, input, prefix) : `${field} is not valid, ${got}`;
    }
    case 'too_small': {
      const what = issue.origin === 'array' || issue.origin === 'string' ? `at least ${sizeWord(issue.origin, issue.minimum)}` : `at least ${issue.minimum}`;
      const shown = Array.isArray(value) ? `got ${value.length}` : got;
      if (issue.origin === 'string' && issue.minimum === 1) return `${field} must not be empty, ${got}`;
      return `${field} must ${issue.origin === 'array' ? 'have' : 'be'} ${what}, ${shown}`;
    }
    case 'too_big': {
      const what = issue.origin === 'array' || issue.origin === 'string' ? `at most ${sizeWord(issue.origin, issue.maximum)}` : `at most ${issue.maximum}`;
      const shown = Array.isArray(value) ? `got ${value.length}` : got;
      return `${field} must ${issue.origin === 'array' ? 'have' : 'be'} ${what}, ${shown}`;
    }
    case 'invalid_format':
      return issue.message.startsWith('must') ? `${field} ${issue.message}, ${got}` : `${field} is not a valid ${issue.format}, ${got}`;
    case 'not_multiple_of':
      return `${field} must be a multiple of ${issue.divisor}, ${got}`;
    case 'unrecognized_keys':
      return `${field} has unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    default:
      return `${field}: ${issue.message}, ${got}`;
  }
}

/** All issues (up to `max`) joined for one error message. */
export function describeIssues(issues: readonly Issue[], input: unknown, opts: { prefix?: string; max?: number } = {}): string {
  const max = opts.max ?? 4;
  const lines = issues.slice(0, max).map((i) => describeIssue(i, input, opts.prefix));
  if (issues.length > max) lines.push(`and ${issues.length - max} more problem${issues.length - max === 1 ? '' : 's'}`);
  return lines.join('; ');
}
