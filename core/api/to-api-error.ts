/**
 * Map anything thrown by the engine to the contract's `{code, message}`. Messages are redacted
 * (a key must never reach the renderer, even inside an error text).
 */
import type { z } from 'zod';
import { CanceledError, InputError, WorkError, showValue } from '../domain/errors.ts';
import { redact } from '../log/logger.ts';
import type { ApiError } from './contract.ts';
import { uiWords } from './ui-words.ts';

export function toApiError(err: unknown): ApiError {
  if (err instanceof InputError) return { code: err.code, message: uiWords(redact(err.message)), ...(err.field ? { field: err.field } : {}) };
  if (err instanceof CanceledError) return { code: 'canceled', message: uiWords(redact(err.message)) };
  if (err instanceof WorkError) return { code: err.code, message: uiWords(redact(err.message)) };
  if (err instanceof Error && err.name === 'AbortError') return { code: 'canceled', message: 'canceled' };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: uiWords(redact(message)) };
}

/**
 * A zod failure for a command payload in a person's words, naming the field and the value
 * (STYLE.md errors; issue 16 item 8: no "Too small: expected number to be >=8").
 */
export function zodToApiError(_command: string, error: z.ZodError): ApiError {
  const issue = error.issues[0];
  if (!issue) return { code: 'bad_input', message: 'Some of the values are not valid; check the form and try again.' };
  const field = issue.path.map(String).join('.') || '(input)';
  const name = issue.path.length ? humanField(issue.path[issue.path.length - 1]!, issue.path) : 'The input';
  const got = 'input' in issue && issue.input !== undefined ? ` (got ${redact(showValue(issue.input))})` : '';
  return { code: 'bad_input', field, message: `${name} ${describeIssue(issue)}${got}.` };
}

/** "batch.clips" → "Clips"; "palette.2.hex" → "Colour 3 (hex)". */
function humanField(last: PropertyKey, path: readonly PropertyKey[]): string {
  const words = String(last).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const i = path.findIndex((p) => typeof p === 'number');
  const item = i > 0 ? ` ${Number(path[i]) + 1}` : '';
  if (i > 0 && String(path[i - 1]) === 'palette') return `Colour${item} (${words})`;
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}${i > 0 && typeof last !== 'number' ? ` of ${String(path[i - 1])}${item}` : ''}`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small': return issue.origin === 'string' ? (Number(issue.minimum) <= 1 ? 'cannot be empty' : `needs at least ${issue.minimum} characters`) : issue.origin === 'array' ? `needs at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}` : `must be at least ${issue.minimum}`;
    case 'too_big': return issue.origin === 'string' ? `can be at most ${issue.maximum} characters` : issue.origin === 'array' ? `can hold at most ${issue.maximum} items` : `must be at most ${issue.maximum}`;
    case 'invalid_type': return `must be ${issue.expected === 'number' ? 'a number' : issue.expected === 'string' ? 'text' : issue.expected === 'boolean' ? 'yes or no' : `a ${issue.expected}`}`;
    case 'invalid_format': return issue.format === 'regex' ? 'is not in the expected form (a colour is #rrggbb)' : `must be a valid ${issue.format}`;
    case 'invalid_value': return `must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'unrecognized_keys': return `has a field the app does not know: ${issue.keys.join(', ')}`;
    default: return 'is not valid';
  }
}
