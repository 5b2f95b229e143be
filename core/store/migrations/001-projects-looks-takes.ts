import type { Migration } from './migration.ts';

// Owned by the store work (issue 2): looks, references, canon versions, shots, takes, assets.
export const migration001: Migration = { version: 1, name: 'projects-looks-takes', up: `SELECT 1;` };
