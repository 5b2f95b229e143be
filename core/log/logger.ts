/**
 * One logger factory for the engine (STYLE.md "State and errors"): levels, a subsystem tag,
 * and redaction of anything that looks like a provider key. No `console` elsewhere in core/.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export type LogSink = (line: string) => void;

let sink: LogSink = (line) => process.stderr.write(line + '\n');
let threshold: LogLevel = (process.env.CONTINUITY_LOG_LEVEL as LogLevel | undefined) ?? 'warn';
const secrets = new Set<string>();

/** Route log lines elsewhere (the app writes to a file; tests capture them). */
export function setLogSink(next: LogSink): void { sink = next; }
export function setLogLevel(level: LogLevel): void { threshold = level; }
/** Register a secret (a provider key) so it is masked wherever it would be logged. */
export function registerSecret(value: string | undefined): void { if (value && value.length >= 6) secrets.add(value); }

const keyLike = /\b(sk-[A-Za-z0-9_-]{8,}|r8_[A-Za-z0-9]{8,}|key_[A-Za-z0-9]{8,})\b/g;
const secretField = /(key|token|secret|authorization|password|credentials)/i;

/** Mask registered secrets and key-shaped strings. Exported for tests and for error texts. */
export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('[redacted]');
  return out.replace(keyLike, '[redacted]');
}

function render(fields: Record<string, unknown>): string {
  return JSON.stringify(fields, (k, v) => (k && secretField.test(k) && typeof v === 'string' ? '[redacted]' : v));
}

export function createLogger(subsystem: string): Logger {
  const emit = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (order[level] < order[threshold]) return;
    const tail = fields && Object.keys(fields).length ? ' ' + render(fields) : '';
    sink(redact(`${new Date().toISOString()} ${level.toUpperCase()} [${subsystem}] ${msg}${tail}`));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}
