/**
 * The three ways engine work ends badly. Shells map them to exit codes (CLI: 2, 1, 130)
 * and to `{ok:false, error:{code, message}}` for the UI. Messages name the thing and the value
 * and say what to do next.
 */
export class InputError extends Error {
  /** `bad_input`; a subclass names a case the UI answers differently (outside_folder: ask the person). */
  readonly code: string = 'bad_input';
  constructor(message: string, readonly field?: string, readonly value?: unknown) {
    super(message);
    this.name = 'InputError';
  }
}

/** Work that was attempted and failed (ffmpeg crashed, provider said no, disk full). */
export class WorkError extends Error {
  readonly code: string;
  constructor(message: string, code = 'failed', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WorkError';
    this.code = code;
  }
}

/** A cancel is not a failure: callers stop quietly. */
export class CanceledError extends Error {
  readonly code = 'canceled';
  constructor(message = 'canceled') {
    super(message);
    this.name = 'CanceledError';
  }
}

export function isCanceled(err: unknown): err is CanceledError {
  return err instanceof CanceledError || (err instanceof Error && err.name === 'AbortError');
}

/** Short, quoted rendering of a bad value for error messages. */
export function showValue(value: unknown): string {
  const s = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return s.length > 80 ? s.slice(0, 77) + '…' : s;
}

/** Exhaustiveness check for switches over discriminated unions (Signal's missingCaseError). */
export function missingCase(x: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}
