// Regenerates resources/schemas/*.schema.json from the zod schemas in core/domain.
// Run after changing core/domain/look.ts or prompt-pack.ts: `npx tsx scripts/make-schemas.ts`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { LOOK_SCHEMA_FILE, PROMPT_PACK_SCHEMA_FILE, SCHEMAS_DIR, lookJsonSchema, promptPackJsonSchema, schemaFileText } from '../core/plan/json-schemas.ts';

mkdirSync(SCHEMAS_DIR, { recursive: true });
writeFileSync(LOOK_SCHEMA_FILE, schemaFileText(lookJsonSchema()));
writeFileSync(PROMPT_PACK_SCHEMA_FILE, schemaFileText(promptPackJsonSchema()));
console.log(`wrote ${LOOK_SCHEMA_FILE}\nwrote ${PROMPT_PACK_SCHEMA_FILE}`);
