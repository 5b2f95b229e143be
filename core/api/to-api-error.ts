/**
 * Map anything thrown by the engine to the contract's `{code, message}`. Messages are redacted
 * (a key must never reach the renderer, even inside an error text).
 */
import type { z } from 'zod';
import { CanceledError, InputError, WorkError, showValue } from '../domain/errors.ts';
import { redact } from '../log/logger.ts';
import type { ApiError } from './contract.ts';

export function toApiError(err: unknown): ApiError {
  if (err instanceof InputError) return { code: err.code, message: redact(err.message), ...(err.field ? { field: err.field } : {}) };
  if (err instanceof CanceledError) return { code: 'canceled', message: redact(err.message) };
  if (err instanceof WorkError) return { code: err.code, message: redact(err.message) };
  if (err instanceof Error && err.name === 'AbortError') return { code: 'canceled', message: 'canceled' };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: redact(message) };
}

/** A zod failure for a command payload, naming the field and the value (STYLE.md errors). */
export function zodToApiError(command: string, error: z.ZodError): ApiError {
  const issue = error.issues[0];
  if (!issue) return { code: 'bad_input', message: `${command}: invalid input` };
  const field = issue.path.map(String).join('.') || '(input)';
  const got = 'input' in issue && issue.input !== undefined ? `, got ${redact(showValue(issue.input))}` : '';
  return { code: 'bad_input', field, message: `${command}: "${field}" ${issue.message}${got}` };
}
