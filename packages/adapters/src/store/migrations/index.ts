import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './0001_initial.js';
import { httpCacheMigration } from './0002_http_cache.js';

/** Every migration, by name; names sort in the order they run. Never rename or edit a shipped one. */
export const STORE_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': initialMigration,
  '0002_http_cache': httpCacheMigration,
};

/** Kysely migration provider over {@link STORE_MIGRATIONS} (in code, so bundling needs no files). */
export const storeMigrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...STORE_MIGRATIONS }),
};
