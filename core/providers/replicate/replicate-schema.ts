/**
 * Replicate models publish their input schema (`latest_version.openapi_schema`), and field names
 * differ across versions (IP-Adapter: `image`/`scale` vs `ip_adapter_image`/`ip_adapter_scale`).
 * So we read the live schema first, map our request onto whatever names it uses, and validate
 * before spending anything (PROVIDERS.md "Replicate"). Pure functions; unit-tested.
 */
import { InputError, showValue } from '../../domain/errors.ts';

export interface SchemaProperty { type?: string; enum?: unknown[]; minimum?: number; maximum?: number; default?: unknown; format?: string; allOf?: Array<{ $ref?: string }> }
export interface InputSchema { properties: Record<string, SchemaProperty>; required: string[] }

/** Pull the Input schema out of a model's `latest_version.openapi_schema`. */
export function inputSchemaOf(model: string, openapi: unknown): InputSchema {
  const schemas = (openapi as { components?: { schemas?: Record<string, unknown> } } | null)?.components?.schemas;
  const input = schemas?.Input as { properties?: Record<string, SchemaProperty>; required?: string[] } | undefined;
  if (!input?.properties) throw new InputError(`Replicate model ${model} publishes no input schema; pick another reference-image model`, 'model', model);
  // enums are often declared as separate schemas referenced with allOf: inline them
  const props: Record<string, SchemaProperty> = {};
  for (const [k, v] of Object.entries(input.properties)) {
    const ref = v.allOf?.[0]?.$ref?.split('/').pop();
    const target = ref ? schemas?.[ref] as SchemaProperty | undefined : undefined;
    props[k] = target ? { ...target, ...v } : v;
  }
  return { properties: props, required: input.required ?? [] };
}

/** The first of `names` the schema has, or undefined. */
export function field(schema: InputSchema, names: string[]): string | undefined {
  return names.find((n) => n in schema.properties);
}

/**
 * Check an input against the schema: unknown fields, missing required ones, enum members,
 * numeric ranges and basic types. Throws InputError naming the field, the value and the model.
 */
export function validateInput(model: string, schema: InputSchema, input: Record<string, unknown>): void {
  const known = Object.keys(schema.properties);
  for (const [k, v] of Object.entries(input)) {
    const p = schema.properties[k];
    if (!p) throw new InputError(`Replicate model ${model} has no input "${k}" (its schema has: ${known.join(', ')})`, k, v);
    if (p.enum && !p.enum.includes(v)) throw new InputError(`Replicate model ${model}: "${k}" must be one of ${p.enum.map((e) => showValue(e)).join(', ')}, got ${showValue(v)}`, k, v);
    if ((p.type === 'integer' || p.type === 'number') && typeof v !== 'number') throw new InputError(`Replicate model ${model}: "${k}" must be a number, got ${showValue(v)}`, k, v);
    if (p.type === 'integer' && typeof v === 'number' && !Number.isInteger(v)) throw new InputError(`Replicate model ${model}: "${k}" must be a whole number, got ${v}`, k, v);
    if (typeof v === 'number' && ((p.minimum !== undefined && v < p.minimum) || (p.maximum !== undefined && v > p.maximum))) {
      throw new InputError(`Replicate model ${model}: "${k}" must be between ${p.minimum ?? '-∞'} and ${p.maximum ?? '∞'}, got ${v}`, k, v);
    }
    if (p.type === 'string' && typeof v !== 'string') throw new InputError(`Replicate model ${model}: "${k}" must be a string, got ${showValue(v)}`, k, v);
    if (p.type === 'boolean' && typeof v !== 'boolean') throw new InputError(`Replicate model ${model}: "${k}" must be true or false, got ${showValue(v)}`, k, v);
  }
  for (const r of schema.required) {
    if (!(r in input)) throw new InputError(`Replicate model ${model} requires input "${r}"; the request does not provide it`, r, undefined);
  }
}

/** Cog models often print the seed they used only in their logs. */
export function seedFromLogs(logs: string | null | undefined): number | null {
  const m = /Using seed:\s*(-?\d+)/i.exec(logs ?? '');
  return m ? Number(m[1]) : null;
}
