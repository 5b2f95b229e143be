import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MANIFEST_SCHEMA_FILE, manifestSchemaText } from '../../../core/export/manifest-json-schema.ts';
import { ManifestSchema, serializeManifest } from '../../../core/export/manifest.ts';

test('the shipped manifest JSON Schema is the one generated from ManifestSchema', () => {
  assert.equal(readFileSync(MANIFEST_SCHEMA_FILE, 'utf8'), manifestSchemaText(),
    'resources/schemas/manifest.schema.json is stale: regenerate it (see core/export/manifest-json-schema.ts)');
});

test('serializeManifest refuses a manifest that does not match the schema', () => {
  const bad = { schemaVersion: 1, files: [{ path: 'a', sha256: 'xyz', bytes: 1 }] };
  assert.throws(() => serializeManifest(bad as never));
  assert.ok(ManifestSchema.safeParse({}).success === false);
});
