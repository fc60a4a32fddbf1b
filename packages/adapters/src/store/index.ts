export { SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export { DEFAULT_BUSY_RETRY, type BusyRetryPolicy } from './sqlite-errors.js';
export { STORE_MIGRATIONS } from './migrations/index.js';
export type { MigrationDialect, StoreDialectName, StoreMigration } from './migrations/dialect.js';
export { copyStore, openStore } from './select-store.js';
export type { CopiedCount, CopyReport } from './copy/copy-store.js';
