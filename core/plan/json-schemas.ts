/**
 * The JSON Schemas shipped in resources/schemas/ are GENERATED from the zod schemas (one source of
 * truth, no hand-copied drift). `scripts/make-schemas.ts` writes them; a unit test fails when the
 * committed files differ from what this module generates.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LookFileSchema, LOOK_FILE_VERSION } from '../domain/look.ts';
import { PromptPackSchema, PROMPT_PACK_VERSION } from '../domain/prompt-pack.ts';

export const SCHEMAS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'schemas');
export const LOOK_SCHEMA_FILE = join(SCHEMAS_DIR, 'look.schema.json');
export const PROMPT_PACK_SCHEMA_FILE = join(SCHEMAS_DIR, 'prompt-pack.schema.json');

function withHeader(id: string, title: string, description: string, schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema, ...rest } = schema;
  return { $schema, $id: id, title, description, ...rest };
}

/** LOOK.json as a person writes it: fields with defaults are optional (zod input side). */
export function lookJsonSchema(): Record<string, unknown> {
  return withHeader(
    `https://continuity.studio/schemas/look.v${LOOK_FILE_VERSION}.schema.json`,
    'Continuity Studio look file (LOOK.json)',
    'Brand kit, references with roles, product shots, brief, batch settings and optional canon overrides. Paths are relative to the file.',
    z.toJSONSchema(LookFileSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>,
  );
}

/** A clip's prompt pack as written (zod output side: every field present, no extras). */
export function promptPackJsonSchema(): Record<string, unknown> {
  return withHeader(
    `https://continuity.studio/schemas/prompt-pack.v${PROMPT_PACK_VERSION}.schema.json`,
    'Continuity Studio prompt pack',
    'Everything needed to re-run one clip: look, canon version, shot, deltas, prompts, references with sha256, model, parameters, size, seconds, fps.',
    z.toJSONSchema(PromptPackSchema, { io: 'output', target: 'draft-2020-12' }) as Record<string, unknown>,
  );
}

/** Canonical file text (2-space JSON + newline) so regeneration is byte-stable. */
export function schemaFileText(schema: Record<string, unknown>): string {
  return JSON.stringify(schema, null, 2) + '\n';
}
