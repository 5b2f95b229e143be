import type { Migration } from './migration.ts';

// Owned by the durable jobs work (issue 7): jobs, batches, cost ledger.
export const migration002: Migration = { version: 2, name: 'jobs', up: `SELECT 1;` };
