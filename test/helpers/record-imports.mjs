// A Node `--import` hook for tests: appends every module URL the process resolves to the file named
// by RECORD_IMPORTS_TO, one per line. Lets a test see which modules a command loaded.
import { register } from 'node:module';

register(new URL('./record-imports-hooks.mjs', import.meta.url), { data: { file: process.env.RECORD_IMPORTS_TO } });
