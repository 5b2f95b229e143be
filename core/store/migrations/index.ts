import type { Migration } from './migration.ts';
import { migration001 } from './001-projects-looks-takes.ts';
import { migration002 } from './002-jobs.ts';
import { migration003 } from './003-records.ts';

/** All migrations in order. Append only. */
export const migrations: Migration[] = [migration001, migration002, migration003];
