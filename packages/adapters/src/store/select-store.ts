import type { StoreLocation, StorePort } from '@metawsm/core';
import type { CopyReport } from './copy/copy-store.js';
import { SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';

/** How to open a store: SQLite-only details (PostgreSQL ignores them). */
export type OpenStoreOptions = Pick<SqliteStoreOptions, 'readOnly' | 'maxPageCount'>;

/**
 * Open the store at `location`: the SQLite file, or the PostgreSQL database (its driver is loaded
 * only then, so SQLite users never load it). Both are migrated to the latest schema.
 */
export async function openStore(location: StoreLocation, options: OpenStoreOptions = {}): Promise<StorePort> {
  if (location.kind === 'sqlite') return SqliteStore.open({ file: location.file, ...options });
  const { PostgresStore } = await import('./postgres/postgres-store.js');
  return PostgresStore.open({ url: location.url, source: location.source });
}

/**
 * Copy a whole store into another (SQLite or PostgreSQL, either way), in one transaction on the
 * destination; locks are not copied. STORE_NOT_EMPTY for a destination with data unless `merge`.
 * Loads the copier (and the PostgreSQL driver) on first use.
 */
export async function copyStore(input: {
  from: StoreLocation;
  to: StoreLocation;
  merge: boolean;
}): Promise<CopyReport> {
  return (await import('./copy/copy-store.js')).copyStore(input);
}
