/** core/store public surface. */
export { openProject, applyPragmas, DB_FILE, ASSETS_DIR, type Project, type OpenProjectOptions } from './open-project.ts';
export { migrate, userVersion, latestVersion, checkMigrationList, type Db, type MigrateResult } from './migrate.ts';
export { createAssetStore, normaliseExt, type AssetStore, type AssetRef } from './asset-store.ts';
export { writeFileAtomic, commitTempFile, tempPathBeside, fsyncDir } from './atomic-write.ts';
export * from './looks-repo.ts';
export * from './shots-repo.ts';
export * from './sessions-repo.ts';
export * from './takes-repo.ts';
export * from './settings-repo.ts';
export * from './assets-repo.ts';
export { newId, nowIso } from './row-helpers.ts';
