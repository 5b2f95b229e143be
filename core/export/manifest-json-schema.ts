/**
 * resources/schemas/manifest.schema.json is GENERATED from ManifestSchema (one source of truth,
 * like the look and prompt-pack schemas in core/plan/json-schemas.ts); a unit test fails when the
 * committed file differs. Regenerate: npx tsx -e "import('./core/export/manifest-json-schema.ts').then(m => m.writeManifestJsonSchema())"
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { MANIFEST_VERSION, ManifestSchema } from './manifest.ts';

export const MANIFEST_SCHEMA_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'schemas', 'manifest.schema.json');

/** The clip pack manifest as written (zod output side). */
export function manifestJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(ManifestSchema, { io: 'output', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema,
    $id: `https://continuity.studio/schemas/manifest.v${MANIFEST_VERSION}.schema.json`,
    title: 'Continuity Studio clip pack manifest',
    description: 'Every file of a clip pack with its path relative to the pack root, sha256 and size, plus the app version, the batch settings, the delivered and skipped takes and one timestamp (createdAt).',
    ...rest,
  };
}

/** The schema file's canonical text (2-space JSON + newline). */
export function manifestSchemaText(): string {
  return JSON.stringify(manifestJsonSchema(), null, 2) + '\n';
}

/** Regenerate resources/schemas/manifest.schema.json. */
export function writeManifestJsonSchema(): void {
  writeFileSync(MANIFEST_SCHEMA_FILE, manifestSchemaText());
}
