/** Small helpers shared by the repositories. */
import { randomUUID } from 'node:crypto';

/** ISO-8601 UTC timestamp, the format every `*_at` column holds (sorts as text). */
export function nowIso(): string { return new Date().toISOString(); }

/** A new row id: a random UUID (ids are created offline, on several machines, never reused). */
export function newId(): string { return randomUUID(); }

/** JSON column → value (null stays null). */
export function fromJson<T>(text: string | null | undefined): T | null {
  return text === null || text === undefined ? null : (JSON.parse(text) as T);
}

/** value → JSON column (undefined/null → NULL). */
export function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
